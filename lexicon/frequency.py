"""How common a word is, from the offline ``wordfreq`` tables.

Why: frequency drives several teaching decisions - which synonyms a child
will know, which confusable words are worth testing, how hard a word is.
We use the Zipf scale (log10 of uses per billion words): ~7 for "the",
~3 for "aardvark", 0 for words wordfreq has never seen.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .text import normalise

__all__ = ["frequency", "frequency_table"]


@lru_cache(maxsize=1)
def frequency_table() -> dict[str, float]:
    """{word: zipf} for every English word wordfreq knows (~320k).

    Loaded once (~0.25 s).  Bulk jobs (building the confusable-word index,
    ranking synonyms) read this dict instead of calling
    ``zipf_frequency`` tens of thousands of times.
    """
    from wordfreq import get_frequency_dict

    return {
        word: round(math.log10(freq) + 9.0, 2) for word, freq in get_frequency_dict("en").items() if freq > 0
    }


@lru_cache(maxsize=16384)
def _zipf(key: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(key, "en"))


def frequency(word: object) -> float:
    """Zipf frequency of ``word`` in English (wordfreq), 0.0 when unknown.

    e.g. ``frequency("the") > frequency("aardvark") > frequency("zibbet")``.
    Invalid input gives 0.0 instead of raising.
    """
    key = normalise(word)
    if key is None:
        return 0.0
    return _zipf(key)
