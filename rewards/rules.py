"""What earns a reward, and how a learner is doing, in plain words. Read-only.

Stars follow durable learning, not practice in the moment: most of them are paid when a
mastered word is said right again on a later day ("kept" after 1, 3 and 7 days), because a
word read right after a gap is a word remembered, while one read right minutes after the
last try may be gone next week. Effort (a first try, beating last time's score) earns small
stars, at most EFFORT_STARS_PER_DAY a day; "last time" and "a sound you used to miss" mean
an earlier day (a session), so a burst of tries is no more stars than one. Repetition of a
mastered word earns nothing new. Rewards are informational: they say what the learner did,
never what they lost; an effort past the day's cap is still praised, with no stars.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

import speech
from learning.events import ProgressBefore
from learning.models import PracticeAttempt

from .badges import STREAK_BADGE_DAYS, Badge
from .models import Award
from .streaks import Streak, forgiving_streak, learner_streak, tries_per_day

# Tuned on the benchmark's tuning seeds only (README, "Rewards"): mastery in the moment is praised
# without stars, a word kept is worth the most, a level is mostly paid for by its words kept.
STARS = {
    Award.Kind.FIRST_TRY: 1,
    Award.Kind.BETTER_SCORE: 1,
    Award.Kind.SOUND_FIXED: 2,
    Award.Kind.WORD_MASTERED: 0,
    Award.Kind.REVIEW_KEPT: 3,
    Award.Kind.LEVEL_COMPLETE: 2,
    Award.Kind.MOCK_TEST_PASSED: 5,
    Award.Kind.BADGE: 0,
}
# Effort stars: a few a day keep a first go worth making; more would pay clicking, not learning.
EFFORT_KINDS = (Award.Kind.FIRST_TRY, Award.Kind.BETTER_SCORE)
EFFORT_STARS_PER_DAY = 2
# A mastered word said right again this many days after it was last practised (the learner's
# days) was kept that long: each step pays once per word, so growing gaps, not daily
# repetition, earn the stars.
KEPT_AFTER_DAYS = (1, 3, 7)
HALF_A_DAY = datetime.timedelta(hours=12)
# Days without practice after which coming back earns "Back after a break".
BREAK_DAYS = 3


def sound_label(phone: str) -> str:
    return f"/{speech.sound_name(phone)}/"


# --- Which events an attempt is ------------------------------------------------------


def local_day(learner, moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment, timezone=learner.zone)


def day_bounds(learner, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The start and end of ``day`` in the learner's time zone (23 or 25 hours long across DST)."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=learner.zone)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=learner.zone)
    return start, end


def is_first_try(attempt: PracticeAttempt, before: ProgressBefore) -> bool:
    return attempt.counts and before.attempts == 0


@dataclass(frozen=True)
class LastSession:
    """The learner's last counted try at a word on an earlier day: what "last time" means."""

    score: int | None
    wrong_sounds: list[dict]


def last_session(attempt: PracticeAttempt) -> LastSession | None:
    start, _ = day_bounds(attempt.learner, local_day(attempt.learner, attempt.created_at))
    row = (
        PracticeAttempt.objects.counted()
        .filter(learner_id=attempt.learner_id, word_id=attempt.word_id, created_at__lt=start)
        .order_by("-created_at", "-pk")
        .values_list("score", "wrong_sounds")
        .first()
    )
    return LastSession(score=row[0], wrong_sounds=row[1] or []) if row else None


# A better score must be clearly better: judges' scores wobble by a few points on their own.
BETTER_BY = 5


def is_better_score(attempt: PracticeAttempt, before: ProgressBefore, last: LastSession | None) -> bool:
    """Clearly beating last session's score on a word you are still learning (mastered words can't farm it).

    Against an earlier day, never the try a minute ago: tries in a burst wobble up and down, and
    the next try right after a low one is no sign of learning.
    """
    return (
        attempt.counts
        and not before.was_mastered
        and last is not None
        and last.score is not None
        and attempt.score >= last.score + BETTER_BY
    )


def kept_step(attempt: PracticeAttempt, before: ProgressBefore) -> int | None:
    """The KEPT_AFTER_DAYS step this try earns, if any: a mastered word said right N days after it was
    last practised. The longest step reached that the word doesn't hold yet, one per try, so a word
    said right a week on earns "a week" now and may still earn "a day" another time."""
    if not (attempt.is_mastery and before.was_mastered and before.last_practised_at):
        return None
    learner = attempt.learner
    gap = (local_day(learner, attempt.created_at) - local_day(learner, before.last_practised_at)).days
    elapsed = attempt.created_at - before.last_practised_at
    # Days as the learner lives them, but never just across midnight: "a day later" is 12+ hours on.
    reached = [
        days
        for days in KEPT_AFTER_DAYS
        if gap >= days and elapsed >= datetime.timedelta(days=days) - HALF_A_DAY
    ]
    if not reached:
        return None
    held = set(
        Award.objects.filter(
            learner_id=attempt.learner_id, kind=Award.Kind.REVIEW_KEPT, key__startswith=f"{attempt.word_id}:"
        ).values_list("key", flat=True)
    )
    new = [days for days in reached if kept_key(attempt.word_id, days) not in held]
    return max(new) if new else None


def kept_key(word_id: int, days: int) -> str:
    return f"{word_id}:{days}d"


def effort_stars_on(learner, day: datetime.date) -> int:
    start, end = day_bounds(learner, day)
    given = Award.objects.filter(
        learner=learner, kind__in=EFFORT_KINDS, created_at__gte=start, created_at__lt=end
    ).aggregate(total=Sum("stars"))["total"]
    return given or 0


def fixed_sounds(before_wrong: list[dict], now_wrong: list[dict]) -> list[str]:
    """Sounds (ARPAbet) that were wrong last time (an earlier day: see last_session) and are right now."""
    missed = {sound.get("expected") for sound in before_wrong} - {None, ""}
    still = {sound.get("expected") for sound in now_wrong}
    return sorted(missed - still)


@dataclass(frozen=True)
class DayBadges:
    keys: list[str]
    streak: Streak


def day_badges(learner, day: datetime.date) -> DayBadges:
    """Streak badges reached and "back after a break", as of ``day`` in the learner's time zone."""
    days = tries_per_day([learner]).get(learner.pk, {})
    streak = forgiving_streak(days, day)
    keys = [f"days:{n}" for n in STREAK_BADGE_DAYS if streak.current >= n]
    earlier = [d for d in days if d < day]
    if earlier and (day - max(earlier)).days > BREAK_DAYS:
        keys.append(f"back:{day.isoformat()}")
    return DayBadges(keys, streak)


# --- Confidence and momentum ---------------------------------------------------------

FIRST_TRY_WINDOW = 20
IMPROVEMENT_WINDOW = 10
SOUND_WINDOW = 40


@dataclass(frozen=True)
class Momentum:
    first_try_right: int | None  # of the last FIRST_TRY_WINDOW words tried
    first_try_out_of: int
    improvement: int | None  # points, last 10 tries against the 10 before
    better_sounds: list[str]  # sound labels, e.g. "/th/"

    @property
    def sentences(self) -> list[str]:
        said = []
        if self.first_try_out_of >= 5:
            said.append(
                f"You said {self.first_try_right} of your last {self.first_try_out_of} words "
                "right on the first try."
            )
        if self.improvement is not None and self.improvement >= 3:
            said.append(f"Your scores went up by {self.improvement} points over your last 10 tries.")
        for label in self.better_sounds[:2]:
            said.append(f"You're getting better at {label} words.")
        if not said:
            said.append("Every try helps your brain learn the words. Keep going!")
        return said


def momentum(learner) -> Momentum:
    """From the last 40 counted tries, in one query."""
    rows = list(
        PracticeAttempt.objects.counted()
        .filter(learner=learner)
        .order_by("-created_at", "-pk")
        .values_list("word_id", "score", "verdict", "wrong_sounds", "word__phonemes")[: SOUND_WINDOW + 1]
    )
    rows.reverse()  # oldest first
    # A first try: a go at a word that didn't follow a go at the same word.
    first_tries = [
        (row[2] == PracticeAttempt.Verdict.CORRECT and (row[1] or 0) >= 70)
        for index, row in enumerate(rows)
        if index == 0 or rows[index - 1][0] != row[0]
    ][-FIRST_TRY_WINDOW:]
    scores = [row[1] for row in rows if row[1] is not None]
    improvement = None
    if len(scores) >= 2 * IMPROVEMENT_WINDOW:
        recent, earlier = scores[-IMPROVEMENT_WINDOW:], scores[-2 * IMPROVEMENT_WINDOW : -IMPROVEMENT_WINDOW]
        improvement = round(sum(recent) / len(recent) - sum(earlier) / len(earlier))
    return Momentum(
        first_try_right=sum(first_tries),
        first_try_out_of=len(first_tries),
        improvement=improvement,
        better_sounds=[sound_label(phone) for phone in _sounds_getting_better(rows)],
    )


def _sounds_getting_better(rows) -> list[str]:
    """Sounds missed less often in the newer half of the tries than in the older half."""
    half = len(rows) // 2
    if half < 5:
        return []

    def miss_rates(part):
        tried, missed = Counter(), Counter()
        for _word, _score, _verdict, wrong, phonemes in part:
            tried.update(set(phonemes.split()))
            missed.update({sound.get("expected") for sound in wrong} - {None})
        return {phone: missed[phone] / tried[phone] for phone in tried if tried[phone]}, missed

    older, older_missed = miss_rates(rows[:half])
    newer, _ = miss_rates(rows[half:])
    better = [
        (older[phone] - newer[phone], phone)
        for phone in older
        if phone in newer and older_missed[phone] >= 2 and older[phone] - newer[phone] >= 0.25
    ]
    return [phone for _, phone in sorted(better, reverse=True)]


# --- Pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RewardsPage:
    learner: object
    stars: int
    badges: list[tuple[Badge, datetime.datetime]]
    recent: list[Award]
    momentum: Momentum
    streak: Streak


def rewards_page(learner, recent: int = 15) -> RewardsPage:
    """Everything "My rewards" shows, in a fixed number of queries however long the history."""
    awards = Award.objects.filter(learner=learner)
    stars = awards.aggregate(total=Sum("stars"))["total"] or 0
    badges = [(award.badge, award.created_at) for award in awards.badges().order_by("created_at", "pk")]
    return RewardsPage(
        learner=learner,
        stars=stars,
        badges=badges,
        recent=list(awards.stars().select_related("attempt__word")[:recent]),
        momentum=momentum(learner),
        streak=learner_streak(learner),
    )


def awards_for_attempt(learner, attempt_id: int) -> list[Award]:
    """What one practice try earned: the toast after a result."""
    return list(Award.objects.owned_by(learner).filter(attempt_id=attempt_id).order_by("pk"))
