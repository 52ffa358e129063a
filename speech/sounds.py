"""Pronunciation look-ups used by the speech package.

The project's lexicon (:mod:`lexicon`) provides ``phonemes``,
``confusables``, ``homophones``, ``in_cmudict`` and the child-safety word list; this
module wraps them (tuples, cached) and adds what the judge needs on top: sound
classes for the alignment costs and child-friendly sound names.
"""

from __future__ import annotations

import functools

from lexicon import confusables as _confusables
from lexicon import homophones as _homophones
from lexicon import in_cmudict, is_dictionary_word
from lexicon import phonemes as _phonemes
from lexicon import sound_neighbours as _sound_neighbours
from lexicon.safety import is_child_safe_word

__all__ = [
    "VOWELS",
    "confusables",
    "homophones",
    "in_cmudict",
    "is_child_safe_word",
    "is_dictionary_word",
    "normalise_word",
    "phonemes",
    "same_group",
    "sound_example",
    "sound_name",
    "sound_neighbours",
]

VOWELS = frozenset(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"])

# Groups of sounds that are easy to confuse; substitutions inside a group cost less.
SOUND_GROUPS = (
    frozenset(["B", "D", "P", "T", "G", "K"]),
    frozenset(["F", "V", "TH", "DH"]),
    frozenset(["S", "Z", "SH", "ZH", "CH", "JH"]),
    frozenset(["M", "N", "NG"]),
    frozenset(["L", "R", "W", "Y"]),
    frozenset(["AE", "EH", "IH", "AH", "AA", "AO", "UH"]),
    frozenset(["IY", "EY", "AY", "OW", "UW", "AW", "OY", "ER"]),
)

# Child-friendly name for each sound, with an example word where the letters alone are ambiguous.
SOUND_NAMES = {
    "AA": ("o", "hot"),
    "AE": ("a", "cat"),
    "AH": ("u", "cup"),
    "AO": ("aw", "saw"),
    "AW": ("ow", "cow"),
    "AY": ("igh", "night"),
    "B": ("b", None),
    "CH": ("ch", None),
    "D": ("d", None),
    "DH": ("th", "this"),
    "EH": ("e", "bed"),
    "ER": ("er", "her"),
    "EY": ("ay", "day"),
    "F": ("f", None),
    "G": ("g", None),
    "HH": ("h", None),
    "IH": ("i", "sit"),
    "IY": ("ee", "see"),
    "JH": ("j", None),
    "K": ("k", None),
    "L": ("l", None),
    "M": ("m", None),
    "N": ("n", None),
    "NG": ("ng", None),
    "OW": ("oa", "boat"),
    "OY": ("oy", "boy"),
    "P": ("p", None),
    "R": ("r", None),
    "S": ("s", None),
    "SH": ("sh", None),
    "T": ("t", None),
    "TH": ("th", "thin"),
    "UH": ("oo", "book"),
    "UW": ("oo", "moon"),
    "V": ("v", None),
    "W": ("w", None),
    "Y": ("y", None),
    "Z": ("z", None),
    "ZH": ("zh", "treasure"),
}


def normalise_word(word: str) -> str:
    return str(word).strip().lower().strip('.,!?;:"')


@functools.lru_cache(maxsize=8192)
def phonemes(word: str) -> tuple[str, ...]:
    """ARPAbet phonemes of ``word`` without stress digits; empty if unknown."""
    word = normalise_word(word)
    return tuple(_phonemes(word)) if word else ()


@functools.lru_cache(maxsize=4096)
def confusables(word: str, limit: int = 8) -> tuple[str, ...]:
    """Real words a dyslexic reader might say instead of ``word``."""
    word = normalise_word(word)
    if not word:
        return ()
    return tuple(w for w in _confusables(word, limit=limit) if normalise_word(w) != word)


@functools.lru_cache(maxsize=4096)
def sound_neighbours(word: str, limit: int = 20) -> tuple[str, ...]:
    """Common words one sound away from ``word`` (any sound), most frequent first."""
    word = normalise_word(word)
    return tuple(_sound_neighbours(word, limit=limit)) if word else ()


@functools.lru_cache(maxsize=4096)
def homophones(word: str) -> tuple[str, ...]:
    """Common words said exactly like ``word`` (a correct reading)."""
    word = normalise_word(word)
    return tuple(_homophones(word)) if word else ()


def sound_name(phone: str) -> str:
    """Short name of a sound for a child, e.g. ``sh`` or ``a``."""
    return SOUND_NAMES.get(phone, (phone.lower(), None))[0]


def sound_example(phone: str) -> str | None:
    """An example word for vowel sounds and 'th' (e.g. ``cat`` for /a/), else None."""
    return SOUND_NAMES.get(phone, (phone.lower(), None))[1]


def sound_label(phone: str) -> str:
    """``/sh/`` or ``/a/ as in 'cat'``."""
    example = sound_example(phone)
    name = f"/{sound_name(phone)}/"
    return f"{name} as in '{example}'" if example else name


def same_group(a: str, b: str) -> bool:
    return any(a in group and b in group for group in SOUND_GROUPS)
