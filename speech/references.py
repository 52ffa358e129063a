"""Reference readings: how a recogniser hears a clear reading of each word.

Why: Whisper's scores carry a strong bias towards some words.  On our benchmark
voices it hears "run" whether the reader says "run" or "rung", and "fine" for
"vine"; no single margin on raw scores separates those pairs.  So, for each word
the judge weighs, we ask the same recogniser how it hears a clear synthetic reading
of that word (espeak-ng, voice ``SPEECH_REFERENCE_VOICE``).  The judge then places
its boundary between target and competitor half-way between what the recogniser
says for a clear target and for a clear competitor (see
:func:`speech.judge.margins`).

A reference costs one synthesis and one recognition pass, so the scores are kept:
in this process, and in Django's cache when one is configured (shared by the web
process and every worker).  ``python manage.py prepare_speech`` fills the cache
for the curriculum ahead of time.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections import OrderedDict
from collections.abc import Callable

from .audio import Audio, load_audio
from .config import SETTINGS, django_cache, setting

#: Not one of the benchmark's voices, so the benchmark measures readings the
#: references have never heard.
DEFAULT_REFERENCE_VOICE = SETTINGS["SPEECH_REFERENCE_VOICE"].default
CACHE_SECONDS = 60 * 60 * 24 * 30


class ReferenceUnavailable(RuntimeError):
    """No reference reading could be made (espeak-ng missing or failing)."""


def espeak_reading(word: str, voice: str) -> Audio:
    binary = setting("ESPEAK_BINARY")
    if shutil.which(binary) is None:
        raise ReferenceUnavailable("espeak-ng is not installed")
    try:
        result = subprocess.run(
            [binary, "-v", voice, "-s", "160", "--stdout", "--", word],
            capture_output=True,
            timeout=20,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise ReferenceUnavailable(f"espeak-ng failed: {error}") from error
    return load_audio(result.stdout)


class ReferenceBook:
    """Scores a recogniser gives to words when it hears a clear reading of a word.

    ``recogniser`` needs ``name``, ``listen(audio)`` and ``score(heard, words)``.
    """

    def __init__(
        self,
        recogniser,
        *,
        voice: str | None = None,
        speak: Callable[[str, str], Audio] | None = None,
        use_django_cache: bool = True,
        keep_heard: int = 32,
    ):
        self.recogniser = recogniser
        self.voice = voice or setting("SPEECH_REFERENCE_VOICE")
        self.speak = speak or espeak_reading
        self.use_django_cache = use_django_cache
        self.keep_heard = keep_heard
        self._scores: dict[str, dict[str, float]] = {}
        self._heard: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.RLock()

    def _key(self, word: str) -> str:
        # The fingerprint (engine and encoder window) says which scores these are.
        engine = getattr(self.recogniser, "fingerprint", self.recogniser.name)
        return f"speech-ref:v2:{engine}:{self.voice}:{word}"

    def _cache(self):
        return django_cache() if self.use_django_cache else None

    def _known(self, word: str) -> dict[str, float]:
        known = self._scores.get(word)
        if known is None:
            cache = self._cache()
            known = dict(cache.get(self._key(word)) or {}) if cache is not None else {}
            self._scores[word] = known
        return known

    def _hear(self, word: str):
        heard = self._heard.get(word)
        if heard is None:
            heard = self.recogniser.listen(self.speak(word, self.voice))
            self._heard[word] = heard
            while len(self._heard) > self.keep_heard:
                self._heard.popitem(last=False)
        else:
            self._heard.move_to_end(word)
        return heard

    def scores(self, word: str, words: list[str]) -> dict[str, float]:
        """log P(w | a clear reading of ``word``) for each w in ``words``."""
        with self._lock:
            known = self._known(word)
            missing = [w for w in dict.fromkeys(words) if w not in known]
            if missing:
                heard_scores, _priors = self.recogniser.score(self._hear(word), missing)
                known.update(heard_scores)
                cache = self._cache()
                if cache is not None:
                    cache.set(self._key(word), known, timeout=CACHE_SECONDS)
            return {w: known[w] for w in words}

    def table(self, words: list[str]) -> dict[str, dict[str, float]]:
        """For every word, the scores of all the words when that word is read clearly."""
        return {word: self.scores(word, words) for word in words}


def uses_references(recogniser) -> bool:
    """The judge calibrates with reference readings (``SPEECH_REFERENCES``) and this
    engine can make them (it has ``listen``/``score``: the Whisper engines)."""
    return bool(setting("SPEECH_REFERENCES")) and hasattr(recogniser, "listen")


def prepare(word: str, recogniser=None) -> int:
    """Make (or find in the cache) the reference readings the judge needs for ``word``;
    how many words were read (0 when the engine judges without references)."""
    from .judge import closed_set
    from .recognisers import get_recogniser
    from .sounds import normalise_word

    recogniser = recogniser or get_recogniser()
    if not uses_references(recogniser):
        return 0
    words = closed_set(normalise_word(word))
    reference_book(recogniser).table(words)
    return len(words)


_books: dict[str, ReferenceBook] = {}
_books_lock = threading.Lock()


def reference_book(recogniser) -> ReferenceBook:
    """The process-wide book of ``recogniser`` (one per engine)."""
    with _books_lock:
        book = _books.get(recogniser.name)
        if book is None or book.recogniser is not recogniser:
            book = ReferenceBook(recogniser)
            _books[recogniser.name] = book
        return book
