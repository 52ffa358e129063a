"""Judging workers give way to the web server on a shared host."""

from dyslexia_site import celery


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
