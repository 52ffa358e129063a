"""Convert espeak-ng's IPA output into CMUdict-style ARPAbet.

Why this exists: CMUdict only knows ~135k spellings, but learners also meet
names, new words and made-up "nonsense words" (pseudo-word decoding is a
standard dyslexia exercise).  espeak-ng ships with Debian, works offline and
can pronounce any spelling, but it speaks IPA.  The rest of the lexicon (sound
spellings, confusable-word search, the speech judge) speaks ARPAbet, so this
module translates.

We read espeak's ``--ipa`` output rather than its ``-x`` mnemonics because
IPA is a published standard whose symbols do not change between espeak
releases, whereas the ``-x`` codes (``3``, ``@2``, ``I2``, ``#``...) are
espeak-internal.  We ask espeak for American English (``-v en-us``) so the
vowels line up with CMUdict, which is American.

The converter is a pure function (no subprocess) so it is easy to test.
"""

from __future__ import annotations

__all__ = ["ARPABET_VOWELS", "ipa_to_arpabet", "strip_stress"]

#: ARPAbet vowel symbols (the only phonemes that carry stress digits).
ARPABET_VOWELS: frozenset[str] = frozenset(
    ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]
)

_PRIMARY = "\u02c8"  # ˈ
_SECONDARY = "\u02cc"  # ˌ
_SYLLABIC = "\u0329"  # combining vertical line below: n̩ l̩ m̩
_TIE = ("\u0361", "\u035c")  # tie bars, used by some --ipa variants

# Characters that carry no phoneme of their own: length marks, syllable
# dots, linking marks, word separators, punctuation espeak may echo.
_IGNORED = set("ːˑ.‿_-'\",;:!?()[]{} \t\r\n") | set(_TIE)

# Multi-character sequences first (longest match wins), then single
# symbols.  Each maps to one or more ARPAbet phonemes.  Vowel entries are
# listed without stress; stress is attached by the converter.
_SEQUENCES: dict[str, tuple[str, ...]] = {
    # affricates
    "tʃ": ("CH",),
    "dʒ": ("JH",),
    # diphthongs
    "aɪ": ("AY",),
    "aʊ": ("AW",),
    "ɔɪ": ("OY",),
    "oɪ": ("OY",),
    "eɪ": ("EY",),
    "oʊ": ("OW",),
    "əʊ": ("OW",),  # British GOAT vowel, in case an en-gb voice is used
    # r-coloured and centring vowels.  en-us espeak writes "oːɹ" for
    # "more" (CMUdict: AO R) and British voices write "eə", "ɪə", "ʊə".
    "oɹ": ("AO", "R"),
    "eə": ("EH", "R"),
    "ɛə": ("EH", "R"),
    "ɪə": ("IH", "R"),
    "ʊə": ("UH", "R"),
    "ɜɹ": ("ER",),
    "ɚɹ": ("ER",),  # "correct" kɚɹˈɛkt -> K ER0 EH1 K T, as in CMUdict
    "əɹ": ("ER",),
    # syllabic consonants (the combining mark follows the consonant)
    "n" + _SYLLABIC: ("AH", "N"),
    "l" + _SYLLABIC: ("AH", "L"),
    "m" + _SYLLABIC: ("AH", "M"),
    "ɹ" + _SYLLABIC: ("ER",),
}

_SINGLE: dict[str, tuple[str, ...]] = {
    # vowels
    "i": ("IY",),
    "ɪ": ("IH",),
    "ᵻ": ("IH",),  # espeak's reduced "I2"
    "ɨ": ("IH",),
    "e": ("EH",),
    "ɛ": ("EH",),
    "æ": ("AE",),
    "a": ("AE",),
    "ɐ": ("AH",),
    "ʌ": ("AH",),
    "ə": ("AH",),
    "ɑ": ("AA",),
    "ɒ": ("AA",),
    "ɔ": ("AO",),
    "o": ("OW",),
    "ʊ": ("UH",),
    "u": ("UW",),
    "ʉ": ("UW",),
    "ɚ": ("ER",),
    "ɝ": ("ER",),
    "ɜ": ("ER",),
    "y": ("UW",),  # front rounded vowels only appear in loan words
    "ø": ("ER",),
    "œ": ("ER",),
    # consonants
    "p": ("P",),
    "b": ("B",),
    "t": ("T",),
    "d": ("D",),
    "k": ("K",),
    "g": ("G",),
    "ɡ": ("G",),
    "q": ("K",),
    "f": ("F",),
    "v": ("V",),
    "θ": ("TH",),
    "ð": ("DH",),
    "s": ("S",),
    "z": ("Z",),
    "ʃ": ("SH",),
    "ʒ": ("ZH",),
    "h": ("HH",),
    "ɦ": ("HH",),
    "x": ("K",),  # "loch": English readers say K
    "ç": ("HH",),
    "m": ("M",),
    "n": ("N",),
    "ɲ": ("N", "Y"),
    "ŋ": ("NG",),
    "l": ("L",),
    "ɫ": ("L",),
    "ɬ": ("L",),
    "ɹ": ("R",),
    "r": ("R",),
    "ɾ": ("T",),  # flap: "butter"; see ipa_to_arpabet(flap=...)
    "ʔ": ("T",),  # glottal stop: "button" -> T
    "w": ("W",),
    "ʍ": ("W",),
    "j": ("Y",),
}

_MAX_SEQ = max(len(k) for k in _SEQUENCES)


def strip_stress(phones: list[str] | tuple[str, ...]) -> list[str]:
    """Drop CMUdict stress digits: ``["SH", "IH1", "P"]`` -> ``["SH", "IH", "P"]``.

    Why: most comparisons (confusable words, sound spellings) care about
    which sounds are said, not which syllable is loudest.
    """
    return [p.rstrip("012") for p in phones]


def ipa_to_arpabet(ipa: str, *, flap: str = "T") -> list[str]:
    """Translate one word of espeak IPA into ARPAbet *with* stress digits.

    Stress marks (ˈ primary, ˌ secondary) are attached to the next vowel as
    ``1``/``2``; other vowels get ``0``, matching CMUdict.  Length marks and
    punctuation are ignored, symbols we do not recognise are skipped rather
    than raising (a skipped diacritic must not lose the whole word).

    ``flap`` chooses what the American flap ɾ becomes: espeak uses it for
    both "butter" (T) and "ladder" (D), and only the spelling can tell them
    apart, so the caller decides.
    """
    out: list[str] = []
    pending_stress = "0"
    text = ipa
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == _PRIMARY:
            pending_stress = "1"
            i += 1
            continue
        if ch == _SECONDARY:
            pending_stress = "2"
            i += 1
            continue
        if ch in _IGNORED:
            i += 1
            continue
        match: tuple[str, ...] | None = None
        # Longest sequence match, skipping length marks inside the
        # sequence ("oːɹ" must match "oɹ").
        for size in range(_MAX_SEQ, 1, -1):
            chunk, consumed = _take(text, i, size)
            if chunk in _SEQUENCES:
                match = _SEQUENCES[chunk]
                i += consumed
                break
        if match is None:
            match = _SINGLE.get(ch)
            i += 1
            if match is None:
                continue  # unknown symbol: skip it
            if ch == "ɾ":
                match = (flap,)
        for phone in match:
            if phone in ARPABET_VOWELS:
                out.append(phone + pending_stress)
                pending_stress = "0"
            elif out and out[-1] == phone:
                # espeak sometimes doubles a consonant across a morpheme
                # boundary ("ʊɹɹ"); English never says it twice.
                continue
            else:
                out.append(phone)
    return out


def _take(text: str, start: int, size: int) -> tuple[str, int]:
    """Collect ``size`` phoneme characters from ``start``, skipping length marks.

    Returns the collected string and how many input characters it used.
    Stress marks end the chunk, because a stress mark inside a diphthong
    means the two vowels belong to different syllables.
    """
    chars: list[str] = []
    j = start
    while j < len(text) and len(chars) < size:
        ch = text[j]
        if ch in "ːˑ":
            j += 1
            continue
        if ch in (_PRIMARY, _SECONDARY) or ch.isspace():
            break
        chars.append(ch)
        j += 1
    return "".join(chars), j - start
