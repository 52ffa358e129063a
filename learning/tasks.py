"""Thin Celery tasks: they take ids, load rows and call a service."""

import logging
from datetime import timedelta

from celery import Task, shared_task
from celery.signals import worker_process_init
from django.utils import timezone

from .judging import RecordingNotJudged, judge_stored_recording
from .models import PracticeAttempt
from .services import apply_judgement, mark_attempt_failed
from .words import fill_missing_details

# Pending attempts older than this were probably lost with a worker: queue them again.
STALE_AFTER = timedelta(minutes=2)
# ...and after this long, give up and tell the learner.
GIVE_UP_AFTER = timedelta(minutes=15)
FAILED_MESSAGE = "Sorry, something went wrong while checking your recording. Please try again."


@worker_process_init.connect
def load_speech_models(**kwargs):
    """Load the recognisers once per worker process, not on a learner's first recording."""
    from speech import warm_up

    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a missing model must not stop the worker; tasks report it
        logging.getLogger(__name__).exception("Could not load the speech models at worker start")


@shared_task(
    acks_late=True,
    time_limit=600,
    soft_time_limit=540,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def fill_missing_word_details(word_ids: list[int]) -> int:
    """Idempotent: words that already have their details are left as they are."""
    return fill_missing_details(word_ids)


@shared_task(acks_late=True, time_limit=3600, soft_time_limit=3540)
def prepare_speech_references() -> int:
    """Reference readings for every curriculum word; words already in the cache cost nothing,
    so beat can run it often and new words are ready before a learner says them."""
    from speech.references import prepare

    from .models import Word

    words = list(Word.objects.order_by().values_list("text", flat=True).distinct())
    for word in words:
        prepare(word)
    return len(words)


class ScoreAttemptTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries used up or an unexpected error: the learner sees it failed, nothing hangs.
        if args:
            mark_attempt_failed(args[0], FAILED_MESSAGE)


@shared_task(
    base=ScoreAttemptTask,
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=90,
    soft_time_limit=60,
)
def score_attempt(self, attempt_id: int) -> str:
    """Judge one recording. Running it twice is harmless: a judged attempt is left alone."""
    attempt = PracticeAttempt.objects.select_related("word").filter(pk=attempt_id).first()
    if attempt is None or attempt.status != PracticeAttempt.Status.PENDING:
        return "skipped"
    try:
        judgement = judge_stored_recording(attempt.recording, attempt.word.text)
    except RecordingNotJudged as problem:
        mark_attempt_failed(attempt.pk, problem.message)
        return "not judged"
    apply_judgement(attempt.pk, judgement)
    return "judged"


@shared_task(acks_late=True, time_limit=120)
def requeue_stale_attempts() -> dict:
    """Beat task: re-queue attempts a dead worker left pending; fail the hopeless ones."""
    now = timezone.now()
    pending = PracticeAttempt.objects.filter(status=PracticeAttempt.Status.PENDING)
    given_up = list(pending.filter(created_at__lt=now - GIVE_UP_AFTER).values_list("pk", flat=True))
    for attempt_id in given_up:
        mark_attempt_failed(attempt_id, FAILED_MESSAGE)
    stale = list(pending.filter(created_at__lt=now - STALE_AFTER).values_list("pk", flat=True))
    for attempt_id in stale:
        score_attempt.delay(attempt_id)
    return {"requeued": len(stale), "failed": len(given_up)}


@shared_task(acks_late=True, time_limit=1800)
def delete_old_recordings() -> int:
    """Beat task: recordings are kept RECORDING_RETENTION_DAYS, scores forever."""
    from django.conf import settings

    from . import services

    return services.delete_old_recordings(older_than_days=settings.RECORDING_RETENTION_DAYS)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    time_limit=60,
    soft_time_limit=45,
)
def make_speech_clip(clip_id: int, force: bool = False) -> str:
    from .audio import make_clip

    clip = make_clip(clip_id, force=force)
    return clip.status if clip else "missing"
