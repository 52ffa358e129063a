"""Thin Celery tasks: they take ids, load rows and call an action."""

from celery import shared_task

from learning.recordings import JudgeRecordingTask

from . import actions
from .models import ExplorerTry


class JudgeExplorerTry(JudgeRecordingTask):
    model = ExplorerTry

    def judged(self, pk, judgement):
        actions.apply_try_judgement(pk, judgement)

    def failed(self, pk, message):
        actions.mark_try_failed(pk, message)


@shared_task(base=JudgeExplorerTry, bind=True, name=ExplorerTry.JUDGE_TASK)
def judge_explorer_try(self, pk: int) -> str:
    return self.judge(pk)


@shared_task(
    bind=True,
    name=actions.MAKE_PICTURE_TASK,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    time_limit=120,
    soft_time_limit=100,
)
def make_picture(self, entry_id: int) -> str:
    try:
        entry = actions.make_picture(entry_id)
    except OSError:
        if self.request.retries >= self.max_retries:
            actions.mark_picture_failed(entry_id, "Could not draw the picture.")
        raise
    return entry.picture_status if entry else "missing"
