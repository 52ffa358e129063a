"""Speech recognisers behind one interface.

``Recogniser.evidence(audio, target, candidates) -> Evidence`` listens to one
recording of one word and reports, for the target and each candidate word (the
target's confusable neighbours), how well the audio supports it, plus a free
transcription.  The judge (:mod:`speech.judge`) turns evidence into a verdict.

Engines (chosen by the ``SPEECH_ENGINES`` setting / env var, an ordered list; the
first one that is available is used by :func:`get_recogniser`):

* ``whisper`` — Whisper tiny.en (CTranslate2, as used by faster-whisper).  The
  encoder runs once on the recording (a window of a few seconds, ``WHISPER_WINDOW_SECONDS``,
  instead of Whisper's 30 s: the encoder's cost falls with it); one greedy decoding gives the transcript and,
  from its first step, log P(first word = w) for every whole-word token.  Words
  whose spelling is several tokens are teacher-forced in one batch against the same
  encoder output (``Whisper.align``'s token probabilities).  Every score is also
  computed against silence (the word's prior).  Whisper's own 4 best guesses and its
  transcript's word join the candidates, so wrong words outside the confusable list
  can still win.
* ``whisper-base`` — the same with Whisper base (multilingual, forced to English).
* ``whisper-ensemble`` (default) — tiny.en and base together, log-probabilities
  added (a product of experts); more accurate than either alone.
* ``pocketsphinx`` — CMU PocketSphinx with the en-us model shipped in its wheel:
  forced alignment of each candidate, acoustic scores compared.
* ``vosk`` — Kaldi via Vosk, restricted to a grammar of the candidates; only when a
  model folder exists under ``softwaremodels/vosk/`` (none is installable offline).

``SPEECH_BUSY_ENGINE`` (default ``whisper``) names a quicker engine for when the
judging queue is backed up (:func:`get_busy_recogniser`): the caller decides when.

Models load once per process (lazy, thread-safe singletons).
"""

from __future__ import annotations

import threading

from .. import model_files
from ..config import setting
from .base import Evidence, Recogniser, _list_setting
from .pocketsphinx import PocketSphinxRecogniser
from .vosk import VoskRecogniser
from .whisper import WhisperBase, WhisperEnsemble, WhisperRecogniser

__all__ = [
    "ENGINES",
    "Evidence",
    "PocketSphinxRecogniser",
    "Recogniser",
    "VoskRecogniser",
    "WhisperBase",
    "WhisperEnsemble",
    "WhisperRecogniser",
    "engine_names",
    "get_busy_recogniser",
    "get_engine",
    "get_recogniser",
    "judging_recognisers",
]

ENGINES: dict[str, type[Recogniser]] = {
    "whisper": WhisperRecogniser,
    "whisper-base": WhisperBase,
    "whisper-ensemble": WhisperEnsemble,
    "pocketsphinx": PocketSphinxRecogniser,
    "vosk": VoskRecogniser,
}

_instances: dict[str, Recogniser] = {}
_instances_lock = threading.Lock()


def get_engine(name: str) -> Recogniser:
    """The process-wide instance of engine ``name`` (loaded on first use)."""
    with _instances_lock:
        instance = _instances.get(name)
        if instance is None:
            instance = ENGINES[name]()
            _instances[name] = instance
        return instance


def engine_names() -> list[str]:
    return [n for n in _list_setting("SPEECH_ENGINES") if n in ENGINES]


def get_recogniser() -> Recogniser:
    """First available engine of ``SPEECH_ENGINES``."""
    for name in engine_names():
        if ENGINES[name].available():
            return get_engine(name)
    raise model_files.ModelNotFound(f"none of the speech engines {engine_names()} is available")


def get_busy_recogniser() -> Recogniser | None:
    """The quicker engine a backed-up queue judges with (``SPEECH_BUSY_ENGINE``); None when
    it is unset, not installed, or the default engine itself."""
    _default, *busy = judging_recognisers()
    return busy[0] if busy else None


def judging_recognisers() -> list[Recogniser]:
    """Every engine a reading may be judged with: the default, then the busy one if there is
    another (each needs its references)."""
    default = get_recogniser()
    name = setting("SPEECH_BUSY_ENGINE")
    if not name or name not in ENGINES or not ENGINES[name].available():
        return [default]
    busy = get_engine(name)
    return [default] if busy is default else [default, busy]
