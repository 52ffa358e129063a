"""Input cleaning shared by every lexicon function.

Every public function in :mod:`lexicon` accepts whatever a learner
(or a view) hands it - ``None``, numbers, whole sentences, emoji - and runs it
through :func:`normalise` first.  Doing the validation in exactly one place
means no other function has to defend itself against odd input, and the
answer "is this a single English word?" is the same everywhere in the app.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_WORD_LENGTH", "normalise"]

#: Longest word we accept.  Real English words top out far below this
#: (the longest common one is ~30 letters); the limit stops pasted
#: paragraphs or junk from reaching the pronunciation tools.
MAX_WORD_LENGTH = 40

# Letters, optionally joined by single internal apostrophes or hyphens:
# "cat", "don't", "well-known".  No leading/trailing punctuation.
_WORD_RE = re.compile(r"[a-z]+(?:['-][a-z]+)*")

# Typographic apostrophes and hyphens that phones and word processors insert.
_PUNCT_FOLD = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",  # left single quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
    }
)


def _fold_accents(text: str) -> str:
    """Turn "café" into "cafe" so loan words still find their entry.

    Only combining marks are dropped; letters from other scripts stay as
    they are and are rejected by the ASCII pattern afterwards.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: object) -> str | None:
    """Return the canonical lower-case form of a single English word, or None.

    Why: learners type with stray spaces, capitals and curly apostrophes;
    the lexicon's data (CMUdict, WordNet, wordfreq) is keyed by plain
    lower-case ASCII words.  Anything that is not one word made of Latin
    letters (empty, several words, digits, other scripts, over
    :data:`MAX_WORD_LENGTH` characters, non-strings) gives ``None`` so the
    caller can show a friendly "we don't know this word" message instead of
    crashing.
    """
    if not isinstance(text, str):
        return None
    word = _fold_accents(text.strip().translate(_PUNCT_FOLD)).lower()
    if not word or len(word) > MAX_WORD_LENGTH:
        return None
    if not _WORD_RE.fullmatch(word):
        return None
    return word
