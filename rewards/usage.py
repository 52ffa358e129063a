"""Aggregate usage for staff: active learners and tries per day. Read-only, no names."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from learning.models import PracticeAttempt

from .models import Award


@dataclass(frozen=True)
class Usage:
    active_7_days: int
    active_30_days: int
    per_day: list[tuple[datetime.date, int, int]]  # day, tries, learners
    badges: list[tuple[str, int]]


def usage(days: int = 14, now=None) -> Usage:
    now = now or timezone.now()
    recent = PracticeAttempt.objects.filter(created_at__gte=now - datetime.timedelta(days=30))
    week = recent.filter(created_at__gte=now - datetime.timedelta(days=7))
    per_day = (
        recent.filter(created_at__gte=now - datetime.timedelta(days=days))
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_default_timezone()))
        .values("day")
        .annotate(tries=Count("pk"), learners=Count("learner", distinct=True))
        .order_by("-day")
    )
    badges = Award.objects.badges().values("key").annotate(n=Count("pk")).order_by("-n", "key")[:20]
    return Usage(
        active_7_days=week.values("learner").distinct().count(),
        active_30_days=recent.values("learner").distinct().count(),
        per_day=[(row["day"], row["tries"], row["learners"]) for row in per_day],
        badges=[(row["key"], row["n"]) for row in badges],
    )
