"""Line up a word's letters with its CMUdict sounds: "cake" -> c|K a|EY k|K e|-.

Why: to split a word into written syllables from how it is *said*, each
syllable break found among the phonemes has to be carried back to a place
between letters.  That needs to know which letters spell which sounds
("tt" is one T in "butter", "x" is K S in "taxi", the final "e" of "cake"
is silent, "le" is AH L in "table").

How: a small dynamic program over (letters used, phonemes used).  Each step
takes one *grapheme* (1-4 letters) and the 0-3 phonemes it spells, at a cost:
the English spellings in :data:`GRAPHEMES` are cheap, anything else (a vowel
letter for an unexpected vowel sound, a silent consonant, a sound with no
letter) is possible but dear, so every pronunciation aligns and the cheapest
alignment is the plausible one.  Plain Python, no data files, ~0.1 ms a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .ipa import ARPABET_VOWELS

__all__ = ["GRAPHEMES", "Unit", "align"]

_VOWEL_LETTERS = frozenset("aeiouy")

# grapheme -> {phonemes (stress stripped): cost}.  Cost 0 = the usual spelling.
# fmt: off
_TABLE: dict[str, dict[str, float]] = {
    # consonants
    "b": {"B": 0}, "bb": {"B": 0}, "c": {"K": 0, "S": 0, "CH": 0.5, "SH": 0.5},
    "cc": {"K": 0, "K S": 0, "CH": 0.5}, "ch": {"CH": 0, "K": 0, "SH": 0}, "ck": {"K": 0},
    "cq": {"K": 0}, "ct": {"K T": 0.3}, "d": {"D": 0, "T": 0, "JH": 0.5}, "dd": {"D": 0},
    "dg": {"JH": 0}, "dge": {"JH": 0}, "f": {"F": 0, "V": 0.5}, "ff": {"F": 0},
    "g": {"G": 0, "JH": 0, "ZH": 0.5, "NG": 1}, "gg": {"G": 0, "G JH": 0.2, "JH": 0.2},
    "gh": {"G": 0, "F": 0, "": 0.3}, "gn": {"N": 0.3}, "gu": {"G": 0.5, "G W": 0.5},
    "h": {"HH": 0, "": 0.8}, "j": {"JH": 0, "Y": 0.5, "HH": 0.5}, "k": {"K": 0},
    "kn": {"N": 0}, "l": {"L": 0, "AH L": 1.2}, "ll": {"L": 0, "Y": 1}, "le": {"AH L": 0, "L": 0.5},
    "m": {"M": 0, "AH M": 1.5}, "mm": {"M": 0}, "mb": {"M": 0.3}, "mn": {"M": 0.5},
    "n": {"N": 0, "NG": 0, "AH N": 1.5}, "nn": {"N": 0}, "ng": {"NG": 0, "NG G": 0.2},
    "p": {"P": 0}, "pp": {"P": 0}, "ph": {"F": 0, "V": 0.5}, "pn": {"N": 0.5}, "ps": {"S": 0.5},
    "q": {"K": 0}, "qu": {"K W": 0, "K": 0.3}, "r": {"R": 0, "ER": 1}, "rr": {"R": 0}, "rh": {"R": 0},
    "s": {"S": 0, "Z": 0, "SH": 0.3, "ZH": 0.3}, "ss": {"S": 0, "SH": 0.3, "Z": 0.3},
    "sc": {"S": 0.2, "SH": 0.5}, "sch": {"S K": 0.2, "SH": 0.5}, "sh": {"SH": 0},
    "t": {"T": 0, "CH": 0.3, "SH": 0.3, "D": 0.5, "": 1.2}, "tt": {"T": 0, "D": 0.5},
    "tch": {"CH": 0}, "th": {"TH": 0, "DH": 0, "T": 0.3}, "ti": {"SH": 0.2, "CH": 0.5},
    "ci": {"SH": 0.2}, "si": {"ZH": 0.3, "SH": 0.3}, "ssi": {"SH": 0.2}, "sci": {"SH": 0.3},
    "gi": {"JH": 0.3}, "ge": {"JH": 0.3}, "shi": {"SH": 0.3}, "ce": {"SH": 0.3},
    "xi": {"K SH": 0.3}, "eigh": {"EY": 0, "AY": 0.3}, "augh": {"AO": 0, "AE F": 0.3},
    "ough": {"AO": 0, "OW": 0, "UW": 0, "AW": 0, "AH F": 0.3, "AO F": 0.3}, "su": {"ZH": 1}, "v": {"V": 0},
    "w": {"W": 0, "": 1}, "wh": {"W": 0, "HH": 0}, "wr": {"R": 0},
    "x": {"K S": 0, "G Z": 0, "Z": 0.3, "K SH": 0.3, "G ZH": 0.5}, "xc": {"K S": 0.3},
    "y": {"Y": 0, "IY": 0, "AY": 0, "IH": 0}, "z": {"Z": 0, "S": 0.3, "ZH": 0.3}, "zz": {"Z": 0},
    "'": {"": 0},
    # vowels
    "a": {"AE": 0, "EY": 0, "AA": 0, "AH": 0, "AO": 0, "EH": 0.3, "IH": 0.3, "ER": 1},
    "ai": {"EY": 0, "EH": 0.3, "AH": 0.3, "IH": 0.3, "AY": 0.5}, "ay": {"EY": 0, "IY": 0.5},
    "au": {"AO": 0, "AA": 0, "AW": 0.3, "EY": 0.5}, "aw": {"AO": 0, "AA": 0},
    "e": {"EH": 0, "IY": 0, "IH": 0, "AH": 0, "EY": 0.5, "ER": 1, "": 0.8},
    "ea": {"IY": 0, "EH": 0, "EY": 0.3, "IH": 0.3, "AH": 0.5}, "ee": {"IY": 0, "IH": 0.3},
    "ei": {"EY": 0, "IY": 0, "AY": 0.3, "IH": 0.3}, "ey": {"EY": 0, "IY": 0},
    "eu": {"UW": 0.3, "Y UW": 0.3}, "ew": {"UW": 0, "Y UW": 0, "OW": 0.5}, "eau": {"OW": 0.3},
    "i": {"IH": 0, "AY": 0, "IY": 0, "AH": 0, "Y": 0.5, "ER": 1},
    "ie": {"IY": 0, "AY": 0, "IH": 0.3}, "igh": {"AY": 0},
    "o": {"AA": 0, "OW": 0, "AH": 0, "AO": 0, "UW": 0, "UH": 0.3, "IH": 0.5, "W AH": 0.5, "ER": 1},
    "oa": {"OW": 0, "AO": 0.3}, "oe": {"OW": 0, "UW": 0.3}, "oi": {"OY": 0}, "oy": {"OY": 0},
    "oo": {"UW": 0, "UH": 0, "AH": 0.3, "OW": 0.5},
    "ou": {"AW": 0, "UW": 0, "AH": 0, "OW": 0, "AO": 0, "UH": 0},
    "ow": {"OW": 0, "AW": 0}, "u": {"AH": 0, "UW": 0, "Y UW": 0, "UH": 0, "Y UH": 0.3, "IH": 0.5,
    "Y AH": 0.3, "W": 0.5, "EH": 0.5, "ER": 1}, "ue": {"UW": 0, "Y UW": 0}, "ui": {"UW": 0, "IH": 0.3},
    "uy": {"AY": 0},
    # r-coloured vowels (CMUdict's ER)
    "er": {"ER": 0}, "ir": {"ER": 0}, "ur": {"ER": 0}, "or": {"ER": 0}, "ar": {"ER": 0},
    "ear": {"ER": 0}, "our": {"ER": 0}, "yr": {"ER": 0}, "re": {"ER": 0.3},
}
# fmt: on

#: grapheme -> ((phonemes, cost), ...), derived from the table above.
GRAPHEMES: dict[str, tuple[tuple[tuple[str, ...], float], ...]] = {
    g: tuple((tuple(p.split()), c) for p, c in opts.items()) for g, opts in _TABLE.items()
}
_MAX_GRAPHEME = max(len(g) for g in GRAPHEMES)

# Costs of the fall-backs, for spellings the table does not know.
_COST_VOWEL_FOR_VOWEL = 2.0  # a vowel letter for an unexpected vowel sound
_COST_OTHER_SINGLE = 3.0  # any letter for any one sound
_COST_SILENT_VOWEL = 1.5  # a vowel letter with no sound ("business")
_COST_SILENT_CONSONANT = 2.0  # a consonant letter with no sound ("castle")
_COST_SOUND_WITHOUT_LETTER = 4.0  # a sound nobody wrote down


@dataclass(frozen=True)
class Unit:
    """One grapheme and the phonemes it spells: letters[start:end] <-> phones[p_start:p_end]."""

    start: int
    end: int
    p_start: int
    p_end: int

    @property
    def silent(self) -> bool:
        return self.p_start == self.p_end


def _is_vowel_phone(phone: str) -> bool:
    return phone.rstrip("012") in ARPABET_VOWELS


def _silent_cost(word: str, i: int) -> float:
    """The price of letter ``i`` spelling no sound."""
    letter = word[i]
    n = len(word)
    if letter == "e" and i > 0:
        if i == n - 1:
            return 0.1  # "cake", "gone"
        if i == n - 2 and word[-1] in "sd":
            return 0.3  # "cakes", "baked"
    if i > 0 and letter == word[i - 1] == "r":
        return 0.3  # the second r where ER is spelled "ur", "er": "cur|r|ent"
    return _COST_SILENT_VOWEL if letter in _VOWEL_LETTERS else _COST_SILENT_CONSONANT


@lru_cache(maxsize=16384)
def align(word: str, phones: tuple[str, ...]) -> tuple[tuple[Unit, ...], float] | None:
    """The cheapest alignment of ``word``'s letters with ``phones`` (stress allowed).

    Returns (units, cost) or None for empty input.  Every letter and every
    phoneme belongs to exactly one unit; units are in order.
    """
    n, m = len(word), len(phones)
    if not n or not m:
        return None
    bare = tuple(p.rstrip("012") for p in phones)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue

            def relax(i2: int, j2: int, cost: float, i: int = i, j: int = j, here: float = here) -> None:
                if here + cost < best[i2][j2]:
                    best[i2][j2] = here + cost
                    back[i2][j2] = (i, j)

            # graphemes from the table
            for size in range(1, min(_MAX_GRAPHEME, n - i) + 1):
                options = GRAPHEMES.get(word[i : i + size])
                if not options:
                    continue
                for seq, cost in options:
                    k = len(seq)
                    if j + k <= m and bare[j : j + k] == seq:
                        relax(i + size, j + k, cost)
            if i < n:
                letter = word[i]
                relax(i + 1, j, _silent_cost(word, i))  # a silent letter
                # one letter for one unexpected sound
                if j < m:
                    if letter in _VOWEL_LETTERS and _is_vowel_phone(phones[j]):
                        relax(i + 1, j + 1, _COST_VOWEL_FOR_VOWEL)
                    else:
                        relax(i + 1, j + 1, _COST_OTHER_SINGLE)
            if j < m and i > 0:
                relax(i, j + 1, _COST_SOUND_WITHOUT_LETTER)  # joins the previous grapheme
    if best[n][m] == inf:
        return None
    # walk back
    cells: list[tuple[int, int]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        prev = back[i][j]
        assert prev is not None
        cells.append((i, j))
        i, j = prev
    cells.reverse()
    units: list[Unit] = []
    pi, pj = 0, 0
    for i, j in cells:
        if i == pi and units:
            # a sound without a letter: give it to the grapheme before
            last = units[-1]
            units[-1] = Unit(last.start, last.end, last.p_start, j)
        else:
            units.append(Unit(pi, i, pj, j))
        pi, pj = i, j
    return tuple(units), best[n][m]
