"""Curation work through the real stack: PostgreSQL, Redis and a Celery worker process."""

import time

import pytest

from learning.models import Word
from learning.tasks import prepare_words
from learning.tests.factories import LevelFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_fills_word_details_and_saves_them_in_postgresql(celery_worker_process):
    level = LevelFactory(order=1)
    words = [Word.objects.create(level=level, text=text) for text in ("ship", "butterfly", "chip")]

    result = prepare_words.delay([word.pk for word in words])

    assert result.get(timeout=60) == 3
    assert _wait_for(lambda: not Word.objects.filter(phonemes="").exists())
    assert Word.objects.get(text="ship").phonemes == "SH IH P"
    assert len(Word.objects.get(text="butterfly").syllables) == 3


def test_running_the_same_task_twice_changes_nothing_more(celery_worker_process):
    level = LevelFactory(order=1)
    word = Word.objects.create(level=level, text="ship")
    assert prepare_words.delay([word.pk]).get(timeout=60) == 1
    assert prepare_words.delay([word.pk]).get(timeout=60) == 0


def test_a_spoken_word_goes_from_upload_through_a_worker_to_a_judged_attempt(
    client, alice, spoken, celery_worker_process
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from learning.models import PracticeAttempt, WordProgress
    from learning.tests.factories import WordFactory

    word = WordFactory(level=LevelFactory(order=1), text="fish")
    client.force_login(alice)
    response = client.post(
        reverse("learning:submit_attempt", args=[word.pk]),
        {
            "recording": SimpleUploadedFile("ship.wav", spoken("ship"), content_type="audio/wav"),
            "client_token": "6f1c1f52-7a4e-4d0c-9a55-0b1f5f0d9c11",
        },
    )
    attempt = PracticeAttempt.objects.get(learner=alice)
    assert response.status_code == 302 and response.url == attempt.get_absolute_url()
    assert _wait_for(lambda: PracticeAttempt.objects.get(pk=attempt.pk).status != "pending", seconds=120)
    attempt.refresh_from_db()
    assert attempt.status == "judged", attempt.error_message
    # The plumbing is under test here; how well the judge hears is the benchmark's job.
    assert attempt.verdict in {"correct", "not_quite"}, attempt.feedback
    assert 0 <= attempt.score <= 100 and attempt.feedback
    assert attempt.engine.startswith("whisper")
    progress = WordProgress.objects.get(learner=alice, word=word)
    assert progress.attempts == 1
    assert progress.is_mastered == (attempt.score >= 70)


def test_a_new_word_gets_its_reference_readings_from_a_worker_and_they_stay(celery_worker_process):
    from learning.models import ReferenceReading
    from learning.tasks import prepare_word_references

    assert prepare_word_references.delay(["quokka"]).get(timeout=600) == 1
    made = ReferenceReading.objects.filter(word="quokka")
    assert made.exists()
    assert set(made.values_list("voice", flat=True)) >= {"en-029+m2"}
    # Asking again (a restarted worker, beat) reads them back and makes nothing new.
    before = set(ReferenceReading.objects.values_list("pk", "made_at"))
    assert prepare_word_references.delay(["quokka"]).get(timeout=120) == 1
    assert set(ReferenceReading.objects.values_list("pk", "made_at")) == before


def test_a_reading_that_waited_for_a_busy_worker_is_judged_by_the_quicker_engine(
    alice, spoken, celery_worker_process
):
    """A long queue: the reading was sent ten seconds before a worker could take it, so
    Whisper tiny.en alone judges it (SPEECH_BUSY_ENGINE) and the verdict comes in time."""
    import uuid
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from learning.actions import record_attempt
    from learning.models import PracticeAttempt
    from learning.recordings import Upload
    from learning.tests.factories import WordFactory

    word = WordFactory(level=LevelFactory(order=1), text="fish")
    with transaction.atomic():  # queued when this commits, as a view's request does
        attempt = record_attempt(
            learner=alice,
            word=word,
            upload=Upload(data=spoken("fish"), extension="wav", seconds=1.0),
            client_token=uuid.uuid4(),
            practice_seconds=5,
        )
        PracticeAttempt.objects.filter(pk=attempt.pk).update(
            submitted_at=timezone.now() - timedelta(seconds=10)
        )
    assert _wait_for(lambda: PracticeAttempt.objects.get(pk=attempt.pk).status != "pending", seconds=120)
    attempt.refresh_from_db()
    assert attempt.status == "judged", attempt.error_message
    assert attempt.engine == "whisper-tiny.en"
    assert attempt.verdict in {"correct", "not_quite"}, attempt.feedback
