"""Queue Celery work after the current transaction commits, by task name.

Actions queue work through here rather than importing the tasks modules, so tasks
import actions in one direction only. Apps import their tasks in ``AppConfig.ready``
so every name is registered in the web process too.
"""

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


def send(name: str, *args) -> bool:
    """Run task ``name`` now (in-process when eager) or hand it to the broker; False if it couldn't.

    A broker that can't be reached must not fail the learner's request (or hold a web
    worker: connecting gives up within CELERY_BROKER_CONNECTION_TIMEOUT and nothing is
    retried here): the row the task would work on is already saved, and the beat
    sweeper queues it again.
    """
    task = current_app.tasks[name]
    if current_app.conf.task_always_eager:
        task.apply_async(args)  # in-process: a failure is the task's own and shows as such
        return True
    try:
        task.apply_async(args, retry=False)
    except (OSError, OperationalError):
        log.warning("Could not queue %s%r; the sweeper will queue it again", name, args, exc_info=True)
        return False
    return True


def send_on_commit(name: str, *args, if_not_sent=None) -> None:
    """Queue after commit; ``if_not_sent()`` runs when the broker could not take it."""

    def deliver():
        if not send(name, *args) and if_not_sent is not None:
            if_not_sent()

    transaction.on_commit(deliver)
