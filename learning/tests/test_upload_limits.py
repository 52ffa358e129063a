"""Bad and abusive uploads: a kind message every time, nothing stored, memory bounded."""

import html
import io
import os
import subprocess
import uuid
import wave
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import PracticeAttempt
from learning.tests.factories import LevelFactory, WordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat():
    return WordFactory(level=LevelFactory(order=1), text="cat")


@pytest.fixture(autouse=True)
def fresh_counts(alice):
    """Rates are counted in the cache, which outlives each test's database."""
    import time

    from django.core.cache import cache

    for scope, window in (("uploads", 60), ("audio", 60)):
        cache.delete(f"limit:{scope}:user-{alice.pk}:{int(time.time() // window)}")


def send(client, word, data: bytes, name="reading.webm", content_type="audio/webm"):
    return client.post(
        reverse("learning:submit_attempt", args=[word.pk]),
        {
            "recording": SimpleUploadedFile(name, data, content_type=content_type),
            "client_token": str(uuid.uuid4()),
        },
    )


def wav(seconds: float, rate=16000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"\x00\x10" * int(seconds * rate))
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.wav", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


BAD_UPLOADS = {
    "random bytes": (os.urandom(4096), "We didn't|isn't a recording"),
    "nothing at all": (b"", "We didn't get a recording"),
    "a zip bomb named .webm": (zip_bomb(), "isn't a recording"),
    "a web page behind a WAV header": (
        b"RIFF\x24\x00\x00\x00WAVEfmt " + b"<html><script>alert(1)</script>" * 50,
        "",
    ),
    "an hour of audio": (None, "too big|too long"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_a_bad_upload_gets_a_kind_message_and_nothing_is_stored(client, alice, cat, case, tmp_path, settings):
    data, message = BAD_UPLOADS[case]
    if data is None:
        data = wav(3600, rate=8000)  # 57 MB: refused by size before it is read
    client.force_login(alice)
    response = send(client, cat, data)
    assert response.status_code in (413, 422)
    page = html.unescape(response.content.decode())
    assert "Traceback" not in page and "Error" not in page.split("<title>")[-1][:80]
    if message and response.status_code == 422:
        import re

        assert re.search(message, page), page[:500]
    assert not PracticeAttempt.objects.exists()
    assert not any(files for _, _, files in os.walk(settings.MEDIA_ROOT))


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, alice, cat, settings):
    settings.MAX_REQUEST_BYTES = 1024
    client.force_login(alice)
    response = send(client, cat, b"\0" * 4096)
    assert response.status_code == 413
    assert "too big" in response.content.decode()


def test_a_long_silent_recording_is_turned_away_by_length(client, alice, cat):
    client.force_login(alice)
    response = send(client, cat, wav(40), name="long.wav", content_type="audio/wav")
    assert response.status_code == 422
    assert "too long" in response.content.decode()


def test_too_many_recordings_in_a_minute_ask_for_a_break(client, alice, cat, settings):
    settings.UPLOAD_RATE_LIMIT = "3/m"
    client.force_login(alice)
    statuses = [send(client, cat, b"").status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    response = send(client, cat, b"")
    assert "little break" in response.content.decode() and response["Retry-After"] == "60"


def test_a_dead_cache_never_locks_a_learner_out(client, alice, cat, settings, monkeypatch):
    settings.UPLOAD_RATE_LIMIT = "1/m"

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is away")

    monkeypatch.setattr("dyslexia_site.limits.cache.incr", broken)
    client.force_login(alice)
    assert [send(client, cat, b"").status_code for _ in range(3)] == [422, 422, 422]


def test_spoken_words_are_limited_per_learner(client, alice, cat, settings):
    settings.AUDIO_RATE_LIMIT = "2/m"
    client.force_login(alice)
    url = reverse("learning:speech", args=["normal", "cat"])
    assert [client.get(url).status_code for _ in range(3)] == [503, 503, 429]


def test_espeak_is_there_for_the_upload_tests():
    assert subprocess.run(["espeak-ng", "--version"], capture_output=True).returncode == 0
