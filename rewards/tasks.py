"""Thin Celery tasks for rewards."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import actions
from .summary import last_week_start


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def send_weekly_summaries() -> int:
    """Beat, Monday morning: last week's summary to every parent who wants it. Safe to run twice."""
    User = get_user_model()
    week = last_week_start(timezone.localdate())
    parents = User.objects.filter(
        role=User.Role.PARENT, weekly_summary=True, email__isnull=False, child_links__isnull=False
    ).distinct()
    return sum(
        actions.send_weekly_summary(parent=parent, week_starting=week) for parent in parents.iterator()
    )
