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


def send(name: str, *args) -> None:
    """Run task ``name`` now (in-process when eager) or hand it to the broker.

    A broker that can't be reached must not fail the learner's request: the row the
    task would work on is already saved, and the beat sweeper queues it again.
    """
    task = current_app.tasks[name]
    if current_app.conf.task_always_eager:
        task.apply_async(args)  # in-process: a failure is the task's own and shows as such
        return
    try:
        task.apply_async(args, retry=False)
    except (OSError, OperationalError):
        log.warning("Could not queue %s%r; the sweeper will queue it again", name, args, exc_info=True)


def send_on_commit(name: str, *args) -> None:
    transaction.on_commit(lambda: send(name, *args))
