"""The forgiving streak, counted in each learner's own time zone.

Everything here is a pure function of the learner's practice history (days and how
many judged tries each day had), so nothing about freezes or earn-back is stored
that could drift from the attempts themselves:

- a day counts when the learner had any judged try that day, in their time zone;
- every 7th practice day earns a freeze (at most 2 held; never bought);
- a missed day inside a streak uses a freeze by itself, and the streak carries on;
- a missed day with no freeze left breaks the streak, and practising twice as much
  the very next day (EARN_BACK_TRIES judged tries) earns it back.
Today not practised yet never breaks anything: it counts back from yesterday.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from learning.models import PracticeAttempt

# A practice day: any judged attempt, even an unclear one; a failed check is not the learner's doing.
PRACTISED = Q(status=PracticeAttempt.Status.JUDGED)

FREEZE_EVERY = 7
MAX_FREEZES = 2
# Twice a usual round of practice (five words) on the day after a break brings the streak back.
EARN_BACK_TRIES = 10
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Streak:
    current: int
    best: int
    practised_today: bool
    freezes_held: int = 0
    # Missed days a freeze covered, most recent last (within the current streak).
    freezes_used: tuple[datetime.date, ...] = ()
    # Set while the learner may still earn a broken streak back today: its length before the break.
    can_earn_back: int = 0
    tries_to_earn_back: int = 0
    earned_back: bool = False
    days_to_next_freeze: int = FREEZE_EVERY
    practice_days: int = field(default=0)


def forgiving_streak(tries_per_day: dict[datetime.date, int], today: datetime.date) -> Streak:
    """Walk the days from the first practice day to today, spending and earning freezes."""
    days = sorted(day for day, tries in tries_per_day.items() if tries and day <= today)
    if not days:
        return Streak(current=0, best=0, practised_today=False)
    current = best = held = practised = 0
    covered: list[datetime.date] = []
    broken_length = 0  # the streak a missed day just broke, while it can still be earned back
    earn_back_day = None
    earned_back = False
    day = days[0]
    while day <= today:
        tries = tries_per_day.get(day, 0)
        if tries:
            if day == earn_back_day and tries >= EARN_BACK_TRIES:
                current = broken_length + 1
                earned_back = True
            else:
                current += 1
            # Today may still bring the streak back with more tries; any other day closes the chance.
            if not (day == earn_back_day == today and tries < EARN_BACK_TRIES):
                broken_length, earn_back_day = 0, None
            practised += 1
            if practised % FREEZE_EVERY == 0:
                held = min(MAX_FREEZES, held + 1)
        elif day < today and current:
            if held:
                held -= 1
                covered.append(day)
            else:
                broken_length, earn_back_day = current, day + ONE_DAY
                current, covered, earned_back = 0, [], False
        best = max(best, current)
        day += ONE_DAY

    practised_today = tries_per_day.get(today, 0) > 0
    earn_back_open = earn_back_day == today and broken_length > 0
    return Streak(
        current=current,
        best=best,
        practised_today=practised_today,
        freezes_held=held,
        freezes_used=tuple(covered),
        can_earn_back=broken_length if earn_back_open else 0,
        tries_to_earn_back=max(0, EARN_BACK_TRIES - tries_per_day.get(today, 0)) if earn_back_open else 0,
        earned_back=earned_back,
        days_to_next_freeze=FREEZE_EVERY - practised % FREEZE_EVERY,
        practice_days=practised,
    )


def tries_per_day(learners) -> dict[int, dict[datetime.date, int]]:
    """Each learner's judged tries per day, in their own time zone: one query per time zone in use."""
    by_zone = defaultdict(list)
    for learner in learners:
        by_zone[learner.zone].append(learner.pk)
    counts: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    for zone, learner_ids in by_zone.items():
        rows = (
            PracticeAttempt.objects.filter(PRACTISED, learner_id__in=learner_ids)
            .annotate(day=TruncDate("created_at", tzinfo=zone))
            .values_list("learner_id", "day")
            .annotate(tries=Count("pk"))
            .order_by("learner_id", "day")
        )
        for learner_id, group in groupby(rows, key=lambda row: row[0]):
            counts[learner_id].update({day: tries for _, day, tries in group})
    return counts


def learner_streak(learner, today: datetime.date | None = None) -> Streak:
    return forgiving_streak(tries_per_day([learner]).get(learner.pk, {}), today or learner.today())
