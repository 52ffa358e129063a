"""The forgiving streak: freezes earned and used, earn-back, and days in the learner's own time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from rewards.streaks import EARN_BACK_TRIES, forgiving_streak, learner_streak

from .stories import make_level, said_on

TODAY = datetime.date(2025, 3, 31)


def ago(n):
    return TODAY - datetime.timedelta(days=n)


def practised(*days_ago, tries=1):
    return {ago(n): tries for n in days_ago}


def test_it_counts_back_from_yesterday_until_today_is_practised():
    streak = forgiving_streak(practised(1, 2, 3), TODAY)
    assert (streak.current, streak.practised_today) == (3, False)
    assert forgiving_streak(practised(0, 1, 2, 3), TODAY).current == 4


def test_it_earns_a_freeze_every_seven_practice_days_and_holds_at_most_two():
    assert forgiving_streak(practised(*range(6)), TODAY).freezes_held == 0
    seven = forgiving_streak(practised(*range(7)), TODAY)
    assert (seven.freezes_held, seven.days_to_next_freeze) == (1, 7)
    assert forgiving_streak(practised(*range(14)), TODAY).freezes_held == 2
    assert forgiving_streak(practised(*range(28)), TODAY).freezes_held == 2


def test_a_missed_day_uses_a_freeze_and_the_streak_carries_on():
    # Seven days, a missed day, then two more (yesterday and today).
    streak = forgiving_streak(practised(0, 1, *range(3, 10)), TODAY)
    assert (streak.current, streak.freezes_held, streak.freezes_used) == (9, 0, (ago(2),))


def test_a_missed_day_without_a_freeze_breaks_the_streak_but_remembers_the_best():
    streak = forgiving_streak(practised(2, 3, 4), TODAY)
    assert (streak.current, streak.best) == (0, 3)


def test_a_broken_streak_is_earned_back_by_practising_twice_the_next_day():
    # Three days, missed yesterday with no freeze: today is the day to earn it back.
    history = practised(2, 3, 4)
    waiting = forgiving_streak(history, TODAY)
    assert (waiting.current, waiting.can_earn_back, waiting.tries_to_earn_back) == (0, 3, EARN_BACK_TRIES)
    halfway = forgiving_streak({**history, TODAY: 4}, TODAY)
    assert (halfway.current, halfway.can_earn_back, halfway.tries_to_earn_back) == (1, 3, EARN_BACK_TRIES - 4)
    back = forgiving_streak({**history, TODAY: EARN_BACK_TRIES}, TODAY)
    assert (back.current, back.earned_back, back.can_earn_back) == (4, True, 0)


def test_the_chance_to_earn_back_lasts_one_day_only():
    history = {**practised(3, 4, 5), ago(1): 3}  # missed day 2, came back yesterday, but briefly
    streak = forgiving_streak(history, TODAY)
    assert (streak.current, streak.can_earn_back, streak.best) == (1, 0, 3)
    # An earned-back streak from days ago keeps counting.
    earned = forgiving_streak({**practised(3, 4, 5), ago(1): EARN_BACK_TRIES, TODAY: 1}, TODAY)
    assert (earned.current, earned.earned_back) == (5, True)


def test_freezes_cover_two_missed_days_in_a_row():
    history = practised(0, *range(3, 17))  # 14 days (two freezes), then days 2 and 1 missed
    streak = forgiving_streak(history, TODAY)
    assert (streak.current, streak.freezes_held, len(streak.freezes_used)) == (15, 0, 2)


def test_nothing_practised_is_no_streak():
    assert forgiving_streak({}, TODAY).current == 0


@pytest.fixture
def cat(db):
    return make_level(1, ["cat"], size=1).words.get()


def test_days_are_counted_in_the_learners_time_zone(alice, cat, settings):
    settings.TIME_ZONE = "Europe/London"
    alice.time_zone = "America/Los_Angeles"
    alice.save()
    la = ZoneInfo("America/Los_Angeles")
    # 21:00 and 22:30 in Los Angeles are the next day in London: still two days in LA.
    said_on(alice, cat, 50, datetime.datetime(2025, 1, 18, 21, 0, tzinfo=la))
    said_on(alice, cat, 50, datetime.datetime(2025, 1, 19, 22, 30, tzinfo=la))
    streak = learner_streak(alice, today=datetime.date(2025, 1, 19))
    assert (streak.current, streak.practised_today) == (2, True)
    # Read in the site's zone the same tries fall on 19 and 20 January.
    alice.time_zone = ""
    assert learner_streak(alice, today=datetime.date(2025, 1, 19)).practised_today


def test_a_daylight_saving_change_never_splits_or_merges_a_day(alice, cat):
    alice.time_zone = "Europe/London"
    alice.save()
    london = ZoneInfo("Europe/London")
    # Clocks go forward at 01:00 on 30 March 2025: 00:30 and 23:30 that day are one day, 23 hours apart.
    said_on(alice, cat, 50, datetime.datetime(2025, 3, 29, 23, 30, tzinfo=london))
    said_on(alice, cat, 50, datetime.datetime(2025, 3, 30, 0, 30, tzinfo=london))
    said_on(alice, cat, 50, datetime.datetime(2025, 3, 30, 23, 30, tzinfo=london))
    said_on(alice, cat, 50, datetime.datetime(2025, 3, 31, 0, 15, tzinfo=london))
    streak = learner_streak(alice, today=datetime.date(2025, 3, 31))
    assert (streak.current, streak.practice_days) == (3, 3)


def test_an_unknown_time_zone_falls_back_to_the_sites(alice, settings):
    alice.time_zone = "Mars/Olympus_Mons"
    assert alice.zone == ZoneInfo(settings.TIME_ZONE)
