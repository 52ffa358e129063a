"""Thin Celery tasks: they take ids and call an action."""

from celery import shared_task

from learning import recordings

from . import actions
from .models import VoiceQuestion


class JudgeVoiceQuestion(recordings.JudgeRecordingTask):
    """A spoken question in the one recording pipeline: transcribed freely, then answered."""

    model = VoiceQuestion

    def listen(self, row):
        return recordings.transcribe(row)

    def judged(self, pk, transcript):
        actions.answer_voice_question(pk, transcript)

    def failed(self, pk, message):
        actions.mark_voice_question_failed(pk, message)


@shared_task(base=JudgeVoiceQuestion, bind=True, name=VoiceQuestion.JUDGE_TASK)
def judge_voice_question(self, pk: int) -> str:
    return self.judge(pk)


@shared_task(name=actions.ANSWER_TASK, acks_late=True, time_limit=120, soft_time_limit=100)
def answer_with_model(message_id: int) -> str:
    """Idempotent: an answer that is no longer pending is left alone."""
    return actions.answer_with_model(message_id)


@shared_task(acks_late=True, time_limit=120)
def finish_stale_answers() -> int:
    """Beat task: an answer a dead worker left pending is written by the offline tutor."""
    return actions.finish_stale_answers()
