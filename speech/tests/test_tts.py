"""Text-to-speech: espeak-ng offline, gTTS with a mocked transport, auto fallback and breaker."""

from __future__ import annotations

import base64
import shutil

import pytest
import requests

from speech import tts
from speech.audio import load_audio

needs_espeak = pytest.mark.skipif(not shutil.which("espeak-ng"), reason="needs espeak-ng")

FAKE_MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 16


class FakeResponse:
    """What Google's batchexecute endpoint sends back, as gTTS parses it."""

    status_code = 200

    def __init__(self, audio: bytes):
        payload = base64.b64encode(audio).decode("ascii")
        self.lines = [
            b")]}'",
            ('[["wrb.fr","jQ1olc","[\\"' + payload + '\\"]",null,null,null,"generic"]]').encode(),
        ]
        self.request = requests.Request("POST", "https://example.invalid").prepare()

    def raise_for_status(self):
        return None

    def iter_lines(self, chunk_size=1024):
        yield from self.lines


@pytest.fixture
def google_ok(monkeypatch):
    sent = []

    def send(self, request, **kwargs):
        sent.append((request, kwargs))
        return FakeResponse(FAKE_MP3)

    monkeypatch.setattr(requests.Session, "send", send)
    return sent


@pytest.fixture
def google_down(monkeypatch):
    calls = []

    def send(self, request, **kwargs):
        calls.append(kwargs.get("timeout"))
        raise requests.ConnectionError("no route to host")

    monkeypatch.setattr(requests.Session, "send", send)
    return calls


@needs_espeak
@pytest.mark.parametrize("speed", ["normal", "slow"])
def test_it_speaks_a_word_offline_with_espeak_as_wav(speed):
    speech = tts.synthesise("ship", speed, engine="espeak")
    assert speech.engine == "espeak"
    assert speech.mime_type == "audio/wav"
    assert speech.audio.startswith(b"RIFF")
    assert load_audio(speech.audio).duration > 0.3


@needs_espeak
def test_it_speaks_slowly_more_slowly():
    normal = load_audio(tts.synthesise("butterfly", "normal", engine="espeak").audio)
    slow = load_audio(tts.synthesise("butterfly", "slow", engine="espeak").audio)
    assert slow.duration > normal.duration * 1.2


def test_it_refuses_text_that_is_not_a_word():
    with pytest.raises(tts.TTSFailed):
        tts.synthesise("--help; rm -rf /", engine="espeak")


def test_it_speaks_with_gtts_through_a_mocked_transport(google_ok):
    speech = tts.synthesise("ship", "slow", engine="gtts")
    assert speech == tts.Speech(FAKE_MP3, "audio/mpeg", "mp3", "gtts")
    request, kwargs = google_ok[0]
    assert kwargs["timeout"] == pytest.approx(3.0)
    body = request.body.decode() if isinstance(request.body, bytes) else request.body
    assert "ship" in body


def test_it_reports_gtts_failure_when_gtts_is_forced(google_down):
    with pytest.raises(tts.TTSFailed):
        tts.synthesise("ship", engine="gtts")


@needs_espeak
def test_it_falls_back_to_espeak_when_gtts_fails_in_auto_mode(google_down):
    breaker = tts.CircuitBreaker("test-auto", 600, use_django_cache=False)
    speech = tts.synthesise("ship", engine="auto", breaker=breaker)
    assert speech.engine == "espeak"
    assert breaker.is_open()


def test_it_uses_gtts_in_auto_mode_when_it_works(google_ok):
    breaker = tts.CircuitBreaker("test-ok", 600, use_django_cache=False)
    assert tts.synthesise("ship", engine="auto", breaker=breaker).engine == "gtts"


@needs_espeak
def test_it_stops_trying_gtts_for_a_while_after_a_failure(google_down):
    now = [1000.0]
    breaker = tts.CircuitBreaker("test-cooldown", 300, clock=lambda: now[0], use_django_cache=False)
    tts.synthesise("ship", engine="auto", breaker=breaker)
    tts.synthesise("chip", engine="auto", breaker=breaker)
    tts.synthesise("shop", engine="auto", breaker=breaker)
    assert len(google_down) == 1  # only the first request went to the network
    now[0] += 301
    tts.synthesise("ship", engine="auto", breaker=breaker)
    assert len(google_down) == 2  # tried again after the cooldown


@needs_espeak
def test_it_closes_the_breaker_after_gtts_works_again(monkeypatch):
    now = [0.0]
    breaker = tts.CircuitBreaker("test-close", 10, clock=lambda: now[0], use_django_cache=False)
    breaker.trip()
    assert breaker.is_open()
    monkeypatch.setattr(requests.Session, "send", lambda self, request, **kw: FakeResponse(FAKE_MP3))
    now[0] = 11.0
    assert tts.synthesise("ship", engine="auto", breaker=breaker).engine == "gtts"
    assert not breaker.is_open()


def _set_engine(monkeypatch, value):
    """TTS_ENGINE from the environment, or from Django's settings when Django is configured."""
    monkeypatch.setenv("TTS_ENGINE", value)
    try:
        from django.conf import settings
    except ImportError:
        return
    if settings.configured:
        monkeypatch.setattr(settings, "TTS_ENGINE", value, raising=False)


def test_it_reads_the_engine_choice_from_settings(monkeypatch):
    _set_engine(monkeypatch, "auto")
    assert tts.engine_setting() == "auto"
    _set_engine(monkeypatch, "nonsense")
    assert tts.engine_setting() == "espeak"


def test_it_makes_one_file_safe_cache_key_per_word_speed_and_engine():
    key = tts.cache_key("Ship", "slow", "gtts")
    assert key == tts.cache_key(" ship ", "slow", "gtts")
    assert key != tts.cache_key("ship", "normal", "gtts")
    assert key != tts.cache_key("ship", "slow", "espeak")
    assert key.startswith("ship-slow-gtts-")
    assert "/" not in tts.cache_key("../../etc/passwd", "normal", "espeak")
    with pytest.raises(ValueError):
        tts.cache_key("ship", "fast", "gtts")
