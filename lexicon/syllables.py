"""Split a written word into syllables ("but-ter-fly").

Why: chunking a long word into syllables is one of the core reading
strategies taught to dyslexic learners, so the chunks must be right.
Pyphen (the LibreOffice/TeX hyphenation patterns, en_US) gives good
*written* breaks but knows nothing about sound; CMUdict knows how many
syllables are *said*.  We trust pyphen when its count matches one of the
word's CMUdict pronunciations, and otherwise re-split with simple phonics
rules aimed at CMUdict's count:

* vowel groups (a, e, i, o, u, and y when it is not a consonant) are the
  syllable nuclei; a silent final e, a silent "-ed"/"-es" and vowel pairs
  that are usually said as one sound are merged away when there are too
  many nuclei; vowel pairs that are often split ("i-a", "e-o", "o-i" ...)
  are split when there are too few;
* between two nuclei: one consonant goes to the next syllable (ti-ger),
  two are split (rab-bit) unless they make a digraph (fa-ther) or an
  l/r blend (se-cret); with three or more, a blend starts the next
  syllable (chil-dren); a consonant + "le" ending stays together
  (ta-ble); "x" and "ck" stay on the left (ex-it, pick-le).

If the rules cannot reach the CMUdict count either, pyphen's answer is
kept, since a slightly wrong break beats a nonsensical one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .pronunciation import cmu_pronunciations, phonemes_with_stress
from .text import normalise

__all__ = ["syllable_count", "syllables"]

_VOWELS = frozenset("aeiou")
_DIGRAPHS = frozenset({"sh", "ch", "th", "ph", "wh", "gh", "ck", "ng", "qu"})
_LEFT_DIGRAPHS = frozenset({"ck", "ng", "gh"})  # stay with the syllable before
# fmt: off
_BLENDS = frozenset({
    "bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sk", "sl", "sm", "sn",
    "sp", "st", "sw", "tr", "tw", "wr", "scr", "spl", "spr", "str", "squ", "thr", "shr", "chr", "sch",
})
_LR_BLENDS = frozenset({"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr"})
# Vowel pairs that are most often said as two syllables, best first.
_HIATUS = (
    "ia", "io", "eo", "iu", "ua", "uo", "oe", "ue", "ui", "ea", "oi", "ie",
    "ei", "eu", "ao", "oa", "ya", "yo", "yi", "ai", "au", "ee", "oo", "ou",
)
# fmt: on


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    """The en_US pyphen dictionary, loaded once (~0.1 s)."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def _is_vowel(word: str, i: int) -> bool:
    """Is letter ``i`` acting as a vowel?  Handles y, qu- and gu-."""
    ch = word[i]
    if ch in _VOWELS:
        if ch == "u" and i > 0 and word[i - 1] == "q":
            return False  # "qu" is K W
        # "guess", "guide": a u between g and another vowel is silent
        return not (
            ch == "u"
            and i > 0
            and word[i - 1] == "g"
            and i + 1 < len(word)
            and word[i + 1] in _VOWELS
            and i + 2 < len(word)
        )
    if ch == "y" and i > 0:  # word-initial y is a consonant: "yes"
        nxt = word[i + 1] if i + 1 < len(word) else ""
        # "beyond": consonant; "gym", "day", "flying": vowel
        return nxt not in _VOWELS or nxt == "i"
    return False


def _vowel_groups(word: str) -> list[list[int]]:
    """Runs of vowel letters as [start, end) index pairs."""
    groups: list[list[int]] = []
    for i in range(len(word)):
        if _is_vowel(word, i):
            if groups and groups[-1][1] == i:
                groups[-1][1] = i + 1
            else:
                groups.append([i, i + 1])
    return groups


def _reduce(word: str, groups: list[list[int]], target: int) -> list[list[int]]:
    """Drop nuclei that are usually silent until we reach ``target``."""
    groups = [g[:] for g in groups]
    n = len(word)

    def last_is(start: int, text: str) -> bool:
        return start == n - len(text) and word.endswith(text)

    if len(groups) > target and len(groups) > 1:
        g = groups[-1]
        # silent final e: "cake", "smile" (but not "table", "be")
        if (
            g == [n - 1, n]
            and word[-1] == "e"
            and n >= 3
            and word[-2] not in _VOWELS
            and not (word[-2] == "l" and word[-3] not in _VOWELS)
        ):
            groups.pop()
    if len(groups) > target and len(groups) > 1:
        g = groups[-1]
        # silent -ed / -es: "baked", "cakes" (but "wanted", "boxes")
        if (
            last_is(g[0], "ed")
            and n >= 4
            and word[-3] not in "td"
            or last_is(g[0], "es")
            and n >= 4
            and word[-3] not in "sxzhc"
        ):
            groups.pop()
    while len(groups) > target:
        # merge the closest pair of nuclei (fewest consonants between)
        best = min(range(len(groups) - 1), key=lambda k: groups[k + 1][0] - groups[k][1])
        groups[best][1] = groups[best + 1][1]
        del groups[best + 1]
    return groups


def _expand(word: str, groups: list[list[int]], target: int) -> list[list[int]]:
    """Split vowel pairs that are often two syllables ("li-on", "i-de-a")."""
    groups = [g[:] for g in groups]
    while len(groups) < target:
        done = False
        for pair in _HIATUS:
            for k, (start, end) in enumerate(groups):
                for i in range(start, end - 1):
                    if word[i : i + 2] == pair:
                        groups[k : k + 1] = [[start, i + 1], [i + 1, end]]
                        done = True
                        break
                if done:
                    break
            if done:
                break
        if not done:
            return groups
    return groups


def _onset_size(word: str, cluster: str, is_last: bool, next_end: int) -> int:
    """How many letters of the consonant ``cluster`` start the next syllable."""
    n = len(cluster)
    if n == 0:
        return 0
    # consonant + "le" at the end: "ta-ble", "lit-tle", "pick-le"
    if is_last and word.endswith("le") and next_end == len(word):
        if cluster.endswith("ck"):
            return 0
        return 1
    if n == 1:
        return 0 if cluster == "x" else 1
    if n == 2:
        if cluster in _LEFT_DIGRAPHS:
            return 0
        if cluster in _DIGRAPHS or cluster in _LR_BLENDS:
            return 2
        return 1
    # three or more: longest blend or digraph at the end (max 3 letters)
    for size in (3, 2):
        tail = cluster[-size:]
        if tail in _BLENDS or tail in _DIGRAPHS:
            if tail in _LEFT_DIGRAPHS:
                continue
            return size
    return 1


def _rule_split(word: str, target: int, hints: tuple[int, ...] = ()) -> list[str] | None:
    """Split ``word`` into ``target`` syllables with phonics rules, or None.

    ``hints`` are pyphen's break positions: wherever one falls between the
    same two vowel nuclei we keep it, so the rules only fill in the breaks
    pyphen missed (it never leaves a one-letter piece at either end, e.g.
    "a-way", "o-pen").
    """
    groups = _vowel_groups(word)
    if not groups:
        return None
    if len(groups) > target:
        groups = _reduce(word, groups, target)
    elif len(groups) < target:
        groups = _expand(word, groups, target)
    if len(groups) != target:
        return None
    cuts: list[int] = []
    for k in range(len(groups) - 1):
        left_end = groups[k][1]
        right_start = groups[k + 1][0]
        hinted = [h for h in hints if left_end <= h <= right_start]
        if hinted:
            cuts.append(hinted[0])
            continue
        cluster = word[left_end:right_start]
        is_last = k == len(groups) - 2
        take = _onset_size(word, cluster, is_last, len(word) if is_last else groups[k + 1][1])
        cuts.append(right_start - take)
    pieces: list[str] = []
    prev = 0
    for cut in cuts:
        pieces.append(word[prev:cut])
        prev = cut
    pieces.append(word[prev:])
    if any(not p for p in pieces):
        return None
    return pieces


def _split_part(part: str) -> list[str]:
    """Syllables of one hyphen-free piece of a word."""
    if not part:
        return []
    pieces = _hyphenator().inserted(part).split("-")
    pieces = [p for p in pieces if p]
    prons = cmu_pronunciations(part)
    if prons:
        counts = [sum(ph[-1].isdigit() for ph in p) for p in prons]
    else:
        guess = phonemes_with_stress(part)
        counts = [sum(ph[-1].isdigit() for ph in guess)] if guess else []
    counts = [c for c in counts if c > 0]
    if not counts or len(pieces) in counts:
        return _fix_le(pieces)
    # Aim for CMUdict's first pronunciation; keep pyphen if rules fail.
    hints: list[int] = []
    pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        hints.append(pos)
    return _fix_le(_rule_split(part, counts[0], tuple(hints)) or pieces)


def _fix_le(pieces: list[str]) -> list[str]:
    """Move the consonant before a final "le" into it: "tab-le" -> "ta-ble".

    Pyphen sometimes breaks consonant-le words the other way; phonics
    teaches the consonant-le syllable as one chunk ("ta-ble", "jun-gle").
    "ck" stays on the left ("pick-le").
    """
    if len(pieces) < 2 or pieces[-1] != "le":
        return pieces
    prev = pieces[-2]
    if len(prev) < 2 or prev[-1] in _VOWELS or prev[-1] == "y" or prev.endswith("ck"):
        return pieces
    if not any(_is_vowel(prev, i) for i in range(len(prev) - 1)):
        return pieces
    return [*pieces[:-2], prev[:-1], prev[-1] + "le"]


@lru_cache(maxsize=8192)
def _syllables(key: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in key.split("-"):
        out.extend(_split_part(part))
    return tuple(out)


def syllables(word: object) -> list[str]:
    """Written syllables of ``word``: "butterfly" -> ["but", "ter", "fly"].

    The pieces join back to the (normalised) word, hyphens excepted.  When
    the word is in CMUdict the number of pieces matches one of its
    pronunciations.  ``[]`` for invalid input.
    """
    key = normalise(word)
    if key is None:
        return []
    return list(_syllables(key))


def syllable_count(word: object) -> int:
    """Number of written syllables (see :func:`syllables`)."""
    return len(syllables(word))
