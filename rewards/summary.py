"""The weekly summary a parent gets: plain short sentences per linked learner. Read-only."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Sum
from django.urls import reverse

from accounts.models import User
from learning.models import PracticeAttempt, WordProgress
from learning.rules import continue_point

from .rules import momentum
from .streaks import tries_per_day

UNSUBSCRIBE_SALT = "rewards.weekly-summary.unsubscribe"


@dataclass(frozen=True)
class LearnerWeek:
    learner: User
    words_mastered: list[str]
    seconds: float
    days: int
    better_sounds: list[str]
    next_focus: str

    @property
    def sentences(self) -> list[str]:
        name = self.learner.name
        said = []
        if self.words_mastered:
            count = len(self.words_mastered)
            shown = ", ".join(self.words_mastered[:6])
            said.append(f"{name} mastered {count} {'word' if count == 1 else 'words'}: {shown}.")
        if self.days:
            minutes = max(1, round(self.seconds / 60))
            said.append(
                f"{name} practised for {minutes} {'minute' if minutes == 1 else 'minutes'} "
                f"on {self.days} {'day' if self.days == 1 else 'days'}."
            )
        else:
            said.append(f"{name} did not practise this week. A few minutes together can help.")
        for sound in self.better_sounds[:2]:
            said.append(f"{name} is getting better at {sound}.")
        if self.next_focus:
            said.append(f"Next focus: {self.next_focus}.")
        return said


def week_for(learner: User, week_starting: datetime.date) -> LearnerWeek:
    zone = learner.zone
    start = datetime.datetime.combine(week_starting, datetime.time.min, tzinfo=zone)
    end = start + datetime.timedelta(days=7)
    mastered = list(
        WordProgress.objects.filter(learner=learner, first_mastered_at__gte=start, first_mastered_at__lt=end)
        .order_by("first_mastered_at")
        .values_list("word__text", flat=True)
    )
    seconds = (
        PracticeAttempt.objects.filter(learner=learner, created_at__gte=start, created_at__lt=end).aggregate(
            total=Sum("practice_seconds")
        )["total"]
        or 0.0
    )
    days = tries_per_day([learner]).get(learner.pk, {})
    practised = sum(1 for day in days if week_starting <= day < week_starting + datetime.timedelta(days=7))
    level, word = continue_point(learner)
    focus = f"level {level.order}, {level.focus}" if level else ""
    if word is not None:
        focus += f" (the word “{word.text}”)"
    return LearnerWeek(learner, mastered, seconds, practised, momentum(learner).better_sounds, focus)


def unsubscribe_token(parent: User) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(parent.pk))


def parent_for_token(token: str) -> User | None:
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, role=User.Role.PARENT).first()


def unsubscribe_url(parent: User) -> str:
    return settings.SITE_URL + reverse("rewards:unsubscribe", args=[unsubscribe_token(parent)])


def last_week_start(today: datetime.date) -> datetime.date:
    """The Monday of the week before the one ``today`` is in."""
    return today - datetime.timedelta(days=today.weekday() + 7)
