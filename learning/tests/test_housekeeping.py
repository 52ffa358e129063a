"""Beat tasks and the recording pipeline's housekeeping, for every kind of judged recording:
recordings leave after the retention period or with their rows, lost work comes back."""

import os
import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from learning.models import PracticeAttempt, SpeechClip
from learning.recordings import GIVE_UP_AFTER, delete_old_recordings, oldest_pending_seconds
from learning.tasks import sweep_stale_recordings
from learning.tests.factories import WordFactory
from mocktest.actions import start_mock_test
from mocktest.tests.sittings import make_level, ready_for_test

pytestmark = pytest.mark.django_db


def recorded_attempt(learner, word, *, age: timedelta, **fields) -> PracticeAttempt:
    attempt = PracticeAttempt(
        learner=learner, word=word, client_token=uuid.uuid4(), recording_sha256=uuid.uuid4().hex, **fields
    )
    attempt.recording.save("recording.wav", ContentFile(b"RIFF-recorded"), save=False)
    attempt.save()
    when = timezone.now() - age
    PracticeAttempt.objects.filter(pk=attempt.pk).update(created_at=when, submitted_at=when)
    attempt.refresh_from_db()
    return attempt


def recorded_test_item(learner, *, age: timedelta, status="judged"):
    level = make_level(1, ["cat", "map"], size=2)
    ready_for_test(learner, level)
    item = start_mock_test(learner=learner, level=level).items.select_related("test").first()
    item.client_token = uuid.uuid4()
    item.recording.save("recording.wav", ContentFile(b"RIFF-test-word"), save=False)
    item.status = status
    item.submitted_at = timezone.now() - age
    item.save()
    return item


def test_it_deletes_recordings_past_the_retention_period_but_keeps_the_scores(alice):
    word = WordFactory(text="cat")
    judged = {"status": "judged", "verdict": "correct"}
    old = recorded_attempt(alice, word, age=timedelta(days=31), score=88, **judged)
    recent = recorded_attempt(alice, word, age=timedelta(days=29), score=90, **judged)
    old_path = old.recording.path

    assert delete_old_recordings(older_than_days=30) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.recording_deleted_at is not None and not old.has_recording
    assert old.score == 88
    assert not os.path.exists(old_path)
    assert recent.has_recording
    assert delete_old_recordings(older_than_days=30) == 0


def test_it_deletes_old_mock_test_recordings_too(alice):
    item = recorded_test_item(alice, age=timedelta(days=31))
    path = item.recording.path

    assert delete_old_recordings(older_than_days=30) == 1

    item.refresh_from_db()
    assert not item.has_recording and not os.path.exists(path)


def test_a_deleted_account_takes_its_recordings_with_it(alice, django_capture_on_commit_callbacks):
    attempt = recorded_attempt(alice, WordFactory(text="cat"), age=timedelta(days=1), status="judged")
    item = recorded_test_item(alice, age=timedelta(days=1))
    paths = [attempt.recording.path, item.recording.path]

    with django_capture_on_commit_callbacks(execute=True):
        alice.delete()

    assert not any(os.path.exists(path) for path in paths)


def test_it_requeues_every_kind_of_recording_a_dead_worker_left_pending(alice, monkeypatch):
    word = WordFactory(text="cat")
    lost = recorded_attempt(alice, word, age=timedelta(minutes=5))
    fresh = recorded_attempt(alice, word, age=timedelta(seconds=10))
    hopeless = recorded_attempt(alice, word, age=GIVE_UP_AFTER + timedelta(minutes=1))
    lost_item = recorded_test_item(alice, age=timedelta(minutes=5), status="pending")
    queued = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args: queued.append((name, *args)))

    result = sweep_stale_recordings()

    assert ("learning.judge_practice_attempt", lost.pk) in queued
    assert ("mocktest.judge_mock_item", lost_item.pk) in queued
    assert result["learning.judge_practice_attempt"] == {"requeued": 1, "failed": 1}
    assert result["mocktest.judge_mock_item"] == {"requeued": 1, "failed": 0}
    hopeless.refresh_from_db()
    assert hopeless.status == "failed" and "try again" in hopeless.error_message
    fresh.refresh_from_db()
    assert fresh.status == "pending"


def test_it_requeues_clips_left_pending_and_asks_for_missing_ones(monkeypatch):
    WordFactory(text="cat")
    stuck = SpeechClip.objects.create(text="cat", speed="normal")
    SpeechClip.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(minutes=10))
    queued = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args: queued.append((name, *args)))

    result = sweep_stale_recordings()

    assert ("learning.make_speech_clip", stuck.pk, False) in queued
    assert result["clips_requeued"] == 1
    assert result["clips_requested"] == 1  # the slow clip was missing
    assert SpeechClip.objects.filter(text="cat", speed="slow").exists()


def test_every_kind_of_recording_keeps_a_small_index_of_the_waiting_ones():
    from learning.recordings import judged_recording_models

    for model in judged_recording_models():
        name = f"{model._meta.model_name}_waiting"
        waiting = [index for index in model._meta.indexes if index.name == name]
        assert waiting and waiting[0].fields == ["submitted_at"], model
        assert waiting[0].condition.children == [("status", "pending")], model


def test_it_tells_how_long_the_oldest_recording_has_waited(alice):
    assert oldest_pending_seconds() == 0
    recorded_attempt(alice, WordFactory(text="cat"), age=timedelta(minutes=3))
    assert 170 < oldest_pending_seconds() < 200
