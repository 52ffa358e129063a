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

__all__ = ["is_child_safe_text", "is_child_safe_word", "rude_words", "sensitive_words"]

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


_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "y", "ies")


def is_child_safe_word(word: str) -> bool:
    """False for words on the rude list, and for their plain inflections ("whores")."""
    word = word.lower()
    rude = rude_words()
    if word in rude:
        return False
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if stem in rude or stem + "e" in rude or (ending == "ies" and stem + "y" in rude):
                return False
    return True


def is_child_safe_text(text: str) -> bool:
    """False when any word of ``text`` is rude or a sensitive topic."""
    blocked = rude_words() | sensitive_words()
    return not any(tok in blocked for tok in re.findall(r"[a-z]+", text.lower()))
