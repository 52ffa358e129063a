"""One-call word summary for views and the speech judge: :func:`lookup`.

Why a single frozen object: a lesson page needs the sounds, the syllables,
the sound spelling, synonyms and an example together, and the speech judge
needs the phonemes and their source.  Computing them in one cached call
keeps views simple, and a frozen dataclass of tuples can be cached and
shared between requests safely.  :func:`lookup` never raises: any input,
however odd, gives a WordInfo (``known=False`` plus a friendly message
when we cannot help).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from .difficulty import estimate
from .frequency import frequency
from .pronunciation import phoneme_source, phonemes, phonemes_with_stress
from .sound_spelling import sound_spelling
from .syllables import syllables
from .text import normalise
from .wordnet import example_sentence, is_dictionary_word, synonyms

__all__ = ["UNKNOWN_WORD_MESSAGE", "WordInfo", "lookup"]

log = logging.getLogger(__name__)

#: Shown to the learner when we have nothing (or only a guess) for a word.
UNKNOWN_WORD_MESSAGE = "We don't know this word yet."

#: Without WordNet, a word missing from CMUdict counts as known only if at
#: least this common (wordfreq alone also contains typos and web slang).
_KNOWN_ZIPF = 3.0

_REVERSIBLE = frozenset("bdpq")
_VOWEL_LETTERS = frozenset("aeiou")


@dataclass(frozen=True)
class WordInfo:
    """Everything the app knows about one word.

    ``text`` is the normalised word (or the stripped raw input when it is
    not a valid word).  ``known`` is True for real English words (in
    CMUdict or WordNet; without WordNet, common in wordfreq).  A made-up word such as "zibbet" is not
    known but still gets guessed ``phonemes`` (source "espeak"), syllables
    and a sound spelling, because decoding nonsense words is a standard
    exercise.  Sequences are tuples so the object is immutable and safe to
    cache; :meth:`as_dict` gives JSON-friendly lists.
    """

    text: str
    known: bool
    phonemes: tuple[str, ...] = ()
    phonemes_with_stress: tuple[str, ...] = ()
    phoneme_source: str = ""  # "cmudict", "espeak", "cmudict+espeak" or ""
    sound_spelling: str = ""
    syllables: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    example: str = ""
    frequency: float = 0.0  # wordfreq Zipf, 0 when unseen
    letter_count: int = 0
    syllable_count: int = 0
    phoneme_count: int = 0
    has_reversible_letters: bool = False  # contains b, d, p or q
    difficulty: float = 0.0  # 1 (easy) .. 10 (hard), lexicon.difficulty.estimate; 0 when not a word
    message: str = field(default="")

    def as_dict(self) -> dict[str, Any]:
        """Plain dict with lists, ready for JSON responses or templates."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data


def _unknown(text: str) -> WordInfo:
    return WordInfo(text=text, known=False, message=UNKNOWN_WORD_MESSAGE)


@lru_cache(maxsize=4096)
def _lookup(key: str) -> WordInfo:
    stressed = tuple(phonemes_with_stress(key))
    plain = tuple(phonemes(key))
    source = phoneme_source(key)
    zipf = frequency(key)
    in_dictionary = is_dictionary_word(key)
    if in_dictionary is None:  # WordNet not installed: lean on frequency
        in_dictionary = zipf >= _KNOWN_ZIPF
    known = source.startswith("cmudict") or in_dictionary
    chunks = tuple(syllables(key)) if plain or known else ()
    info = WordInfo(
        text=key,
        known=known,
        phonemes=plain,
        phonemes_with_stress=stressed,
        phoneme_source=source,
        sound_spelling=sound_spelling(key) if plain else "",
        syllables=chunks,
        synonyms=tuple(synonyms(key)) if known else (),
        example=example_sentence(key) if known else "",
        frequency=zipf,
        letter_count=sum(ch.isalpha() for ch in key),
        syllable_count=len(chunks),
        phoneme_count=len(plain),
        has_reversible_letters=bool(_REVERSIBLE & set(key)),
        difficulty=estimate(key, plain, chunks, zipf) if known else 0.0,
        message="" if known else UNKNOWN_WORD_MESSAGE,
    )
    return info


def lookup(word: object) -> WordInfo:
    """Summarise ``word``; never raises.

    Invalid input (None, "", "123", "two words", "日本") gives
    ``WordInfo(known=False, message="We don't know this word yet.")``.
    """
    key = normalise(word)
    if key is None:
        text = word.strip()[:80] if isinstance(word, str) else ""
        return _unknown(text)
    try:
        return _lookup(key)
    except Exception:  # noqa: BLE001 - a lesson page must never crash on a word
        log.exception("lexicon lookup failed for %r", key)
        return _unknown(key)
