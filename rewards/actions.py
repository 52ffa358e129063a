"""Rewards, one action per event. Each is idempotent: (learner, kind, key) is unique, so
replaying an event (a retried task, a second signal) awards nothing twice.

Called by the receivers in receivers.py when learning and mock tests send their
events, inside the same transaction; each runs in its own savepoint so a clash on
the unique key (a race with a replay) leaves the judgement's transaction intact.
"""

from django.db import IntegrityError, transaction

from learning.events import ProgressBefore
from learning.models import Level, PracticeAttempt

from . import rules
from .badges import badge_for
from .models import Award


def _give(learner, kind, key, reason, *, attempt=None, stars=None) -> Award | None:
    """The award for this event, if it was not given before; None when it was."""
    try:
        with transaction.atomic():
            award, created = Award.objects.get_or_create(
                learner=learner,
                kind=kind,
                key=str(key)[:80],
                defaults={
                    "stars": rules.STARS[kind] if stars is None else stars,
                    "reason": reason[:200],
                    "attempt": attempt,
                },
            )
    except IntegrityError:  # a concurrent replay of the same event won
        return None
    return award if created else None


def _badges(learner, keys, *, attempt=None) -> list[Award]:
    # One query for the badges already held, so a streak badge costs nothing on later tries.
    have = set(Award.objects.badges().filter(learner=learner, key__in=keys).values_list("key", flat=True))
    given = [
        _give(learner, Award.Kind.BADGE, key, badge_for(key).reason, attempt=attempt)
        for key in keys
        if key not in have
    ]
    return [award for award in given if award]


def _give_effort(learner, day, kind, key, reason, *, attempt) -> Award | None:
    """Effort stars, at most EFFORT_STARS_PER_DAY a day; past that the effort is still praised, starless."""
    room = rules.EFFORT_STARS_PER_DAY - rules.effort_stars_on(learner, day)
    return _give(learner, kind, key, reason, attempt=attempt, stars=max(0, min(rules.STARS[kind], room)))


def award_attempt_judged(
    *, attempt: PracticeAttempt, before: ProgressBefore, last: rules.LastSession | None
) -> list[Award]:
    """A first try at a word, a better score than last session's, and the day's badges."""
    learner, word = attempt.learner, attempt.word
    given = []
    badge_keys = []
    day = rules.local_day(learner, attempt.created_at)
    if rules.is_first_try(attempt, before):
        given.append(
            _give_effort(
                learner,
                day,
                Award.Kind.FIRST_TRY,
                word.pk,
                f"You had a first go at “{word.text}”.",
                attempt=attempt,
            )
        )
        badge_keys.append("first-word")
    if rules.is_better_score(attempt, before, last):
        given.append(
            _give_effort(
                learner,
                day,
                Award.Kind.BETTER_SCORE,
                f"{word.pk}:{day.isoformat()}",
                f"You scored {attempt.score} on “{word.text}”, up from {last.score} last time.",
                attempt=attempt,
            )
        )
    badge_keys += rules.day_badges(learner, day).keys
    given += _badges(learner, badge_keys, attempt=attempt)
    return [award for award in given if award]


def award_sound_fixed(*, attempt: PracticeAttempt, sound: str) -> list[Award]:
    """A sound the learner got wrong last time on this word, now right: once per word and sound."""
    label = rules.sound_label(sound)
    star = _give(
        attempt.learner,
        Award.Kind.SOUND_FIXED,
        f"{attempt.word_id}:{sound}",
        f"You said {label} right in “{attempt.word.text}”.",
        attempt=attempt,
    )
    return [
        award for award in [star, *_badges(attempt.learner, [f"sound:{sound}"], attempt=attempt)] if award
    ]


def award_word_mastered(*, attempt: PracticeAttempt) -> list[Award]:
    star = _give(
        attempt.learner,
        Award.Kind.WORD_MASTERED,
        attempt.word_id,
        f"You mastered “{attempt.word.text}”.",
        attempt=attempt,
    )
    return [
        award for award in [star, *_badges(attempt.learner, ["first-mastered"], attempt=attempt)] if award
    ]


def award_review_done(*, attempt: PracticeAttempt, days: int) -> list[Award]:
    """A mastered word said right again ``days`` (a KEPT_AFTER_DAYS step) after it was last practised:
    it was kept, not just learnt. Once per word and step."""
    after = {1: "a day", 7: "a week"}.get(days, f"{days} days")
    star = _give(
        attempt.learner,
        Award.Kind.REVIEW_KEPT,
        rules.kept_key(attempt.word_id, days),
        f"You still know “{attempt.word.text}” {after} later.",
        attempt=attempt,
    )
    return [star] if star else []


def award_level_complete(*, learner, level: Level, attempt: PracticeAttempt | None = None) -> list[Award]:
    star = _give(
        learner,
        Award.Kind.LEVEL_COMPLETE,
        level.pk,
        f"You mastered every word in level {level.order}: {level.title}.",
        attempt=attempt,
    )
    return [award for award in [star, *_badges(learner, [f"level:{level.order}"], attempt=attempt)] if award]


def award_mock_test_passed(*, learner, level: Level) -> list[Award]:
    star = _give(
        learner,
        Award.Kind.MOCK_TEST_PASSED,
        level.pk,
        f"You passed the mock test for level {level.order}.",
    )
    return [award for award in [star, *_badges(learner, [f"mock-test:{level.order}"])] if award]


# --- Weekly summary ------------------------------------------------------------------

WEEKLY_SUBJECT = "Your weekly reading summary"


def send_weekly_summary(*, parent, week_starting) -> bool:
    """E-mail one parent their linked learners' week, at most once per week (False when sent before).

    The row and the e-mail share a transaction: a mail server that refuses leaves no row,
    so the next beat run tries again; a row means the e-mail went.
    """
    from django.contrib.auth import get_user_model
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    from .models import WeeklySummary
    from .summary import unsubscribe_url, week_for

    learners = list(get_user_model().objects.visible_to(parent).order_by("display_name", "pk"))
    if not parent.email or not parent.weekly_summary or not learners:
        return False
    try:
        with transaction.atomic():
            WeeklySummary.objects.create(parent=parent, week_starting=week_starting, learners=len(learners))
            context = {
                "parent": parent,
                "weeks": [week_for(learner, week_starting) for learner in learners],
                "week_starting": week_starting,
                "unsubscribe_url": unsubscribe_url(parent),
            }
            message = EmailMultiAlternatives(
                subject=WEEKLY_SUBJECT,
                body=render_to_string("rewards/email/weekly_summary.txt", context),
                to=[parent.email],
                headers={
                    "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            message.attach_alternative(
                render_to_string("rewards/email/weekly_summary.html", context), "text/html"
            )
            message.send()
    except IntegrityError:  # sent already this week
        return False
    return True


def unsubscribe_weekly_summary(*, parent) -> bool:
    """Stop the weekly e-mail; returns False when it was off already."""
    from django.contrib.auth import get_user_model

    return bool(
        get_user_model().objects.filter(pk=parent.pk, weekly_summary=True).update(weekly_summary=False)
    )
