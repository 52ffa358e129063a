"""How a word is said: ARPAbet phonemes from CMUdict, espeak-ng as fallback.

Why two sources: CMUdict is hand-checked and is what the speech judge is
calibrated against, so it always wins.  It cannot cover names, new words or
the made-up words used in decoding practice, so for those we ask espeak-ng
(offline, a Debian package) and translate its IPA (see :mod:`.ipa`).  If
espeak-ng is not installed the fallback quietly gives ``[]``; nothing here
ever downloads anything.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from functools import lru_cache

from .ipa import ipa_to_arpabet, strip_stress
from .text import normalise

__all__ = [
    "cmu_pronunciations",
    "espeak_available",
    "espeak_phonemes",
    "in_cmudict",
    "phoneme_source",
    "phonemes",
    "phonemes_with_stress",
]

log = logging.getLogger(__name__)

#: Seconds we allow espeak-ng per word.  It normally answers in ~20 ms; the
#: limit only protects a web request from a wedged child process.
ESPEAK_TIMEOUT = 3.0

_VOWEL_LETTERS = frozenset("aeiouy")


@lru_cache(maxsize=1)
def _cmu() -> dict[str, list[str]]:
    """Load CMUdict once (~0.35 s) as {word: [pronunciation, ...]}.

    ``pronouncing`` keeps its own module-level copy; we reuse it so the
    dictionary is parsed once per process whoever asks first.
    """
    import pronouncing

    pronouncing.init_cmu()
    return pronouncing.lookup


def cmu_pronunciations(word: object) -> list[list[str]]:
    """All CMUdict pronunciations of ``word`` (with stress), most usual first.

    Returns ``[]`` for invalid input or words CMUdict does not list.
    """
    key = normalise(word)
    if key is None:
        return []
    return [p.split() for p in _cmu().get(key, [])]


def in_cmudict(word: object) -> bool:
    """True when CMUdict lists the word, i.e. its pronunciation is trusted."""
    key = normalise(word)
    return key is not None and key in _cmu()


@lru_cache(maxsize=1)
def _espeak_binary() -> str | None:
    """Path of espeak-ng (or classic espeak), or None when not installed.

    ``ESPEAK_BIN`` may point somewhere else, e.g. in a container image.
    """
    configured = os.environ.get("ESPEAK_BIN")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("espeak-ng") or shutil.which("espeak")


def espeak_available() -> bool:
    """True when the grapheme-to-phoneme fallback can run on this machine."""
    return _espeak_binary() is not None


def _looks_pronounceable(word: str) -> bool:
    """Reject letter soup before asking espeak.

    espeak spells out anything it cannot read ("xkcd" -> "ex kay see dee"),
    which would give a confident but meaningless answer.  A word with no
    vowel letter, or the same letter three times in a row, is treated as
    garbage.  (Real words like these, e.g. "hmm", are in CMUdict and never
    reach this check.)
    """
    if not any(ch in _VOWEL_LETTERS for ch in word):
        return False
    return not any(a == b == c for a, b, c in zip(word, word[1:], word[2:], strict=False))


def _flap_for(word: str) -> str:
    """Pick T or D for espeak's American flap ɾ from the spelling."""
    return "D" if ("d" in word and "t" not in word) else "T"


@lru_cache(maxsize=4096)
def _espeak_part(part: str) -> tuple[str, ...]:
    """Run espeak-ng on one hyphen-free piece of a word; cached per piece."""
    binary = _espeak_binary()
    if binary is None or not _looks_pronounceable(part):
        return ()
    try:
        # The word goes in on stdin, never on the command line, so nothing
        # in it can be read as an option.
        result = subprocess.run(
            [binary, "-q", "--ipa", "-v", "en-us"],
            input=part,
            capture_output=True,
            text=True,
            timeout=ESPEAK_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("espeak-ng failed for %r: %s", part, exc)
        return ()
    if result.returncode != 0:
        log.warning("espeak-ng exited %s for %r", result.returncode, part)
        return ()
    return tuple(ipa_to_arpabet(result.stdout, flap=_flap_for(part)))


def espeak_phonemes(word: object) -> list[str]:
    """ARPAbet (with stress digits) guessed by espeak-ng, or ``[]``.

    Hyphenated words are pronounced piece by piece, because espeak reads a
    hyphen as a pause and doubles the consonants around it.
    """
    key = normalise(word)
    if key is None:
        return []
    out: list[str] = []
    for part in key.split("-"):
        phones = _espeak_part(part)
        if not phones:
            return []
        out.extend(phones)
    return out


@lru_cache(maxsize=8192)
def _phonemes_with_stress(key: str) -> tuple[tuple[str, ...], str]:
    """(phonemes, source) for a normalised word; source is 'cmudict',
    'espeak' or '' (nothing worked)."""
    cmu = _cmu()
    if key in cmu:
        return tuple(cmu[key][0].split()), "cmudict"
    if "-" in key:
        # "ice-cream" may not be listed but its parts are.
        out: list[str] = []
        for part in key.split("-"):
            if part in cmu:
                out.extend(cmu[part][0].split())
            else:
                guessed = espeak_phonemes(part)
                if not guessed:
                    return (), ""
                out.extend(guessed)
        return tuple(out), "cmudict+espeak"
    guessed = espeak_phonemes(key)
    if guessed:
        return tuple(guessed), "espeak"
    return (), ""


def phonemes_with_stress(word: object) -> list[str]:
    """ARPAbet phonemes with CMUdict stress digits on the vowels.

    e.g. "butterfly" -> ``["B", "AH1", "T", "ER0", "F", "L", "AY2"]``.
    Useful for showing which syllable to say loudest.  ``[]`` when nothing
    works (invalid input, letter soup, espeak missing for an unknown word).
    """
    key = normalise(word)
    if key is None:
        return []
    return list(_phonemes_with_stress(key)[0])


def phonemes(word: object) -> list[str]:
    """ARPAbet phonemes without stress digits, e.g. "ship" -> SH IH P.

    CMUdict's first pronunciation when the word is listed, otherwise the
    espeak-ng guess, otherwise ``[]``.
    """
    return strip_stress(phonemes_with_stress(word))


def phoneme_source(word: object) -> str:
    """Where :func:`phonemes` got its answer: 'cmudict', 'espeak',
    'cmudict+espeak' (hyphenated mix) or '' when it found nothing.

    The speech judge can trust CMUdict more than a guess.
    """
    key = normalise(word)
    if key is None:
        return ""
    return _phonemes_with_stress(key)[1]
