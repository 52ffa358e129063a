"""Reference readings and audio clips are made ahead, by a command and by beat, never by a page."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from learning.models import SpeechClip
from learning.tasks import prepare_speech_references
from learning.tests.factories import LevelFactory, WordFactory
from speech.tests.test_references import FakeRecogniser


@pytest.mark.django_db
def test_prepare_speech_makes_the_readings_of_a_levels_words(monkeypatch):

    WordFactory(level=LevelFactory(order=1), text="fish")
    recogniser = FakeRecogniser()
    monkeypatch.setattr("speech.recognisers.judging_recognisers", lambda: [recogniser])
    monkeypatch.setattr("speech.references.espeak_reading", lambda word, voice: word)
    out = StringIO()
    call_command("prepare_speech", "--level", "1", stdout=out)
    assert "fish" in out.getvalue()
    assert recogniser.listened[0] == "fish"
    assert "dish" in recogniser.listened


@pytest.mark.django_db
def test_a_beat_task_prepares_every_curriculum_word(monkeypatch):

    WordFactory(level=LevelFactory(order=1), text="fish")
    WordFactory(level=LevelFactory(order=2), text="ship")
    recogniser = FakeRecogniser()
    monkeypatch.setattr("speech.recognisers.judging_recognisers", lambda: [recogniser])
    monkeypatch.setattr("speech.references.espeak_reading", lambda word, voice: word)
    cache.clear()
    assert prepare_speech_references() == 2
    assert {"fish", "ship", "dish", "chip"} <= set(recogniser.listened)
    read = len(recogniser.listened)
    prepare_speech_references()
    assert len(recogniser.listened) == read  # already in the cache: nothing read again


@pytest.mark.django_db
def test_prepare_speech_can_make_just_the_audio_clips(monkeypatch):
    WordFactory(level=LevelFactory(order=1), text="fish")
    made = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args: made.append(name))
    out = StringIO()
    call_command("prepare_speech", "--no-references", stdout=out)
    assert set(SpeechClip.objects.values_list("text", "speed")) == {("fish", "normal"), ("fish", "slow")}
    assert "readings" not in out.getvalue()


@pytest.mark.django_db
def test_prepare_speech_can_make_just_the_reference_readings(monkeypatch):
    WordFactory(level=LevelFactory(order=1), text="fish")
    made = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args: made.append(name))
    recogniser = FakeRecogniser()
    monkeypatch.setattr("speech.recognisers.judging_recognisers", lambda: [recogniser])
    monkeypatch.setattr("speech.references.espeak_reading", lambda word, voice: word)
    cache.clear()
    call_command("prepare_speech", "--no-clips", stdout=StringIO())
    assert made == []
    assert "fish" in recogniser.listened
