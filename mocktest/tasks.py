"""Thin Celery tasks: they take ids, load rows and call a service."""

from datetime import timedelta

from celery import Task, shared_task

from learning.judging import RecordingNotJudged, judge_stored_recording

from .models import MockTestItem
from .services import (
    apply_item_judgement,
    expire_overdue_tests,
    finish_mock_test,
    mark_item_failed,
    requeue_stale_items,
)

FAILED_MESSAGE = "Sorry, something went wrong while checking this recording."
# Pending words older than this were probably lost with a worker: queue them again.
STALE_AFTER = timedelta(minutes=2)


class ScoreMockItemTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries used up or an unexpected error: the word is asked again, nothing hangs.
        item_id = args[0] if args else kwargs.get("item_id")
        if item_id is not None:
            mark_item_failed(item_id, FAILED_MESSAGE)


@shared_task(
    base=ScoreMockItemTask,
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=90,
    soft_time_limit=60,
)
def score_mock_item(self, item_id: int) -> str:
    """Judge one mock-test word, then finish the test if it was the last. Running twice is harmless."""
    item = MockTestItem.objects.select_related("word").filter(pk=item_id).first()
    if item is None or item.status != MockTestItem.Status.PENDING:
        return "skipped"
    try:
        judgement = judge_stored_recording(item.recording, item.word.text)
    except RecordingNotJudged as problem:
        mark_item_failed(item.pk, problem.message)
        return "not judged"
    apply_item_judgement(item.pk, judgement)
    finish_mock_test(item.test_id)  # does nothing until every word is judged; exactly once after
    return "judged"


@shared_task(acks_late=True, time_limit=120)
def expire_abandoned_mock_tests() -> dict:
    """Beat task: close tests left in progress past MOCK_TEST_EXPIRES_HOURS; re-queue lost words."""
    expired = expire_overdue_tests()
    stale = requeue_stale_items(older_than=STALE_AFTER)
    for item_id in stale:
        score_mock_item.delay(item_id)
    return {"expired": expired, "requeued": len(stale)}
