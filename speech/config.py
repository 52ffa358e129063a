"""Every setting the speech package reads, declared once with its default and meaning.

The package is plain Python: a value comes from ``django.conf.settings.SPEECH`` (a
dict) or a top-level Django setting of the same name when Django is configured,
otherwise from an environment variable of the same name, otherwise the default
declared here.  Reading a name that is not declared below is a programming error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Repository root (…/speech/config.py -> parents[1]).
REPO_ROOT = Path(__file__).resolve().parents[1]

_MISSING = object()


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    kind: type = str


_DECLARED = [
    # Recordings: what an acceptable upload is.
    Setting("SPEECH_MAX_UPLOAD_BYTES", 5 * 1024 * 1024, "Largest recording accepted, in bytes.", int),
    Setting("SPEECH_MAX_SECONDS", 10.0, "Longest recording accepted, in seconds.", float),
    Setting("SPEECH_MIN_SECONDS", 0.3, "Shortest recording accepted, in seconds.", float),
    Setting("SPEECH_VOICE_DBFS", -45.0, "Level (dBFS) above which a frame counts as voiced.", float),
    Setting("SPEECH_MIN_VOICED_SECONDS", 0.08, "Voiced time below which a recording is 'silent'.", float),
    Setting("SPEECH_MIN_PEAK_DBFS", -35.0, "Peak level below which a recording is 'too quiet'.", float),
    # Recognisers and their model files.
    Setting("SPEECH_ENGINES", ["whisper-ensemble", "whisper", "pocketsphinx"], "Engines, best first.", list),
    Setting(
        "SPEECH_BUSY_ENGINE",
        "whisper",
        "Quicker engine for a reading that waited too long for a worker ('' for none).",
    ),
    Setting(
        "SPEECH_BUSY_AFTER_SECONDS",
        1.0,
        "A reading that waited this long for a worker is judged by SPEECH_BUSY_ENGINE.",
        float,
    ),
    Setting("SPEECH_MODELS_DIR", str(REPO_ROOT / "softwaremodels"), "Folder of local speech models."),
    Setting("SPEECH_MODEL_CACHE", "", "Where packaged model halves are joined."),
    Setting("WHISPER_MODEL", "tiny.en", "Whisper model for the single-model engine."),
    Setting("WHISPER_MODEL_DIR", "", "A CTranslate2 Whisper model folder to use."),
    Setting("WHISPER_ENSEMBLE", ["tiny.en", "base"], "Whisper models the ensemble engine combines.", list),
    Setting("WHISPER_THREADS", 2, "CPU threads per Whisper model.", int),
    Setting("WHISPER_COMPUTE_TYPE", "int8", "CTranslate2 compute type."),
    Setting("WHISPER_WINDOW_SECONDS", 5.0, "Encoder window; widens for longer clips.", float),
    Setting("WHISPER_OPEN_SET", 4, "Whisper's own guesses kept beside the candidates.", int),
    Setting("VOSK_MODEL_DIR", "", "A Vosk model folder (none ships; optional)."),
    # The judge: engine-tuned defaults apply when these are unset.
    Setting("SPEECH_PRIOR_WEIGHT", None, "Weight of the no-audio prior (engine default when unset).", float),
    Setting("SPEECH_ACCEPT_MARGIN", None, "Margin (nats) at or above which a reading is correct.", float),
    Setting("SPEECH_REJECT_MARGIN", None, "Margin (nats) below which a reading is not quite.", float),
    Setting("SPEECH_MAX_NO_SPEECH", None, "Whisper's no-speech probability above which: unclear.", float),
    Setting("SPEECH_OPEN_GUARD", None, "How far a word outside the candidates must win by.", float),
    Setting("SPEECH_NEIGHBOUR_PENALTY", None, "Extra lead a mere sound-neighbour rival needs.", float),
    Setting("SPEECH_REFERENCES", True, "Judge against reference readings of target and rivals.", bool),
    Setting("SPEECH_REFERENCE_VOICE", "en-029+m2", "espeak-ng voice of the reference readings."),
    Setting(
        "SPEECH_REFERENCE_ACCENTS",
        ["en-gb-x-gbclan+m2"],
        "Further espeak-ng voices (accents) the references are also read in.",
        list,
    ),
    Setting("SPEECH_RETRY_BELOW", None, "Width (nats) below the accept margin that asks again.", float),
    Setting("SPEECH_RETRY_ABOVE", None, "Width (nats) above the accept margin that asks again.", float),
    Setting("SPEECH_TRANSCRIPT_BONUS", None, "Nats added when the transcription wrote the target.", float),
    Setting(
        "SPEECH_HEARD_CHECK_ABOVE",
        None,
        "Nats above the accept margin within which an unrelated transcription asks again.",
        float,
    ),
    Setting(
        "SPEECH_LOWER_FORMANTS_ABOVE_HZ",
        3200.0,
        "A voice whose median third formant is above this (a child's) is lowered first (0: never).",
        float,
    ),
    Setting("SPEECH_LOWER_FORMANTS_TO_HZ", 2600.0, "Where a lowered voice's third formant goes.", float),
    Setting("SPEECH_RETRY_SECONDS", 180, "A second reading within this long joins the first.", int),
    # Text-to-speech.
    Setting("TTS_ENGINE", "espeak", "auto (gTTS, then espeak-ng), gtts or espeak."),
    Setting("ESPEAK_BINARY", "espeak-ng", "espeak-ng executable."),
    Setting("ESPEAK_VOICE", "en-gb", "espeak-ng voice for spoken words."),
    Setting("GTTS_TLD", "co.uk", "Google TTS accent domain."),
    Setting("GTTS_TIMEOUT_SECONDS", 3.0, "Timeout of one gTTS request.", float),
    Setting("TTS_BREAKER_SECONDS", 600.0, "After a gTTS failure, use espeak-ng for this long.", float),
]
SETTINGS: dict[str, Setting] = {declared.name: declared for declared in _DECLARED}


def _django_setting(name: str) -> Any:
    try:
        from django.conf import settings
    except ImportError:  # Django not installed: plain Python use.
        return _MISSING
    try:
        if not settings.configured:
            return _MISSING
        grouped = getattr(settings, "SPEECH", None) or {}
        if name in grouped:
            return grouped[name]
        return getattr(settings, name, _MISSING)
    except Exception:  # noqa: BLE001 - a half-configured Django must not break speech.
        return _MISSING


def setting(name: str) -> Any:
    """The value of declared setting ``name``: Django, then the environment, then the default."""
    declared = SETTINGS[name]  # KeyError: declare it above first
    value = _django_setting(name)
    if value is not _MISSING:
        return value
    raw = os.environ.get(name)
    if raw is None or (raw == "" and declared.default is None):
        return declared.default
    return _coerce(raw, declared)


def _coerce(raw: str, declared: Setting) -> Any:
    if declared.kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if declared.kind is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    try:
        return declared.kind(raw)
    except ValueError:
        return declared.default


def models_root() -> Path:
    """Folder that holds locally installed speech models (``softwaremodels/``)."""
    return Path(setting("SPEECH_MODELS_DIR"))


def django_cache():
    """Django's default cache when Django is configured, else None (plain Python use)."""
    try:
        from django.conf import settings

        if not settings.configured:
            return None
        from django.core.cache import cache

        return cache
    except Exception:  # noqa: BLE001 - no usable Django: callers keep state in the process
        return None
