"""Words spoken aloud on the pages: made once, cached, and never a wait on the network."""

import pytest
from django.urls import reverse

from learning.audio import make_clip, request_clips
from learning.models import SpeechClip, Word
from learning.tests.factories import LevelFactory, WordFactory
from speech import tts

pytestmark = pytest.mark.django_db


def test_it_makes_both_speeds_of_a_word_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_clips("ship")
    assert len(callbacks) == 2
    clips = SpeechClip.objects.filter(text="ship")
    assert {clip.speed for clip in clips} == {"normal", "slow"}
    assert all(clip.is_ready and clip.engine == "espeak" for clip in clips)
    with django_capture_on_commit_callbacks(execute=True) as again:
        request_clips("ship")
    assert again == []


@pytest.mark.django_db(transaction=True)  # the clip is queued on commit, as in a real request
def test_it_serves_a_word_as_audio(client, alice):
    client.force_login(alice)
    response = client.get(reverse("learning:speech", args=["slow", "ship"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content).startswith(b"RIFF")


def test_it_refuses_to_speak_what_is_not_a_word(client, alice):
    client.force_login(alice)
    assert client.get(reverse("learning:speech", args=["normal", "two words"])).status_code == 404
    assert client.get(reverse("learning:speech", args=["fast", "ship"])).status_code == 404


def test_anonymous_visitors_cannot_use_the_voice(client, db):
    response = client.get(reverse("learning:speech", args=["normal", "ship"]))
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_failed_voice_is_marked_and_retried_later(monkeypatch, client, alice):
    def broken(text, speed, engine=None, breaker=None):
        raise tts.TTSFailed("espeak-ng is not installed")

    monkeypatch.setattr(tts, "synthesise", broken)
    clip = SpeechClip.objects.create(text="ship", speed="normal")
    make_clip(clip.pk)
    clip.refresh_from_db()
    assert clip.status == "failed" and "not installed" in clip.error_message
    client.force_login(alice)
    response = client.get(reverse("learning:speech", args=["normal", "ship"]))
    assert response.status_code == 503
    assert "isn't ready yet" in response.content.decode()
    monkeypatch.undo()
    assert client.get(reverse("learning:speech", args=["normal", "ship"])).status_code == 200


def test_staff_generate_audio_from_the_admin(client, sam, django_capture_on_commit_callbacks):
    word = WordFactory(level=LevelFactory(order=1), text="chip")
    client.force_login(sam)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:learning_word_changelist"),
            {"action": "generate_audio", "_selected_action": [word.pk]},
        )
    word.refresh_from_db()
    assert word.audio_status == Word.AudioStatus.READY
    page = client.get(reverse("admin:learning_word_change", args=[word.pk])).content.decode()
    assert f'src="{reverse("learning:speech", args=["slow", "chip"])}"' in page
