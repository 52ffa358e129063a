"""Faults on the real stack (PostgreSQL, Redis, a Celery worker process): nothing is lost.

- a pool process killed in the middle of a judgement is replaced, and the recording judged;
- a broker that can't be reached: the learner hears at once that checking is delayed, and
  the recording is judged once the broker is back;
- audio clips left pending are queued again.
"""

import contextlib
import os
import signal
import time
import uuid
from datetime import timedelta

import pytest
from celery import current_app
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learning.models import PracticeAttempt, SpeechClip
from learning.recordings import DELAYED_NOTE
from learning.tasks import sweep_stale_recordings
from learning.tests.factories import LevelFactory, WordFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def send_recording(client, word, audio: bytes, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("learning:submit_attempt", args=[word.pk]),
        {
            "recording": SimpleUploadedFile("reading.wav", audio, content_type="audio/wav"),
            "client_token": str(uuid.uuid4()),
        },
        headers=headers,
    )


def judged_soon(attempt, seconds) -> bool:
    return wait_for(lambda: PracticeAttempt.objects.get(pk=attempt.pk).status != "pending", seconds)


def _reset_broker_connections():
    current_app._pool = None
    current_app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_unreachable():
    """This (web) process publishes to a port nobody listens on; the worker keeps its Redis."""
    real = current_app.conf.broker_url
    current_app.conf.broker_url = "redis://127.0.0.1:1/0"
    _reset_broker_connections()
    try:
        yield
    finally:
        current_app.conf.broker_url = real
        _reset_broker_connections()


def forget_reference_readings():
    """Drop the shared reference readings (Redis keeps them between runs), and only those:
    the same Redis database carries the broker's queues."""
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match="*speech-ref:*"):
        client.delete(key)


def active_judgement_pid() -> int | None:
    active = current_app.control.inspect(timeout=1.0).active() or {}
    for tasks in active.values():
        for task in tasks:
            if task["name"] == "learning.judge_practice_attempt":
                return task["worker_pid"]
    return None


def test_a_pool_process_killed_mid_judgement_is_replaced_and_the_recording_judged(
    client, alice, spoken, celery_worker_process
):
    # A word whose reference readings are not made yet: its first judgement makes them
    # (seconds of work), so the kill lands while the judgement is under way.
    forget_reference_readings()
    word = WordFactory(level=LevelFactory(order=1), text="moth")
    client.force_login(alice)
    send_recording(client, word, spoken("moth"))
    attempt = PracticeAttempt.objects.get(learner=alice)

    seen = []
    assert wait_for(lambda: seen.append(active_judgement_pid()) or seen[-1] is not None, 30), (
        "the judgement never started"
    )
    os.kill(seen[-1], signal.SIGKILL)
    killed_at = time.monotonic()

    assert judged_soon(attempt, 60), "not judged within 60 s of the pool process dying"
    attempt.refresh_from_db()
    assert attempt.status == "judged", attempt.error_message
    assert time.monotonic() - killed_at < 60


def test_a_broker_outage_delays_checking_kindly_and_loses_nothing(
    client, alice, spoken, celery_worker_process
):
    word = WordFactory(level=LevelFactory(order=1), text="fish")
    client.force_login(alice)

    with broker_unreachable():
        started = time.monotonic()
        response = send_recording(client, word, spoken("fish"), htmx=True)
        took = time.monotonic() - started

    assert response.status_code == 200
    assert took < 2.0, f"the learner waited {took:.1f} s for a dead broker"
    assert "taking longer than usual" in response.content.decode()
    attempt = PracticeAttempt.objects.get(learner=alice)
    assert attempt.status == "pending" and attempt.error_message == DELAYED_NOTE and attempt.has_recording

    # The broker is back; a couple of minutes later beat's sweeper runs.
    PracticeAttempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - timedelta(minutes=3))
    sweep_stale_recordings()

    assert judged_soon(attempt, 90)
    attempt.refresh_from_db()
    assert attempt.status == "judged" and attempt.error_message == ""


def test_audio_clips_left_pending_are_made_by_the_worker_after_a_sweep(celery_worker_process):
    WordFactory(level=LevelFactory(order=1), text="ship")
    lost = SpeechClip.objects.create(text="ship", speed="normal")  # queued during an outage, never made
    SpeechClip.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - timedelta(minutes=10))

    sweep_stale_recordings()

    assert wait_for(lambda: SpeechClip.objects.filter(text="ship", status="ready").count() == 2, 60)
