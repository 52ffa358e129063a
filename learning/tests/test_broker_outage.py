"""When the broker can't be reached: the learner is told kindly at once, and nothing is lost."""

import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from dyslexia_site import queue
from learning.models import PracticeAttempt
from learning.recordings import DELAYED_NOTE
from learning.tests.factories import LevelFactory, WordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    """Tasks go to a broker (not in-process), and every publish fails as a dead Redis does."""
    from celery import current_app

    def refuse(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("celery.app.task.Task.apply_async", refuse)
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield
    current_app.conf.task_always_eager = eager


def test_queueing_reports_a_broker_it_could_not_reach(broker_down):
    assert queue.send("learning.make_speech_clip", 1, False) is False


def test_a_recording_sent_during_an_outage_is_kept_and_the_page_says_checking_is_delayed(
    client, alice, spoken, broker_down, django_capture_on_commit_callbacks
):
    word = WordFactory(level=LevelFactory(order=1), text="cat")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("learning:submit_attempt", args=[word.pk]),
            {
                "recording": SimpleUploadedFile("cat.wav", spoken("cat"), content_type="audio/wav"),
                "client_token": str(uuid.uuid4()),
            },
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    attempt = PracticeAttempt.objects.get(learner=alice)
    assert attempt.is_pending and attempt.error_message == DELAYED_NOTE and attempt.has_recording
    page = client.get(attempt.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "taking longer than usual" in page and "Your recording is safe" in page


def test_a_recording_waiting_long_is_called_delayed_even_without_an_outage(alice):
    word = WordFactory(level=LevelFactory(order=1), text="cat")
    attempt = PracticeAttempt.objects.create(
        learner=alice, word=word, client_token=uuid.uuid4(), submitted_at=timezone.now()
    )
    assert not attempt.is_delayed
    attempt.submitted_at = timezone.now() - timedelta(minutes=1)
    assert attempt.is_delayed


def test_a_waiting_page_asks_less_often_as_the_wait_grows(client, alice):
    """Soon at first (most verdicts take a second); then every two seconds, so a busy queue
    isn't asked twice as often as it answers; every five once the wait is called delayed."""
    word = WordFactory(level=LevelFactory(order=1), text="cat")
    attempt = PracticeAttempt.objects.create(
        learner=alice, word=word, client_token=uuid.uuid4(), submitted_at=timezone.now()
    )
    client.force_login(alice)
    for waited, delay in ((0, "1s"), (10, "2s"), (60, "5s")):
        PracticeAttempt.objects.filter(pk=attempt.pk).update(
            submitted_at=timezone.now() - timedelta(seconds=waited)
        )
        page = client.get(attempt.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
        assert f'hx-trigger="load delay:{delay}"' in page, waited
