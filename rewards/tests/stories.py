"""Helpers the rewards stories share: fabricated judgements on chosen words and days."""

import datetime

from django.utils import timezone

from learning.actions import apply_judgement
from learning.models import PracticeAttempt, WordProgress
from learning.tests.test_rules import attempt_for, judged
from mocktest.tests.sittings import make_level, swap

__all__ = ["make_level", "swap", "say", "said_on", "rewind"]


def say(learner, word, score, *, wrong=(), verdict=None, seconds=5.0):
    """A judged try with known answers; returns the attempt."""
    verdict = verdict or ("correct" if score >= 70 else "not_quite")
    attempt = attempt_for(learner, word, practice_seconds=seconds)
    apply_judgement(attempt.pk, judged(verdict, score, wrong_sounds=list(wrong)))
    attempt.refresh_from_db()
    return attempt


def said_on(learner, word, score, when: datetime.datetime, **kwargs):
    """A judged try made at ``when`` (the clock is moved, so rewards see that day too)."""
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=when):
        return say(learner, word, score, **kwargs)


def rewind(learner, word, days: int):
    """Pretend the learner last practised ``word`` that many days ago."""
    when = timezone.now() - datetime.timedelta(days=days)
    WordProgress.objects.filter(learner=learner, word=word).update(last_practised_at=when)
    PracticeAttempt.objects.filter(learner=learner, word=word).update(created_at=when)
