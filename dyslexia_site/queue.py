"""Queue Celery work after the current transaction commits, by task name.

Actions queue work through here rather than importing the tasks modules, so tasks
import actions in one direction only. Apps import their tasks in ``AppConfig.ready``
so every name is registered in the web process too.
"""

import logging
import queue
import threading
import time

from celery import current_app
from django.conf import settings
from django.db import connections, transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)

_background: queue.Queue = queue.Queue()
_background_lock = threading.Lock()
_background_thread: threading.Thread | None = None


def _run_background() -> None:
    while True:
        task, args = _background.get()
        try:
            task.apply(args, throw=True)
        except Exception:  # noqa: BLE001 - one failed preparation must not stop the next
            log.exception("Background task %s%r failed", task.name, args)
        finally:
            connections.close_all()  # this thread's own connections
            _background.task_done()


def _send_to_background(task, args) -> None:
    """Eager mode: run on the web process's one background thread (started on first use)."""
    global _background_thread
    with _background_lock:
        if _background_thread is None or not _background_thread.is_alive():
            _background_thread = threading.Thread(target=_run_background, name="background", daemon=True)
            _background_thread.start()
    _background.put((task, args))


def wait_for_background(timeout: float = 60.0) -> bool:
    """Block until the background thread has run everything handed to it (for tests and
    management commands); False if it is still busy after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while _background.unfinished_tasks:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def send(name: str, *args) -> bool:
    """Run task ``name`` now (in-process when eager) or hand it to the broker; False if it couldn't.

    A broker that can't be reached must not fail the learner's request (or hold a web
    worker: connecting gives up within CELERY_BROKER_CONNECTION_TIMEOUT and nothing is
    retried here): the row the task would work on is already saved, and the beat
    sweeper queues it again.
    """
    task = current_app.tasks[name]
    if current_app.conf.task_always_eager:
        if name in settings.EAGER_IN_BACKGROUND:
            _send_to_background(task, args)
        else:
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
