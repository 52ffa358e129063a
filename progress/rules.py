"""Progress figures: what a learner has done, their daily streak, and who may see it.

Plain functions that read; nothing here changes a row. Every function runs a
fixed number of queries whatever the number of attempts, words or learners.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import User
from learning.models import PracticeAttempt, Word, WordProgress
from learning.recommending import PatternTrouble, mistake_profile
from learning.recommending import standings as standings_of
from learning.rules import LevelState, level_states, recommended_words
from mocktest.models import LevelProgress
from recommender import mastery
from rewards.streaks import Streak, forgiving_streak, learner_streak, tries_per_day


def site_timezone():
    return timezone.get_default_timezone()


def site_today() -> datetime.date:
    return timezone.localdate(timezone=site_timezone())


def _local_midnight(day: datetime.date, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


# --- Summary ------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    average_score: float | None
    total_attempts: int
    words_mastered: int
    average_seconds_to_master: float | None
    seconds_practising: float
    levels: list[LevelState]
    mock_tests_passed: int

    @property
    def average_score_rounded(self) -> int | None:
        return None if self.average_score is None else round(self.average_score)

    @property
    def levels_started(self) -> list[LevelState]:
        """Open levels, and any locked level where words were mastered already."""
        return [state for state in self.levels if state.is_open or state.mastered_words]


def learner_summary(learner) -> Summary:
    """The headline figures of a learner's practice, in a handful of queries whatever their history."""
    counted = PracticeAttempt.COUNTED
    attempts = PracticeAttempt.objects.filter(learner=learner).aggregate(
        average=Avg("score", filter=counted), total=Count("pk", filter=counted)
    )
    words = WordProgress.objects.filter(learner=learner).aggregate(
        to_master=Avg("seconds_to_master"),
        practising=Sum("seconds_practising"),
    )
    passed = LevelProgress.objects.filter(learner=learner, passed_at__isnull=False).count()
    levels = level_states(learner)
    return Summary(
        average_score=attempts["average"],
        total_attempts=attempts["total"],
        words_mastered=sum(state.mastered_words for state in levels),
        average_seconds_to_master=words["to_master"],
        seconds_practising=words["practising"] or 0.0,
        levels=levels,
        mock_tests_passed=passed,
    )


# --- Streaks ------------------------------------------------------------------
# The forgiving streak (freezes, earn-back, the learner's own time zone) lives in rewards.streaks.


def daily_streak(learner, today: datetime.date | None = None) -> Streak:
    return learner_streak(learner, today)


# --- Chart and next words -----------------------------------------------------


@dataclass(frozen=True)
class DayScore:
    day: datetime.date
    average: int
    attempts: int


def recent_scores(learner, days: int = 30, today: datetime.date | None = None) -> list[DayScore]:
    """The average score of each day with counted attempts, over the last `days` days."""
    zone = learner.zone
    today = today or learner.today()
    since = datetime.datetime.combine(
        today - datetime.timedelta(days=days - 1), datetime.time.min, tzinfo=zone
    )
    rows = (
        PracticeAttempt.objects.counted()
        .filter(learner=learner, created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day")
        .annotate(average=Avg("score"), attempts=Count("pk"))
        .order_by("day")
    )
    return [DayScore(row["day"], round(row["average"]), row["attempts"]) for row in rows]


def words_to_practise(learner, limit: int = 5) -> list[Word]:
    """The recommender's best next words over the learner's open levels, each with ``.why``."""
    return recommended_words(learner, limit=limit)


# --- Pages --------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    learner: User
    summary: Summary
    streak: Streak
    scores: list[DayScore]
    to_practise: list[Word]
    troubles: list[PatternTrouble]

    @property
    def chart_data(self) -> dict:
        return {
            "labels": [f"{score.day.day} {score.day:%b}" for score in self.scores],
            "scores": [score.average for score in self.scores],
        }


def learner_dashboard(learner, today: datetime.date | None = None) -> Dashboard:
    today = today or learner.today()
    return Dashboard(
        learner=learner,
        summary=learner_summary(learner),
        streak=daily_streak(learner, today),
        scores=recent_scores(learner, today=today),
        to_practise=words_to_practise(learner),
        troubles=mistake_profile(learner)[:4],
    )


@dataclass(frozen=True)
class FamilyCard:
    learner: User
    streak: Streak
    words_mastered: int
    last_practised_at: datetime.datetime | None
    days_since_practice: int | None = field(default=None)


def family_cards(parent, today: datetime.date | None = None) -> list[FamilyCard]:
    """One card per linked learner, in four queries whatever the number of learners."""
    learners = list(
        User.objects.visible_to(parent)
        .annotate(
            last_practised=Max("word_progress__last_practised_at"),
        )
        .order_by("display_name", "email")
    )
    days = tries_per_day(learners)
    standings = standings_of([learner.pk for learner in learners])
    cards = []
    for learner in learners:
        learner_today = today or learner.today()
        last = learner.last_practised
        since = None if last is None else (learner_today - timezone.localtime(last, learner.zone).date()).days
        cards.append(
            FamilyCard(
                learner=learner,
                streak=forgiving_streak(days.get(learner.pk, {}), learner_today),
                words_mastered=list(standings[learner.pk].values()).count(mastery.MASTERED),
                last_practised_at=last,
                days_since_practice=since,
            )
        )
    return cards
