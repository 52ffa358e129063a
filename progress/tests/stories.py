"""Helpers the progress stories share: judged attempts made on a chosen day."""

import datetime

from django.utils import timezone

from learning.actions import mark_attempt_failed
from learning.models import PracticeAttempt
from learning.tests.factories import LevelFactory, WordFactory
from learning.tests.test_rules import attempt_for, say
from mocktest.models import LevelProgress, MockTest

WORDS = ["cat", "map", "bag", "hat", "van", "jam", "pan", "rat", "cap", "sad"]


def make_level(order=1, words=WORDS, title=None):
    level = LevelFactory(order=order, title=title or f"Level {order}")
    for position, text in enumerate(words):
        WordFactory(level=level, text=text, position=position)
    return level


def said_at(learner, word, score, when: datetime.datetime, verdict=None) -> PracticeAttempt:
    """A judged attempt, moved to `when` (an aware datetime)."""
    attempt = say(learner, word, score, verdict=verdict).attempt
    PracticeAttempt.objects.filter(pk=attempt.pk).update(created_at=when)
    return attempt


def failed_at(learner, word, when: datetime.datetime, score=None) -> PracticeAttempt:
    """An attempt whose check failed (with a stray score, to prove it is ignored)."""
    attempt = attempt_for(learner, word)
    mark_attempt_failed(attempt.pk, "The recogniser crashed.")
    PracticeAttempt.objects.filter(pk=attempt.pk).update(created_at=when, score=score)
    return attempt


def local(day: datetime.date, hour=12, minute=0) -> datetime.datetime:
    """That day and time in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_default_timezone())


def passed_mock_test(learner, level, score=90):
    now = timezone.now()
    test = MockTest.objects.create(
        learner=learner,
        level=level,
        attempt_number=1,
        status=MockTest.Status.FINISHED,
        started_at=now,
        expires_at=now,
        finished_at=now,
        score=score,
        correct_count=score // 10,
        passed=True,
    )
    LevelProgress.objects.create(
        learner=learner, level=level, attempts=1, best_score=score, last_score=score, passed_at=now
    )
    return test
