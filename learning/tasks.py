"""Thin Celery tasks: they take ids, load rows and call an action."""

import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings

import speech

from . import actions, recordings
from .models import PracticeAttempt, Word

# Clips still pending after this long were lost (a broker outage, a dead worker).
CLIP_STUCK_AFTER = timedelta(minutes=5)


@worker_process_init.connect
def load_speech_models(**kwargs):
    """Load the recognisers once per worker process, not on a learner's first recording."""
    try:
        speech.warm_up()
    except Exception:  # noqa: BLE001 - a missing model must not stop the worker; tasks report it
        logging.getLogger(__name__).exception("Could not load the speech models at worker start")


class JudgePracticeAttempt(recordings.JudgeRecordingTask):
    model = PracticeAttempt

    def judged(self, pk, judgement):
        actions.apply_judgement(pk, judgement)

    def failed(self, pk, message):
        actions.mark_attempt_failed(pk, message)


@shared_task(base=JudgePracticeAttempt, bind=True, name=PracticeAttempt.JUDGE_TASK)
def judge_practice_attempt(self, pk: int) -> str:
    return self.judge(pk)


@shared_task(
    name=actions.PREPARE_WORDS_TASK,
    acks_late=True,
    time_limit=600,
    soft_time_limit=540,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def prepare_words(word_ids: list[int]) -> int:
    """Idempotent: words that already have their details are left as they are."""
    return actions.prepare_words(word_ids)


@shared_task(
    name=actions.PREPARE_REFERENCES_TASK,
    acks_late=True,
    time_limit=900,
    soft_time_limit=840,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def prepare_word_references(texts: list[str]) -> int:
    """Reference readings of new words (kept in the database); made ones cost one query."""
    from speech.references import prepare

    for text in texts:
        prepare(text)
    return len(texts)


@shared_task(acks_late=True, time_limit=3600, soft_time_limit=3540)
def prepare_speech_references() -> int:
    """Reference readings for every curriculum word; words already in the database cost one
    query, so beat can run it often and new words are ready before a learner says them."""
    from speech.references import prepare

    words = list(Word.objects.order_by().values_list("text", flat=True).distinct())
    for word in words:
        prepare(word)
    return len(words)


@shared_task(acks_late=True, time_limit=120)
def sweep_stale_recordings() -> dict:
    """Beat task: queue again every kind of recording a dead worker left pending, and stuck clips."""
    swept = {task.name: recordings.sweep_stale(task) for task in recordings.judge_tasks()}
    swept["clips_requeued"] = actions.requeue_stuck_clips(older_than=CLIP_STUCK_AFTER)
    swept["clips_requested"] = actions.request_missing_clips()
    return swept


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1740)
def train_recommender() -> dict:
    """Beat task: retrain the learner model on the attempt history; pages pick the new file up."""
    from .training import train_recommender as train

    return train().model.metrics


@shared_task(acks_late=True, time_limit=1800)
def delete_old_recordings() -> int:
    """Beat task: recordings of every kind are kept RECORDING_RETENTION_DAYS; verdicts forever."""
    return recordings.delete_old_recordings(older_than_days=settings.RECORDING_RETENTION_DAYS)


@shared_task(
    name=actions.MAKE_CLIP_TASK,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    time_limit=60,
    soft_time_limit=45,
)
def make_speech_clip(clip_id: int, force: bool = False) -> str:
    clip = actions.make_clip(clip_id, force=force)
    return clip.status if clip else "missing"
