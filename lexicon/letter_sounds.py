"""A word's letters in groups, one per sound: "cake" -> c|a|ke, "knight" -> kn|igh|t.

Why: the practice page lights up the word's own letters sound by sound while the
word is spoken, so a reader links each written chunk to what they hear. The
grouping comes from :func:`lexicon.alignment.align`; a silent letter joins the
chunk before it (the "e" of "cake" belongs with the "k"), or the next one at the
start of a word.
"""

from __future__ import annotations

from .alignment import align
from .sound_spelling import SOUND_SPELLINGS

__all__ = ["letter_sounds"]


def letter_sounds(word: str, phonemes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """[(letters, friendly sound), ...] covering every letter of ``word`` in order.

    Falls back to the whole word as one chunk when the letters and sounds can't be
    lined up (no phonemes, or characters the aligner does not know).
    """
    phones = tuple(phonemes)
    aligned = align(word.lower(), phones) if word and phones else None
    if aligned is None:
        return [(word, "")] if word else []
    units, _cost = aligned
    groups: list[list] = []
    pending_silent = ""
    for unit in units:
        letters = word[unit.start : unit.end]
        if unit.silent:
            if groups:
                groups[-1][0] += letters
            else:
                pending_silent += letters
            continue
        sound = "-".join(
            SOUND_SPELLINGS.get(phone.rstrip("012"), phone.lower())
            for phone in phones[unit.p_start : unit.p_end]
        )
        groups.append([pending_silent + letters, sound])
        pending_silent = ""
    if pending_silent:  # a word of silent letters only: nothing to light up but the word
        return [(word, "")]
    return [(letters, sound) for letters, sound in groups]
