"""A spoken question through the real stack: PostgreSQL, Redis, object storage and a Celery worker process."""

import time
import uuid

import pytest

from chatbot.models import Message, VoiceQuestion
from learning.tests.factories import LevelFactory, WordFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_spoken_question_is_transcribed_by_a_worker_and_answered(
    client, alice, spoken, celery_worker_process
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    WordFactory(
        level=LevelFactory(order=1), text="rabbit", sound_spelling="r-a-bb-i-t", syllables=["rab", "bit"]
    )
    client.force_login(alice)
    wav = spoken("how do I say rabbit", speed=130, lead=0.3, tail=0.3)
    response = client.post(
        "/chat/voice/",
        {"recording": SimpleUploadedFile("q.wav", wav, "audio/wav"), "client_token": str(uuid.uuid4())},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    question = VoiceQuestion.objects.get(learner=alice)
    assert _wait_for(lambda: not VoiceQuestion.objects.get(pk=question.pk).is_pending)
    question.refresh_from_db()
    assert question.is_judged, question.error_message
    answer = Message.objects.filter(conversation__learner=alice, role="tutor").get()
    assert answer.word == "rabbit" and "r-a-bb-i-t" in answer.text
    html = client.get(question.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "r-a-bb-i-t" in html
