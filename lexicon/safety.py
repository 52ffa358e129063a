"""Child-safety word lists used to filter what the lexicon shows learners.

Why: WordNet and CMUdict are general-purpose adult resources; a reading app
for children must never suggest a rude word as a synonym, confusable word
or example.  The lists live in ``data/`` as plain text so a teacher or
maintainer can extend them without touching code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = [
    "is_child_safe_synonym",
    "is_child_safe_text",
    "is_child_safe_word",
    "look_alikes",
    "never_synonyms",
    "rude_words",
    "sensitive_words",
]

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read_list(name: str) -> frozenset[str]:
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def rude_words() -> frozenset[str]:
    """Words never shown anywhere (``data/rude_words.txt``)."""
    return _read_list("rude_words.txt")


@lru_cache(maxsize=1)
def sensitive_words() -> frozenset[str]:
    """Topics kept out of example sentences (``data/sensitive_words.txt``)."""
    return _read_list("sensitive_words.txt")


@lru_cache(maxsize=1)
def never_synonyms() -> frozenset[str]:
    """Fine to read, never offered as a synonym (``data/never_synonyms.txt``)."""
    return _read_list("never_synonyms.txt")


_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "y", "ies")


@lru_cache(maxsize=1)
def look_alikes() -> frozenset[str]:
    """Innocent words that look like a form of a rude one (``data/not_rude.txt``)."""
    return _read_list("not_rude.txt")


def is_child_safe_word(word: str) -> bool:
    """False for words on the rude list and for their forms ("whores", "crapped").

    A few innocent look-alikes are listed in ``data/not_rude.txt``: "butter"
    is not a form of "butt", nor "titter" of "tit".
    """
    word = word.lower()
    rude = rude_words()
    if word in rude:
        return False
    if word in look_alikes():
        return True
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            stems = {stem, stem + "e"}
            if ending == "ies":
                stems.add(stem + "y")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # doubled consonant: "crapped"
            if stems & rude:
                return False
    return True


def is_child_safe_text(text: str) -> bool:
    """False when any word of ``text`` is rude (or a form of one) or a sensitive topic."""
    sensitive = sensitive_words()
    tokens = re.findall(r"[a-z]+", text.lower())
    return all(tok not in sensitive and is_child_safe_word(tok) for tok in tokens)


def is_child_safe_synonym(word: str) -> bool:
    """The check every synonym passes: safe text and not on the never-synonym list."""
    return word.lower() not in never_synonyms() and is_child_safe_text(word)
