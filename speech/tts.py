"""Text-to-speech: say a word (or a short phrase) for the learner.

Engines:

* :class:`EspeakEngine` — espeak-ng, offline, always there (WAV).
* :class:`GttsEngine` — Google Translate's voice through the gTTS library (MP3);
  needs internet, so it is only used when ``TTS_ENGINE`` is ``gtts`` or ``auto``.

``TTS_ENGINE`` (setting or env var): ``espeak`` (default: offline and instant),
``gtts`` or ``auto``.  ``auto`` tries gTTS with a short timeout
(``GTTS_TIMEOUT_SECONDS``, default 3) and falls back to espeak-ng at once when it
fails; the failure trips a circuit breaker that keeps gTTS switched off for
``TTS_BREAKER_SECONDS`` (default 600) so learners never wait on a dead network.
The breaker's state lives in Django's cache when Django is configured (shared by
all workers) and in process memory otherwise.

Caching the bytes per (text, speed, engine) is the Django layer's job
(``learning.audio``); :func:`cache_key` names the file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass

from .config import SETTINGS, django_cache, setting

log = logging.getLogger(__name__)

NORMAL, SLOW = "normal", "slow"
SPEEDS = (NORMAL, SLOW)
GTTS_TIMEOUT_SECONDS = SETTINGS["GTTS_TIMEOUT_SECONDS"].default
BREAKER_SECONDS = SETTINGS["TTS_BREAKER_SECONDS"].default

# Letters (any alphabet), digits, spaces and light punctuation; nothing that could be
# read as an option or markup by an engine.
_TEXT_RE = re.compile(r"^[^\W_][\w '\u2019\-.,!?]{0,199}$")


class TTSFailed(RuntimeError):
    """No engine could speak the text (or the text isn't something to speak)."""


@dataclass(frozen=True)
class Speech:
    audio: bytes
    mime_type: str
    extension: str
    engine: str


class EspeakEngine:
    """espeak-ng: always available offline, robotic but clear."""

    name = "espeak"
    # Words per minute; the slow speed also stretches the gaps between words.
    RATES = {NORMAL: 140, SLOW: 85}

    def synthesise(self, text: str, speed: str) -> Speech:
        binary = setting("ESPEAK_BINARY")
        if shutil.which(binary) is None:
            raise TTSFailed("espeak-ng is not installed")
        command = [binary, "-v", setting("ESPEAK_VOICE"), "-s", str(self.RATES[speed]), "--stdout"]
        if speed == SLOW:
            command += ["-g", "8"]
        try:
            result = subprocess.run([*command, "--", text], capture_output=True, timeout=20, check=True)
        except (OSError, subprocess.SubprocessError) as error:
            raise TTSFailed(f"espeak-ng failed: {error}") from error
        if not result.stdout.startswith(b"RIFF"):
            raise TTSFailed("espeak-ng produced no audio")
        return Speech(result.stdout, "audio/wav", "wav", self.name)


class GttsEngine:
    """Google Translate's voice through gTTS: natural, but needs the internet."""

    name = "gtts"

    def synthesise(self, text: str, speed: str) -> Speech:
        from gtts import gTTS

        timeout = float(setting("GTTS_TIMEOUT_SECONDS"))
        buffer = io.BytesIO()
        try:
            voice = gTTS(text, lang="en", tld=setting("GTTS_TLD"), slow=speed == SLOW, timeout=timeout)
            voice.write_to_fp(buffer)
        except Exception as error:  # noqa: BLE001 - gTTS raises many kinds; all mean "not now"
            raise TTSFailed(f"gTTS failed: {error}") from error
        if not buffer.getvalue():
            raise TTSFailed("gTTS returned no audio")
        return Speech(buffer.getvalue(), "audio/mpeg", "mp3", self.name)


class CircuitBreaker:
    """After a failure, skip an engine for `cooldown` seconds.

    The state lives in Django's cache when asked and available (shared by every
    worker), else in this process. Wall-clock time, so processes agree on it.
    """

    def __init__(
        self, name: str, cooldown: float = BREAKER_SECONDS, clock=time.time, use_django_cache: bool = True
    ):
        self.key = f"tts-breaker:{name}"
        self.cooldown = cooldown
        self.clock = clock
        self.use_django_cache = use_django_cache
        self._open_until = 0.0
        self._lock = threading.Lock()

    def _cache(self):
        return django_cache() if self.use_django_cache else None

    def _until(self) -> float:
        cache = self._cache()
        if cache is not None:
            return float(cache.get(self.key) or 0.0)
        with self._lock:
            return self._open_until

    def is_open(self) -> bool:
        return self.clock() < self._until()

    def trip(self) -> None:
        until = self.clock() + self.cooldown
        cache = self._cache()
        if cache is not None:
            cache.set(self.key, until, timeout=int(self.cooldown) + 1)
        with self._lock:
            self._open_until = until

    def reset(self) -> None:
        cache = self._cache()
        if cache is not None:
            cache.delete(self.key)
        with self._lock:
            self._open_until = 0.0


espeak = EspeakEngine()
gtts = GttsEngine()
gtts_breaker = CircuitBreaker("gtts", float(setting("TTS_BREAKER_SECONDS")))


def engine_setting() -> str:
    """TTS_ENGINE: auto (gTTS, falling back to espeak-ng), gtts or espeak; anything else means espeak."""
    value = str(setting("TTS_ENGINE")).strip().lower()
    return value if value in ("auto", "gtts", "espeak") else "espeak"


def synthesise(
    text: str, speed: str = NORMAL, engine: str | None = None, breaker: CircuitBreaker | None = None
) -> Speech:
    """Speak `text` at `speed`; raises TTSFailed if it can't (or shouldn't)."""
    if speed not in SPEEDS:
        raise ValueError(f"speed must be one of {SPEEDS}")
    text = (text or "").strip()
    if not _TEXT_RE.match(text):
        raise TTSFailed("Only words can be spoken.")
    choice = engine or engine_setting()
    if choice == "espeak":
        return espeak.synthesise(text, speed)
    if choice == "gtts":
        return gtts.synthesise(text, speed)
    breaker = breaker or gtts_breaker
    if not breaker.is_open():
        try:
            speech = gtts.synthesise(text, speed)
        except TTSFailed as error:
            log.info("gTTS unavailable; espeak-ng for the next %s s: %s", breaker.cooldown, error)
            breaker.trip()
        else:
            breaker.reset()
            return speech
    return espeak.synthesise(text, speed)


def cache_key(word: str, speed: str, engine: str) -> str:
    """File-safe name (no extension) of a clip: one per word, speed and engine."""
    if speed not in SPEEDS:
        raise ValueError(f"speed must be one of {SPEEDS}")
    word = word.strip().lower()
    digest = hashlib.sha1(f"{word}|{speed}|{engine}".encode()).hexdigest()[:12]
    safe = "".join(ch for ch in word if ch.isalnum())[:24] or "word"
    return f"{safe}-{speed}-{engine}-{digest}"
