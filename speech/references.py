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


class ReferenceStore:
    """Where reference scores outlive the process: keyed by engine (fingerprint), voice, word.

    The speech package stays free of Django models, so the app that owns durable
    storage passes its own store in (:func:`use_store`); scores are plain floats
    (``-inf`` for a word the recogniser cannot spell).
    """

    def load(self, engine: str, voice: str, words: list[str]) -> dict[str, dict[str, float]]:
        return {}

    def save(self, engine: str, voice: str, word: str, scores: dict[str, float]) -> None:
        return None


class CacheStore(ReferenceStore):
    """Django's cache when one is configured (a local-memory or Redis cache: not durable)."""

    def _key(self, engine: str, voice: str, word: str) -> str:
        return f"speech-ref:v2:{engine}:{voice}:{word}"

    def load(self, engine, voice, words):
        cache = django_cache()
        if cache is None:
            return {}
        found = cache.get_many([self._key(engine, voice, w) for w in words])
        return {
            w: dict(found[self._key(engine, voice, w)]) for w in words if self._key(engine, voice, w) in found
        }

    def save(self, engine, voice, word, scores):
        cache = django_cache()
        if cache is not None:
            cache.set(self._key(engine, voice, word), dict(scores), timeout=CACHE_SECONDS)


class MemoryStore(ReferenceStore):
    """A dict: tests, and plain-Python use without Django."""

    def __init__(self):
        self.rows: dict[tuple[str, str, str], dict[str, float]] = {}

    def load(self, engine, voice, words):
        return {w: dict(self.rows[(engine, voice, w)]) for w in words if (engine, voice, w) in self.rows}

    def save(self, engine, voice, word, scores):
        self.rows[(engine, voice, word)] = dict(scores)


_store: ReferenceStore | None = None


def use_store(store: ReferenceStore | None) -> None:
    """Install the process-wide store (the app's durable one); None goes back to the cache."""
    global _store
    _store = store
    with _books_lock:
        _books.clear()


def current_store() -> ReferenceStore:
    return _store if _store is not None else CacheStore()


class ReferenceBook:
    """Scores a recogniser gives to words when it hears a clear reading of a word.

    ``recogniser`` needs ``name``, ``listen(audio)`` and ``score(heard, words)``.
    One book per voice (accent); the scores live in this process and in ``store``.
    """

    def __init__(
        self,
        recogniser,
        *,
        voice: str | None = None,
        speak: Callable[[str, str], Audio] | None = None,
        store: ReferenceStore | None = None,
        use_django_cache: bool = True,
        keep_heard: int = 32,
    ):
        self.recogniser = recogniser
        self.voice = voice or setting("SPEECH_REFERENCE_VOICE")
        self.speak = speak or espeak_reading
        if store is None:
            store = current_store() if use_django_cache else ReferenceStore()
        self.store = store
        self.keep_heard = keep_heard
        self._scores: dict[str, dict[str, float]] = {}
        self._heard: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.RLock()

    @property
    def engine(self) -> str:
        # The fingerprint (engine and encoder window) says which scores these are.
        return getattr(self.recogniser, "fingerprint", self.recogniser.name)

    def _load(self, words: list[str]) -> None:
        """Bring the stored scores of the words not yet in this process, in one read."""
        unknown = [w for w in dict.fromkeys(words) if w not in self._scores]
        if unknown:
            found = self.store.load(self.engine, self.voice, unknown)
            for word in unknown:
                self._scores[word] = dict(found.get(word) or {})

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

    def missing(self, words: list[str]) -> list[str]:
        """The words whose reading still lacks a score for one of ``words``."""
        with self._lock:
            self._load(words)
            return [w for w in words if any(v not in self._scores[w] for v in words)]

    def scores(self, word: str, words: list[str]) -> dict[str, float]:
        """log P(w | a clear reading of ``word``) for each w in ``words``."""
        with self._lock:
            self._load([word])
            known = self._scores[word]
            missing = [w for w in dict.fromkeys(words) if w not in known]
            if missing:
                heard_scores, _priors = self.recogniser.score(self._hear(word), missing)
                known.update(heard_scores)
                self.store.save(self.engine, self.voice, word, known)
            return {w: known[w] for w in words}

    def table(self, words: list[str]) -> dict[str, dict[str, float]]:
        """For every word, the scores of all the words when that word is read clearly."""
        with self._lock:
            self._load(words)
            return {word: self.scores(word, words) for word in words}


_books: dict[tuple[str, str], ReferenceBook] = {}
_books_lock = threading.Lock()


def uses_references(recogniser) -> bool:
    """The judge calibrates with reference readings (``SPEECH_REFERENCES``) and this
    engine can make them (it has ``listen``/``score``: the Whisper engines)."""
    return bool(setting("SPEECH_REFERENCES")) and hasattr(recogniser, "listen")


def prepare(word: str, recogniser=None) -> int:
    """Make (or find in the store) the reference readings the judge needs for ``word``, for
    ``recogniser`` or else every engine a reading may be judged with; how many words were
    read (0 when no engine judges with references)."""
    from .judge import closed_set
    from .sounds import normalise_word

    words = closed_set(normalise_word(word))
    made = 0
    for each in _engines(recogniser):
        if uses_references(each):
            reference_tables(each, words)
            made = len(words)
    return made


def _engines(recogniser) -> list:
    from .recognisers import judging_recognisers

    return [recogniser] if recogniser is not None else judging_recognisers()


def reference_voices() -> list[str]:
    """The main reference voice, then one voice per extra accent (``SPEECH_REFERENCE_ACCENTS``)."""
    voices = [setting("SPEECH_REFERENCE_VOICE")]
    accents = setting("SPEECH_REFERENCE_ACCENTS")
    if isinstance(accents, str):
        accents = [a.strip() for a in accents.split(",")]
    return list(dict.fromkeys(v for v in [*voices, *accents] if v))


def reference_book(recogniser, voice: str | None = None) -> ReferenceBook:
    """The process-wide book of ``recogniser`` read by ``voice`` (one per engine and voice)."""
    voice = voice or setting("SPEECH_REFERENCE_VOICE")
    with _books_lock:
        book = _books.get((recogniser.name, voice))
        if book is None or book.recogniser is not recogniser:
            book = ReferenceBook(recogniser, voice=voice)
            _books[(recogniser.name, voice)] = book
        return book


def reference_tables(recogniser, words: list[str]) -> list[dict[str, dict[str, float]]]:
    """One table per reference voice (accent), main voice first."""
    return [reference_book(recogniser, voice).table(words) for voice in reference_voices()]


def is_prepared(word: str, recogniser=None) -> bool:
    """Every reading the judge needs for ``word`` is already stored (no reading to make), for
    ``recogniser`` or else every engine a reading may be judged with."""
    from .judge import closed_set
    from .sounds import normalise_word

    words = closed_set(normalise_word(word))
    return not any(
        reference_book(each, voice).missing(words)
        for each in _engines(recogniser)
        if uses_references(each)
        for voice in reference_voices()
    )
