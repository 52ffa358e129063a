"""Beat tasks: recordings leave after the retention period, lost attempts come back."""

import os
import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from learning.models import PracticeAttempt
from learning.services import delete_old_recordings
from learning.tasks import GIVE_UP_AFTER, requeue_stale_attempts
from learning.tests.factories import WordFactory

pytestmark = pytest.mark.django_db


def recorded_attempt(learner, word, *, age: timedelta, **fields) -> PracticeAttempt:
    attempt = PracticeAttempt(
        learner=learner, word=word, client_token=uuid.uuid4(), recording_sha256=uuid.uuid4().hex, **fields
    )
    attempt.recording.save("recording.wav", ContentFile(b"RIFF-recorded"), save=False)
    attempt.save()
    PracticeAttempt.objects.filter(pk=attempt.pk).update(created_at=timezone.now() - age)
    attempt.refresh_from_db()
    return attempt


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


def test_it_requeues_attempts_a_dead_worker_left_pending(alice, monkeypatch):
    word = WordFactory(text="cat")
    lost = recorded_attempt(alice, word, age=timedelta(minutes=5))
    fresh = recorded_attempt(alice, word, age=timedelta(seconds=10))
    hopeless = recorded_attempt(alice, word, age=GIVE_UP_AFTER + timedelta(minutes=1))
    queued = []
    monkeypatch.setattr("learning.tasks.score_attempt.delay", queued.append)

    result = requeue_stale_attempts()

    assert queued == [lost.pk]
    assert result == {"requeued": 1, "failed": 1}
    hopeless.refresh_from_db()
    assert hopeless.status == "failed" and "try again" in hopeless.error_message
    fresh.refresh_from_db()
    assert fresh.status == "pending"
