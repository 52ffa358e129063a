"""Audio ingestion: sniff, decode and check a learner's recording.

Browsers' MediaRecorder produces webm/opus (Chrome, Firefox), ogg/opus (Firefox)
or mp4/aac (Safari); uploads may also be wav or mp3.  The real container is read
from the first bytes — the file name and the content type are never trusted.
Decoding is done in-process by FFmpeg's libraries through PyAV, at most half a
second past the longest recording allowed, to 16 kHz mono 16-bit PCM, returned as
a float32 numpy array in [-1, 1].

Every rejection raises :class:`AudioRejected` with a machine ``code`` and a kind,
specific ``message`` written for a child.  Call :func:`validate` (or
:func:`load_audio`, the same thing) *before* storing an upload.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from .config import SETTINGS, setting

SAMPLE_RATE = 16000

DEFAULT_MAX_BYTES = SETTINGS["SPEECH_MAX_UPLOAD_BYTES"].default
DEFAULT_MAX_SECONDS = SETTINGS["SPEECH_MAX_SECONDS"].default
DEFAULT_MIN_SECONDS = SETTINGS["SPEECH_MIN_SECONDS"].default
# A 25 ms frame counts as "voiced" when its RMS is above this level (dB full scale).
DEFAULT_VOICE_DBFS = SETTINGS["SPEECH_VOICE_DBFS"].default
# At least this much voiced sound is needed to call a recording "not silent".
DEFAULT_MIN_VOICED_SECONDS = SETTINGS["SPEECH_MIN_VOICED_SECONDS"].default
# The loudest sample must reach this level (dBFS).
DEFAULT_MIN_PEAK_DBFS = SETTINGS["SPEECH_MIN_PEAK_DBFS"].default

MESSAGES = {
    "empty": "We didn't get a recording. Press the microphone button and say the word.",
    "too_big": "That recording is too big. Say just the one word, then stop.",
    "not_audio": "That file isn't a recording we can play. Please record again.",
    "too_long": "That recording is too long. Say just the one word, then stop.",
    "too_short": "That was too quick for us to hear. Press record, say the word, then stop.",
    "silent": "We couldn't hear anything. Check the microphone is on and try again.",
}


class AudioRejected(ValueError):
    """A recording that must not be stored or judged.

    ``code`` is stable (``empty``, ``too_big``, ``not_audio``, ``too_long``,
    ``too_short``, ``silent``); ``message`` is safe to show to a child.
    """

    def __init__(self, code: str, message: str | None = None):
        self.code = code
        self.message = message or MESSAGES.get(code, MESSAGES["not_audio"])
        super().__init__(self.message)


@dataclass(frozen=True)
class Audio:
    samples: np.ndarray  # float32, mono, in [-1, 1]
    sample_rate: int
    duration: float  # seconds
    kind: str  # container sniffed from the bytes: webm, ogg, mp4, wav, mp3, flac

    def pcm16(self) -> bytes:
        """Samples as little-endian signed 16-bit PCM bytes."""
        clipped = np.clip(self.samples, -1.0, 1.0)
        return (clipped * 32767.0).astype("<i2").tobytes()


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_seconds: float = DEFAULT_MAX_SECONDS
    min_seconds: float = DEFAULT_MIN_SECONDS
    voice_dbfs: float = DEFAULT_VOICE_DBFS
    min_voiced_seconds: float = DEFAULT_MIN_VOICED_SECONDS
    min_peak_dbfs: float = DEFAULT_MIN_PEAK_DBFS

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=int(setting("SPEECH_MAX_UPLOAD_BYTES")),
            max_seconds=float(setting("SPEECH_MAX_SECONDS")),
            min_seconds=float(setting("SPEECH_MIN_SECONDS")),
            voice_dbfs=float(setting("SPEECH_VOICE_DBFS")),
            min_voiced_seconds=float(setting("SPEECH_MIN_VOICED_SECONDS")),
            min_peak_dbfs=float(setting("SPEECH_MIN_PEAK_DBFS")),
        )


# --- container sniffing -------------------------------------------------------


def sniff_container(data: bytes) -> str | None:
    """Name of the audio container the bytes really are, or None.

    Only the magic bytes count.  Matroska files are accepted (webm is Matroska).
    """
    head = data[:64]
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"  # EBML: webm or matroska
    if head.startswith(b"OggS"):
        return "ogg"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"ID3"):
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:
        layer = (head[1] >> 1) & 0x03
        if layer == 0:  # MPEG-2/4 ADTS AAC (layer bits 00)
            return "aac"
        return "mp3"
    return None


_INPUT_FORMAT = {
    "webm": "matroska",
    "ogg": "ogg",
    "mp4": "mov",
    "wav": "wav",
    "flac": "flac",
    "mp3": "mp3",
    "aac": "aac",
}


def decode(data: bytes, kind: str, max_seconds: float) -> np.ndarray:
    """Decode ``data`` (container ``kind``) to 16 kHz mono float32.

    In-process with PyAV (FFmpeg's libraries, already here for faster-whisper): starting
    the ``ffmpeg`` program costs ~90 ms a recording, more than the rest of an upload and a
    quarter of a judgement. At most ``max_seconds + 0.5`` seconds are decoded, so a long
    file costs little; the caller sees that it was longer than allowed. Anything FFmpeg
    can't read is "not audio".
    """
    import av

    limit = int(round((max_seconds + 0.5) * SAMPLE_RATE))
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    decoded = 0
    try:
        with av.open(io.BytesIO(data), format=_INPUT_FORMAT[kind]) as container:
            stream = next((s for s in container.streams if s.type == "audio"), None)
            if stream is None:
                raise AudioRejected("not_audio")
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
                    decoded += len(chunks[-1])
                if decoded >= limit:
                    break
            else:
                chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    except (av.FFmpegError, ValueError, EOFError) as exc:
        raise AudioRejected("not_audio") from exc
    pcm = np.concatenate(chunks)[:limit] if chunks else np.zeros(0, dtype=np.int16)
    if len(pcm) < 1:
        raise AudioRejected("not_audio")
    return pcm.astype(np.float32) / 32768.0


# --- energy -------------------------------------------------------------------

FRAME = 400  # 25 ms at 16 kHz
HOP = 160  # 10 ms


def frames(samples: np.ndarray) -> np.ndarray:
    """The 25 ms frames (10 ms hop) of ``samples``, one a row, as float64 (a short clip padded)."""
    if len(samples) < FRAME:
        samples = np.pad(samples, (0, FRAME - len(samples)))
    count = 1 + (len(samples) - FRAME) // HOP
    idx = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    return samples[idx].astype(np.float64)


def frame_dbfs(samples: np.ndarray) -> np.ndarray:
    """RMS level of each 25 ms frame (10 ms hop) in dB full scale."""
    framed = frames(samples)
    rms = np.sqrt(np.mean(framed * framed, axis=1) + 1e-12)
    return 20.0 * np.log10(rms + 1e-12)


def voiced_seconds(samples: np.ndarray, voice_dbfs: float = DEFAULT_VOICE_DBFS) -> float:
    levels = frame_dbfs(samples)
    return float(np.count_nonzero(levels > voice_dbfs)) * HOP / SAMPLE_RATE


def is_silent(samples: np.ndarray, limits: Limits) -> bool:
    if samples.size == 0:
        return True
    peak = float(np.max(np.abs(samples)))
    if peak <= 0.0 or 20.0 * np.log10(peak) < limits.min_peak_dbfs:
        return True
    return voiced_seconds(samples, limits.voice_dbfs) < limits.min_voiced_seconds


def trim_silence(audio: Audio, margin: float = 0.15, relative_db: float = 35.0) -> Audio:
    """Cut leading and trailing silence, keeping ``margin`` seconds each side.

    A frame is speech when it is within ``relative_db`` of the loudest frame and
    above the absolute voice level.  If nothing qualifies the audio is returned as is.
    """
    levels = frame_dbfs(audio.samples)
    threshold = max(float(levels.max()) - relative_db, DEFAULT_VOICE_DBFS - 5.0)
    speech = np.flatnonzero(levels > threshold)
    if speech.size == 0:
        return audio
    pad = int(margin * audio.sample_rate)
    start = max(0, int(speech[0]) * HOP - pad)
    end = min(len(audio.samples), int(speech[-1]) * HOP + FRAME + pad)
    samples = audio.samples[start:end]
    return Audio(samples, audio.sample_rate, len(samples) / audio.sample_rate, audio.kind)


# --- public entry points --------------------------------------------------------


def validate(data: bytes, limits: Limits | None = None) -> Audio:
    """Check an upload and return it decoded; raise :class:`AudioRejected` otherwise.

    Order: empty, size, container magic, decodable, duration (long, short), silence.
    Call this before storing the file.
    """
    limits = limits or Limits.from_settings()
    if not data:
        raise AudioRejected("empty")
    if len(data) > limits.max_bytes:
        raise AudioRejected("too_big")
    kind = sniff_container(data)
    if kind is None:
        raise AudioRejected("not_audio")
    samples = decode(data, kind, limits.max_seconds)
    duration = len(samples) / SAMPLE_RATE
    if duration > limits.max_seconds:
        raise AudioRejected("too_long")
    if duration < limits.min_seconds:
        raise AudioRejected("too_short")
    if is_silent(samples, limits):
        raise AudioRejected("silent")
    return Audio(samples, SAMPLE_RATE, duration, kind)


def load_audio(data: bytes, limits: Limits | None = None) -> Audio:
    """Decode and validate a recording (see :func:`validate`)."""
    return validate(data, limits)


def from_samples(samples: np.ndarray, sample_rate: int = SAMPLE_RATE, kind: str = "pcm") -> Audio:
    """Wrap an in-memory float array (already 16 kHz mono) as :class:`Audio`."""
    samples = np.asarray(samples, dtype=np.float32)
    if sample_rate != SAMPLE_RATE:
        raise ValueError("from_samples expects 16 kHz audio")
    return Audio(samples, sample_rate, len(samples) / sample_rate, kind)
