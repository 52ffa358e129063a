"""Thin Celery tasks: they take ids, load rows and call an action."""

from celery import shared_task

from learning.recordings import JudgeRecordingTask

from . import actions
from .models import MockTestItem


class JudgeMockItem(JudgeRecordingTask):
    model = MockTestItem

    def judged(self, pk, judgement):
        item = actions.apply_item_judgement(pk, judgement)
        if item is not None:
            actions.finish_mock_test(item.test_id)  # does nothing until every word is judged

    def failed(self, pk, message):
        actions.mark_item_failed(pk, message)


@shared_task(base=JudgeMockItem, bind=True, name=MockTestItem.JUDGE_TASK)
def judge_mock_item(self, pk: int) -> str:
    return self.judge(pk)


@shared_task(acks_late=True, time_limit=120)
def close_mock_tests() -> dict:
    """Beat task: close tests left in progress past MOCK_TEST_EXPIRES_HOURS, and finish
    tests whose last word a dying worker judged but never finished."""
    return {"expired": actions.expire_overdue_tests(), "finished": actions.finish_judged_tests()}
