"""Asking by voice: the one recording pipeline, with a free transcription instead of a target word."""

import uuid

import pytest

from chatbot.models import Message, VoiceQuestion
from learning import recordings

pytestmark = pytest.mark.django_db


def send(client, wav: bytes, token=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/chat/voice/",
        {
            "recording": SimpleUploadedFile("q.wav", wav, "audio/wav"),
            "client_token": str(token or uuid.uuid4()),
        },
        headers={"HX-Request": "true"},
    )


@pytest.mark.slow
def test_a_spoken_question_is_transcribed_and_answered(
    client, alice, level_one, spoken, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, spoken("how do I say rabbit", speed=130, lead=0.3, tail=0.3))
    assert response.status_code == 200
    question = VoiceQuestion.objects.get(learner=alice)
    assert question.is_judged and question.transcript.lower().startswith("how do i say rabbit")
    said, answer = Message.objects.filter(conversation__learner=alice).order_by("pk")
    assert (said.source, said.intent) == ("voice", "say")
    assert answer.word == "rabbit" and "r-a-bb-i-t" in answer.text
    # The learner polls the spoken question (a GET that reads) and sees the exchange.
    html = client.get(question.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "I heard" in html and "r-a-bb-i-t" in html and 'hx-swap-oob="beforeend:#chat-log"' in html


def test_its_task_is_one_of_the_pipelines_judge_tasks_and_the_sweeper_covers_it():
    names = {task.name for task in recordings.judge_tasks()}
    assert VoiceQuestion.JUDGE_TASK in names
    assert VoiceQuestion in recordings.judged_recording_models()


def test_nothing_heard_is_a_visible_failure_not_a_silent_hole(client, alice, level_one):
    from chatbot.actions import answer_voice_question, record_voice_question
    from learning.recordings import Upload

    question = record_voice_question(
        learner=alice, upload=Upload(b"RIFF-bytes", "wav", 1.0), client_token=uuid.uuid4()
    )
    assert question.is_pending
    answer_voice_question(question.pk, "   ")
    question.refresh_from_db()
    assert question.is_failed and "couldn't hear a question" in question.error_message
    client.force_login(alice)
    assert (
        "hear a question. Please try again"
        in client.get(question.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    )
    assert not Message.objects.exists()


def test_a_recording_that_is_not_audio_is_refused_with_422(client, alice, level_one):
    client.force_login(alice)
    response = send(client, b"not audio at all" * 100)
    assert response.status_code == 422
    assert not VoiceQuestion.objects.exists()


def test_another_learners_spoken_question_is_404(client, alice, bob, level_one):
    from chatbot.actions import record_voice_question
    from learning.recordings import Upload

    question = record_voice_question(
        learner=alice, upload=Upload(b"RIFF-bytes", "wav", 1.0), client_token=uuid.uuid4()
    )
    client.force_login(bob)
    assert client.get(question.get_absolute_url(), headers={"HX-Request": "true"}).status_code == 404


def test_clearing_history_deletes_spoken_questions_and_their_files(
    client, alice, level_one, django_capture_on_commit_callbacks
):
    from chatbot.actions import clear_history, record_voice_question
    from learning.recordings import Upload

    question = record_voice_question(
        learner=alice, upload=Upload(b"RIFF-bytes", "wav", 1.0), client_token=uuid.uuid4()
    )
    storage, name = question.recording.storage, question.recording.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        clear_history(learner=alice)
    assert not VoiceQuestion.objects.exists() and not storage.exists(name)
