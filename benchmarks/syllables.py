"""Syllable counts: how often lexicon.syllables() agrees with CMUdict.

    .venv/bin/python benchmarks/syllables.py            # 5,000 commonest words, ~10 s
    .venv/bin/python benchmarks/syllables.py --words 20000

Words: wordfreq's English top list, keeping alphabetic ASCII words that
CMUdict lists, in frequency order, until ``--words`` are collected.  A word
agrees when the number of written syllables equals the number of vowel
phonemes in CMUdict's FIRST pronunciation (the headline figure) or in ANY of
its pronunciations ("fire": F AY1 R and F AY1 ER0).

Rows: ``lexicon`` is the product (syllables from phonemes, see
lexicon/syllables.py); ``spelling rules`` is the fallback it uses for words
outside CMUdict (pyphen re-split by phonics rules towards the count), run on
every word; ``pyphen`` is the en_US hyphenation patterns alone, the baseline.

The last line printed is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lexicon.pronunciation import cmu_pronunciations  # noqa: E402
from lexicon.syllables import _hyphenator, _spelling_split, syllables  # noqa: E402


def benchmark_words(count: int) -> list[str]:
    from wordfreq import top_n_list

    words: list[str] = []
    for word in top_n_list("en", count * 10):
        if word.isascii() and word.isalpha() and cmu_pronunciations(word):
            words.append(word)
            if len(words) == count:
                break
    return words


def vowel_counts(word: str) -> list[int]:
    return [sum(p[-1].isdigit() for p in pron) for pron in cmu_pronunciations(word)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000, help="how many common words (default 5000)")
    parser.add_argument("--show", type=int, default=15, help="list this many disagreements of lexicon")
    args = parser.parse_args()

    words = benchmark_words(args.words)
    methods = {
        "lexicon": syllables,
        "spelling rules": _spelling_split,
        "pyphen": lambda w: [p for p in _hyphenator().inserted(w).split("-") if p],
    }
    results: dict[str, tuple[float, float, float]] = {}
    misses: list[tuple[str, str, list[int]]] = []
    for name, split in methods.items():
        first = any_ = 0
        start = time.perf_counter()
        for word in words:
            pieces = split(word)
            counts = vowel_counts(word)
            first += len(pieces) == counts[0]
            any_ += len(pieces) in counts
            if name == "lexicon" and len(pieces) not in counts:
                misses.append((word, "·".join(pieces), counts))
        elapsed = time.perf_counter() - start
        results[name] = (100 * first / len(words), 100 * any_ / len(words), 1000 * elapsed / len(words))

    print(f"Syllable count agreement with CMUdict on the {len(words)} commonest words")
    print(f"{'method':<16}{'first pron. %':>15}{'any pron. %':>13}{'ms/word':>10}")
    for name, (first, any_, ms) in results.items():
        print(f"{name:<16}{first:>15.1f}{any_:>13.1f}{ms:>10.3f}")
    if misses and args.show:
        print(f"\nlexicon disagrees with every pronunciation on {len(misses)} words, e.g.:")
        for word, split, counts in misses[: args.show]:
            print(f"  {word:<14}{split:<20} CMUdict: {'/'.join(map(str, counts))}")
    print(
        json.dumps(
            {
                "syllable_agreement_pct": round(results["lexicon"][0], 1),
                "syllable_agreement_any_pron_pct": round(results["lexicon"][1], 1),
                "pyphen_agreement_pct": round(results["pyphen"][0], 1),
                "spelling_rules_agreement_pct": round(results["spelling rules"][0], 1),
                "words": len(words),
            }
        )
    )


if __name__ == "__main__":
    main()
