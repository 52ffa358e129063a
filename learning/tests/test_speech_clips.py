"""Words spoken aloud on the pages: made once, cached, and never a wait on the network."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import speech
from learning.actions import make_clip, request_clips, request_missing_clips
from learning.models import SpeechClip, Word
from learning.tests.factories import LevelFactory, WordFactory

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


def test_it_serves_a_word_made_ahead_as_audio(client, alice, django_capture_on_commit_callbacks):
    WordFactory(text="ship")
    with django_capture_on_commit_callbacks(execute=True):
        request_clips("ship")
    client.force_login(alice)
    response = client.get(reverse("learning:speech", args=["slow", "ship"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content).startswith(b"RIFF")


def test_a_word_whose_voice_is_not_made_yet_answers_at_once_and_makes_nothing(client, alice):
    WordFactory(text="ship")
    client.force_login(alice)
    response = client.get(reverse("learning:speech", args=["normal", "ship"]))
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert not SpeechClip.objects.exists()  # a GET never writes


def test_it_speaks_only_words_we_teach(client, alice):
    client.force_login(alice)
    assert client.get(reverse("learning:speech", args=["normal", "zebra"])).status_code == 404
    assert not SpeechClip.objects.exists()


def test_it_refuses_to_speak_what_is_not_a_word(client, alice):
    client.force_login(alice)
    assert client.get(reverse("learning:speech", args=["normal", "two words"])).status_code == 404
    assert client.get(reverse("learning:speech", args=["fast", "ship"])).status_code == 404


def test_anonymous_visitors_cannot_use_the_voice(client, db):
    response = client.get(reverse("learning:speech", args=["normal", "ship"]))
    assert response.status_code == 302


def test_a_failed_voice_is_marked_and_made_again_by_the_sweeper(monkeypatch, client, alice):
    WordFactory(text="ship")

    def broken(text, speed, engine=None, breaker=None):
        raise speech.TTSFailed("espeak-ng is not installed")

    monkeypatch.setattr(speech, "synthesise", broken)
    clip = SpeechClip.objects.create(text="ship", speed="normal")
    make_clip(clip.pk)
    clip.refresh_from_db()
    assert clip.status == "failed" and "not installed" in clip.error_message
    client.force_login(alice)
    response = client.get(reverse("learning:speech", args=["normal", "ship"]))
    assert response.status_code == 503
    assert "isn't ready yet" in response.content.decode()

    monkeypatch.undo()
    later = timezone.now() + timedelta(hours=1)
    queued = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args: queued.append(args[0]))
    assert request_missing_clips(now=later) == 1
    clip.refresh_from_db()
    assert clip.status == "pending"


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
