"""Judging workers give way to the web server on a shared host."""

import pytest

from dyslexia_site import celery


@pytest.fixture(autouse=True)
def _this_process_keeps_its_class(monkeypatch):
    # The tests call the hook in the test process itself: it must not become idle.
    monkeypatch.setattr(celery.os, "sched_setscheduler", lambda *args: None)


def test_pool_processes_run_at_the_configured_niceness(settings, monkeypatch):
    asked = []
    monkeypatch.setattr(celery.os, "nice", asked.append)
    settings.WORKER_NICENESS = 10
    celery._lower_priority()
    assert asked == [10]


def test_a_worker_on_its_own_host_keeps_its_priority(settings, monkeypatch):
    asked = []
    monkeypatch.setattr(celery.os, "nice", asked.append)
    settings.WORKER_NICENESS = 0
    celery._lower_priority()
    assert asked == []


def test_pool_processes_can_run_only_on_idle_cpu(settings, monkeypatch):
    asked = []
    monkeypatch.setattr(celery.os, "nice", lambda n: None)
    monkeypatch.setattr(celery.os, "sched_setscheduler", lambda pid, policy, _: asked.append((pid, policy)))
    settings.WORKER_IDLE_PRIORITY = True
    celery._lower_priority()
    assert asked == [(0, celery.os.SCHED_IDLE)]
    settings.WORKER_IDLE_PRIORITY = False
    celery._lower_priority()
    assert len(asked) == 1
