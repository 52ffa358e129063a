"""Learner-friendly sound spellings: "ship" -> "sh-i-p", "cake" -> "k-ay-k".

Why: ARPAbet ("SH IH1 P") is unreadable for a child and IPA is worse.  A
sound spelling uses the letters a beginning reader already links to each
sound (the phonics "sound cards"), one chunk per sound, joined by hyphens so
the learner can tap out each sound.

Design choices (kept deliberately simple):

* one chunk per phoneme, always lower-case, from :data:`SOUND_SPELLINGS`;
  the same sound is always written the same way, whatever the word's
  spelling ("cake", "rain" and "day" all have "ay");
* both "th" sounds (thin / this) are written "th", and both "oo" sounds
  (book / moon) "oo": children are taught them as one grapheme and the
  difference confuses more than it helps;
* the unstressed "uh" (schwa, as in "about") is written "u", like the "u"
  in "cup", because that is the sound a child hears;
* for words of several syllables the chunks are grouped by *written*
  syllable with " · " between groups: "butterfly" -> "b-u-t · t-er · f-l-igh".
  Each group lines up with a piece of :func:`~lexicon.syllables`,
  so the learner sees and hears the same chunk.  A consonant written
  double across a syllable break ("bu**tt**er") is shown in both groups,
  matching the written chunks.  If the written syllables and the sounds
  cannot be lined up safely (different counts, e.g. a guessed
  pronunciation), the flat form "b-u-t-er-f-l-igh" is used instead.
"""

from __future__ import annotations

from functools import lru_cache

from .ipa import ARPABET_VOWELS
from .pronunciation import cmu_pronunciations, phonemes_with_stress
from .syllables import syllables
from .text import normalise

__all__ = ["SOUND_KEY", "SOUND_SPELLINGS", "SYLLABLE_SEPARATOR", "sound_spelling", "sound_spelling_groups"]

#: Separator between syllable groups in a sound spelling.
SYLLABLE_SEPARATOR = " · "

#: ARPAbet phoneme -> (friendly spelling, example word).  The example word
#: is for a "sound key" the UI can show next to the spelling.
SOUND_KEY: dict[str, tuple[str, str]] = {
    # short vowels
    "AE": ("a", "cat"),
    "EH": ("e", "bed"),
    "IH": ("i", "sit"),
    "AA": ("ah", "hot"),
    "AH": ("u", "cup"),
    "UH": ("oo", "book"),
    # long vowels and diphthongs
    "EY": ("ay", "day"),
    "IY": ("ee", "see"),
    "AY": ("igh", "high"),
    "OW": ("oh", "go"),
    "UW": ("oo", "moon"),
    "AW": ("ow", "cow"),
    "OY": ("oy", "boy"),
    "AO": ("aw", "saw"),
    "ER": ("er", "her"),
    # consonants
    "B": ("b", "bat"),
    "CH": ("ch", "chip"),
    "D": ("d", "dog"),
    "DH": ("th", "this"),
    "F": ("f", "fish"),
    "G": ("g", "go"),
    "HH": ("h", "hat"),
    "JH": ("j", "jam"),
    "K": ("k", "kit"),
    "L": ("l", "leg"),
    "M": ("m", "map"),
    "N": ("n", "net"),
    "NG": ("ng", "sing"),
    "P": ("p", "pig"),
    "R": ("r", "red"),
    "S": ("s", "sun"),
    "SH": ("sh", "ship"),
    "T": ("t", "top"),
    "TH": ("th", "thin"),
    "V": ("v", "van"),
    "W": ("w", "wet"),
    "Y": ("y", "yes"),
    "Z": ("z", "zip"),
    "ZH": ("zh", "treasure"),
}

#: ARPAbet phoneme -> friendly spelling (the first column of SOUND_KEY).
SOUND_SPELLINGS: dict[str, str] = {k: v[0] for k, v in SOUND_KEY.items()}

_VOWEL_LETTERS = frozenset("aeiouy")
# Letter groups that are one consonant sound, for estimating how many
# consonant phonemes a written chunk holds.
_CONSONANT_DIGRAPHS = ("tch", "dge", "sh", "ch", "th", "ph", "wh", "gh", "ck", "ng", "kn", "wr", "gn", "mb")


# Which consonant sounds a letter can spell (approximate, for alignment).
_LETTER_SOUNDS: dict[str, tuple[str, ...]] = {
    "b": ("B",),
    "c": ("K", "S", "CH", "SH"),
    "d": ("D", "JH", "T"),
    "f": ("F",),
    "g": ("G", "JH", "ZH", "NG"),
    "h": ("HH",),
    "j": ("JH",),
    "k": ("K",),
    "l": ("L",),
    "m": ("M",),
    "n": ("N", "NG"),
    "p": ("P", "F"),
    "q": ("K",),
    "r": ("R",),
    "s": ("S", "Z", "SH", "ZH"),
    "t": ("T", "CH", "SH", "TH", "DH"),
    "v": ("V",),
    "w": ("W",),
    "x": ("K", "S", "Z"),
    "y": ("Y",),
    "z": ("Z", "S", "ZH"),
}


def _is_plain_sound(letter: str, phone: str) -> bool:
    """Is ``phone`` the everyday sound of ``letter`` (t -> T, c -> K)?"""
    return _friendly(phone) == letter or (letter == "c" and phone == "K")


def _friendly(phone: str) -> str:
    base = phone.rstrip("012")
    return SOUND_SPELLINGS.get(base, base.lower())


def _consonant_units(letters: str) -> int:
    """Roughly how many consonant sounds a run of consonant letters holds.

    "tch" -> 1, "str" -> 3, "x" -> 2 (K S), "tt" -> 1.
    """
    count = 0
    i = 0
    while i < len(letters):
        for dg in _CONSONANT_DIGRAPHS:
            if letters.startswith(dg, i):
                count += 1
                i += len(dg)
                break
        else:
            ch = letters[i]
            if i + 1 < len(letters) and letters[i + 1] == ch:
                i += 2  # double letter, one sound
            else:
                i += 1
            count += 2 if ch == "x" else 1
    return count


def _edges(chunk: str) -> tuple[str, str]:
    """Leading and trailing consonant letters of a written syllable."""
    start = 0
    while start < len(chunk) and chunk[start] not in _VOWEL_LETTERS:
        start += 1
    if start == len(chunk) - 1 and chunk.endswith("le") and start >= 2:
        # consonant-le syllable: in "ble" only the b comes before the vowel
        # sound (B AH L); the l follows it.
        return chunk[: start - 1], ""
    body = chunk
    # A final silent e is not a vowel sound: the coda of "ice" is "c".
    if (
        len(body) >= 3
        and body.endswith("e")
        and body[-2] not in _VOWEL_LETTERS
        and any(ch in _VOWEL_LETTERS for ch in body[:-2])
    ):
        body = body[:-1]
    end = len(body)
    while end > start and body[end - 1] not in _VOWEL_LETTERS:
        end -= 1
    return chunk[:start], body[end:] if end > start else ""


def _group(phones: list[str], chunks: list[str]) -> list[list[str]] | None:
    """Share ``phones`` out over the written ``chunks``, one vowel each.

    Returns None when the counts do not line up, so the caller falls back
    to the flat spelling rather than showing a misleading grouping.
    """
    nuclei = [i for i, p in enumerate(phones) if p.rstrip("012") in ARPABET_VOWELS]
    if len(nuclei) != len(chunks) or len(chunks) < 2:
        return None
    groups: list[list[str]] = [[] for _ in chunks]
    # everything up to and including the first vowel goes to chunk 0
    groups[0].extend(phones[: nuclei[0] + 1])
    for k in range(len(chunks) - 1):
        between = phones[nuclei[k] + 1 : nuclei[k + 1]]
        coda_letters = _edges(chunks[k])[1]
        onset_letters = _edges(chunks[k + 1])[0]
        n = len(between)
        onset = min(_consonant_units(onset_letters), n)
        coda_units = _consonant_units(coda_letters)
        if n - onset > coda_units:
            onset = n - coda_units
        coda = between[: n - onset]
        head = between[n - onset :]
        # One sound, two different letters ("whis|tle": the t is silent):
        # give the sound to the side whose letter can spell it.
        while (
            head
            and coda_letters
            and onset_letters
            and len(coda) < coda_units
            and head[0] not in _LETTER_SOUNDS.get(onset_letters[0], ())
            and head[0] in _LETTER_SOUNDS.get(coda_letters[-1], ())
        ):
            coda = [*coda, head[0]]
            head = head[1:]
        # "but|ter": one T sound written twice -> show it in both groups.
        # Only when the sound is the letter's plain sound: the "ss" in
        # "expres|sion" is SH and stays in one group.
        doubled = bool(coda_letters and onset_letters and coda_letters[-1] == onset_letters[0])
        if doubled and not coda and head and _is_plain_sound(coda_letters[-1], head[0]):
            coda = [head[0]]
        elif doubled and not head and coda and _is_plain_sound(coda_letters[-1], coda[-1]):
            head = [coda[-1]]
        groups[k].extend(coda)
        groups[k + 1].extend(head)
        groups[k + 1].append(phones[nuclei[k + 1]])
    groups[-1].extend(phones[nuclei[-1] + 1 :])
    return groups


@lru_cache(maxsize=8192)
def _sound_spelling_groups(key: str) -> tuple[tuple[str, ...], ...]:
    phones = phonemes_with_stress(key)
    if not phones:
        return ()
    chunks = syllables(key)
    grouped = _group(phones, chunks)
    if grouped is None:
        # The syllable split may follow another CMUdict pronunciation
        # ("fire" has 1 and 2 syllable versions); try those too.
        for alt in cmu_pronunciations(key)[1:]:
            grouped = _group(alt, chunks)
            if grouped is not None:
                break
    if grouped is None:
        grouped = [phones]
    return tuple(tuple(_friendly(p) for p in g) for g in grouped)


def sound_spelling_groups(word: object) -> list[list[str]]:
    """The sound spelling as data: one list of sound chunks per syllable.

    e.g. "butterfly" -> ``[["b","u","t"], ["t","er"], ["f","l","igh"]]``.
    Templates can render each chunk as a tappable tile.  ``[]`` when the
    word has no pronunciation.
    """
    key = normalise(word)
    if key is None:
        return []
    return [list(g) for g in _sound_spelling_groups(key)]


def sound_spelling(word: object) -> str:
    """Child-readable sound spelling, e.g. "ship" -> "sh-i-p".

    Several syllables are grouped with " · ": "butterfly" ->
    "b-u-t · t-er · f-l-igh".  ``""`` when the word has no pronunciation.
    """
    groups = sound_spelling_groups(word)
    return SYLLABLE_SEPARATOR.join("-".join(g) for g in groups)
