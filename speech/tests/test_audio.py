"""Audio ingestion rules: every upload is sniffed, decoded and checked before it is stored."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from speech.audio import (
    AudioRejected,
    Limits,
    from_samples,
    load_audio,
    sniff_container,
    trim_silence,
    validate,
)

pytestmark = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")), reason="needs espeak-ng and ffmpeg"
)


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", *args], check=True, timeout=30)


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    """One spoken word in every container a browser or a user might send."""
    folder = tmp_path_factory.mktemp("media")
    raw = folder / "raw.wav"
    subprocess.run(["espeak-ng", "-v", "en-gb", "-w", str(raw), "ship"], check=True, timeout=30)
    files = {"wav": folder / "ship.wav"}
    _ffmpeg("-i", str(raw), "-ar", "16000", "-ac", "1", str(files["wav"]))
    files["webm"] = folder / "ship.webm"
    _ffmpeg("-i", str(raw), "-c:a", "libopus", str(files["webm"]))
    files["ogg"] = folder / "ship.ogg"
    _ffmpeg("-i", str(raw), "-c:a", "libopus", str(files["ogg"]))
    files["mp3"] = folder / "ship.mp3"
    _ffmpeg("-i", str(raw), "-c:a", "libmp3lame", str(files["mp3"]))
    files["mp4"] = folder / "ship.m4a"
    _ffmpeg("-i", str(raw), "-c:a", "aac", str(files["mp4"]))
    return files


def wav_of(samples: np.ndarray, rate: int = 16000) -> bytes:
    """Mono 16-bit WAV bytes of ``samples`` (floats in -1..1), as a recorder would upload."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["wav", "webm", "ogg", "mp3", "mp4"])
def test_it_accepts_a_spoken_word_in_each_browser_container(media, kind):
    audio = load_audio(media[kind].read_bytes())
    assert audio.kind == kind
    assert audio.sample_rate == 16000
    assert audio.samples.dtype == np.float32
    assert 0.3 < audio.duration < 2.0
    assert float(np.max(np.abs(audio.samples))) > 0.05


def test_it_trusts_the_bytes_not_the_file_name(media, tmp_path):
    disguised = tmp_path / "recording.wav"
    disguised.write_bytes(media["webm"].read_bytes())
    assert load_audio(disguised.read_bytes()).kind == "webm"


def test_it_rejects_a_png_renamed_to_webm(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    with pytest.raises(AudioRejected) as err:
        validate(png)
    assert err.value.code == "not_audio"
    assert "isn't a recording" in err.value.message


def test_it_rejects_text_renamed_to_webm():
    with pytest.raises(AudioRejected) as err:
        validate(b"hello, this is not audio at all\n" * 10)
    assert err.value.code == "not_audio"


def test_it_rejects_a_file_that_only_looks_like_webm():
    with pytest.raises(AudioRejected) as err:
        validate(b"\x1a\x45\xdf\xa3" + b"\x00garbage" * 50)
    assert err.value.code == "not_audio"


def test_it_rejects_an_empty_upload():
    with pytest.raises(AudioRejected) as err:
        validate(b"")
    assert err.value.code == "empty"


def test_it_rejects_an_upload_over_the_size_limit(media):
    with pytest.raises(AudioRejected) as err:
        validate(media["wav"].read_bytes(), Limits(max_bytes=1000))
    assert err.value.code == "too_big"
    assert "too big" in err.value.message


def test_it_rejects_an_upload_over_the_default_5_mb():
    with pytest.raises(AudioRejected) as err:
        validate(b"RIFF\x00\x00\x00\x00WAVE" + b"\x00" * (5 * 1024 * 1024))
    assert err.value.code == "too_big"


def test_it_rejects_a_recording_that_is_too_long():
    rng = np.random.default_rng(1)
    twelve_seconds = 0.3 * np.sin(
        np.arange(16000 * 12) * 2 * np.pi * 220 / 16000
    ) + 0.01 * rng.standard_normal(16000 * 12)
    data = wav_of(twelve_seconds)
    with pytest.raises(AudioRejected) as err:
        validate(data)
    assert err.value.code == "too_long"
    assert err.value.message == "That recording is too long. Say just the one word, then stop."


def test_it_rejects_a_recording_that_is_too_short():
    blip = 0.3 * np.sin(np.arange(16000 // 10) * 2 * np.pi * 220 / 16000)
    with pytest.raises(AudioRejected) as err:
        validate(wav_of(blip))
    assert err.value.code == "too_short"


def test_it_rejects_digital_silence():
    with pytest.raises(AudioRejected) as err:
        validate(wav_of(np.zeros(16000 * 2)))
    assert err.value.code == "silent"
    assert err.value.message == "We couldn't hear anything. Check the microphone is on and try again."


def test_it_rejects_faint_hiss_as_silent():
    hiss = 0.001 * np.random.default_rng(0).standard_normal(16000 * 2)
    with pytest.raises(AudioRejected) as err:
        validate(wav_of(hiss))
    assert err.value.code == "silent"


def test_it_reads_limits_from_the_environment(monkeypatch, media):
    monkeypatch.setenv("SPEECH_MAX_UPLOAD_BYTES", "100")
    with pytest.raises(AudioRejected) as err:
        validate(media["wav"].read_bytes())
    assert err.value.code == "too_big"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x1a\x45\xdf\xa3", "webm"),
        (b"OggS", "ogg"),
        (b"\x00\x00\x00\x20ftypisom", "mp4"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", "wav"),
        (b"ID3\x04", "mp3"),
        (b"\xff\xfb\x90\x00", "mp3"),
        (b"\xff\xf1\x50\x80", "aac"),
        (b"fLaC", "flac"),
        (b"\x89PNG\r\n", None),
        (b"%PDF-1.4", None),
        (b"<html>", None),
    ],
)
def test_it_sniffs_the_container_from_magic_bytes(head, kind):
    assert sniff_container(head + b"\x00" * 16) == kind


def test_it_trims_leading_and_trailing_silence():
    tone = 0.3 * np.sin(np.arange(8000) * 2 * np.pi * 300 / 16000).astype(np.float32)
    samples = np.concatenate([np.zeros(16000, np.float32), tone, np.zeros(16000, np.float32)])
    trimmed = trim_silence(from_samples(samples))
    assert 0.5 <= trimmed.duration <= 0.9


def test_every_speech_setting_is_declared_once_and_documented():
    from pathlib import Path

    from speech.config import SETTINGS, setting

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [name for name in SETTINGS if f"`{name}`" not in readme]
    assert not missing, f"README's configuration table lacks {missing}"
    with pytest.raises(KeyError):
        setting("SPEECH_SOMETHING_NOBODY_DECLARED")
