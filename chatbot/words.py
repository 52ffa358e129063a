"""Find the word a question is about, even misspelt: "how do i say elefant" -> "elephant".

Candidates are matched with rapidfuzz against the curriculum's words first and then
common English words (wordfreq), on two keys: the spelling and a rough sound key
(ph -> f, ck -> k, soft c -> s, doubled letters once…), so a spelling by ear finds
the word it sounds like ("elefant" is "elephant", not "elegant"). Plain Python.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

import lexicon
from lexicon.safety import is_child_safe_word

# Words of the question itself, never the word it is about (with common misspellings).
QUESTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "im",
        "me",
        "my",
        "u",
        "you",
        "your",
        "yours",
        "we",
        "it",
        "its",
        "is",
        "are",
        "am",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "dose",
        "dos",
        "doing",
        "done",
        "how",
        "hw",
        "what",
        "wat",
        "wot",
        "whats",
        "wats",
        "why",
        "y",
        "which",
        "wich",
        "who",
        "when",
        "where",
        "can",
        "cant",
        "cannot",
        "could",
        "should",
        "shud",
        "shuld",
        "shall",
        "would",
        "will",
        "wil",
        "to",
        "2",
        "too",
        "of",
        "in",
        "into",
        "in",
        "on",
        "for",
        "with",
        "and",
        "or",
        "but",
        "not",
        "no",
        "dont",
        "no",
        "know",
        "now",
        "this",
        "that",
        "these",
        "those",
        "word",
        "words",
        "wurd",
        "say",
        "sey",
        "said",
        "saying",
        "pronounce",
        "pronownce",
        "pronounse",
        "pronouns",
        "pronouce",
        "read",
        "reading",
        "sound",
        "sounds",
        "sound",
        "out",
        "like",
        "mean",
        "means",
        "meaning",
        "meen",
        "meening",
        "define",
        "definition",
        "explain",
        "tell",
        "teach",
        "show",
        "help",
        "please",
        "pls",
        "plz",
        "me",
        "another",
        "same",
        "sentence",
        "use",
        "split",
        "break",
        "brake",
        "syllable",
        "syllables",
        "sylables",
        "many",
        "spell",
        "spelling",
        "letters",
        "it",
        "slow",
        "slowly",
        "slower",
        "out",
        "one",
        "here",
        "there",
        "word's",
        "lets",
        "let",
        "just",
        "get",
        "got",
        "give",
        "gimme",
        "thing",
        "about",
        "again",
    ]
)
# A misspelt candidate must be at least this close (0–100) to count as the word.
MIN_SCORE = 78
SPELLING_WEIGHT = 0.4
COMMON_ZIPF = 3.0
VOCABULARY_SIZE = 40000

_SOUND_RULES = [
    (r"sch", "sk"),
    (r"(le|el|al|il|ol)$", "l"),
    (r"ph", "f"),
    (r"ck", "k"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"z", "s"),
    (r"wh", "w"),
    (r"^kn", "n"),
    (r"^wr", "r"),
    (r"gh", ""),
    (r"ee|ea", "i"),
    (r"oo|ou", "u"),
    (r"(.)\1", r"\1"),
]


def sound_key(word: str) -> str:
    key = word.lower()
    for pattern, replacement in _SOUND_RULES:
        key = re.sub(pattern, replacement, key)
    return key


@lru_cache(maxsize=1)
def common_words() -> tuple[str, ...]:
    from wordfreq import top_n_list

    return tuple(
        w for w in top_n_list("en", VOCABULARY_SIZE) if w.isalpha() and len(w) > 1 and is_child_safe_word(w)
    )


@lru_cache(maxsize=8)
def _index(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return words, tuple(sound_key(w) for w in words)


def candidates(text: str) -> list[str]:
    """The words of a message that could be the word asked about, in order."""
    quoted = re.findall(r"[\"“”'‘’]([A-Za-z]+)[\"“”'‘’]", text)
    tokens = [t.lower() for t in re.findall(r"[A-Za-z]+", text)]
    rest = [t for t in tokens if t not in QUESTION_WORDS and len(t) > 1]
    return [q.lower() for q in quoted] + [t for t in rest if t not in quoted]


def _best(token: str, words: tuple[str, ...]) -> tuple[str, float] | None:
    if not words:
        return None
    spellings, keys = _index(words)
    key = sound_key(token)
    shortlist = {m[2] for m in process.extract(key, keys, scorer=fuzz.ratio, limit=8)}
    shortlist |= {m[2] for m in process.extract(token, spellings, scorer=fuzz.ratio, limit=8)}
    scored = [
        (
            (1 - SPELLING_WEIGHT) * fuzz.ratio(key, keys[i])
            + SPELLING_WEIGHT * fuzz.ratio(token, spellings[i]),
            -i,  # earlier words are the more common (wordfreq order) or the curriculum's
            spellings[i],
        )
        for i in shortlist
    ]
    score, _, word = max(scored)
    return word, score


def find_word(text: str, curriculum: tuple[str, ...] = ()) -> str | None:
    """The word a message asks about: a curriculum word, a real word, or the closest match."""
    curriculum = tuple(sorted({w.lower() for w in curriculum}))
    found = candidates(text)
    for token in found:
        # CMUdict alone also lists names and odd spellings ("castel"): common ones only.
        common = lexicon.in_cmudict(token) and lexicon.frequency(token) >= COMMON_ZIPF
        if token in curriculum or common or lexicon.is_dictionary_word(token):
            return token if is_child_safe_word(token) else None
    for token in found:
        if len(token) < 3:
            continue
        matches = [m for m in (_best(token, curriculum), _best(token, common_words())) if m]
        matches = [m for m in matches if m[1] >= MIN_SCORE]
        if matches:
            # The curriculum wins a tie: it is what the learner is practising.
            return max(matches, key=lambda m: m[1])[0]
    return None
