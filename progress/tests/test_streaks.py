"""Daily streaks: a day counts in the site's time zone, and today isn't lost until it is over."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from progress.rules import daily_streak

from .stories import failed_at, local, make_level, said_at

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 20)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def cat(db):
    return make_level().words.get(text="cat")


def test_it_counts_consecutive_days_up_to_today(alice, cat):
    for n in (0, 1, 2):
        said_at(alice, cat, 50, local(days_ago(n)))
    streak = daily_streak(alice, today=TODAY)
    assert (streak.current, streak.best, streak.practised_today) == (3, 3, True)


def test_it_keeps_the_streak_when_nothing_is_practised_yet_today(alice, cat):
    for n in (1, 2, 3):
        said_at(alice, cat, 80, local(days_ago(n)))
    streak = daily_streak(alice, today=TODAY)
    assert (streak.current, streak.practised_today) == (3, False)


def test_it_breaks_the_streak_after_a_missed_day(alice, cat):
    for n in (2, 3, 4):
        said_at(alice, cat, 80, local(days_ago(n)))
    streak = daily_streak(alice, today=TODAY)
    assert (streak.current, streak.best) == (0, 3)


def test_it_remembers_the_best_streak_ever(alice, cat):
    for n in (0, 1, 5, 6, 7, 8, 12):
        said_at(alice, cat, 80, local(days_ago(n)))
    streak = daily_streak(alice, today=TODAY)
    assert (streak.current, streak.best, streak.practised_today) == (2, 4, True)


def test_it_counts_an_unclear_try_but_not_a_failed_check(alice, cat):
    said_at(alice, cat, 0, local(days_ago(0)), verdict="unclear")
    failed_at(alice, cat, local(days_ago(1)))
    said_at(alice, cat, 80, local(days_ago(2)))
    streak = daily_streak(alice, today=TODAY)
    assert (streak.current, streak.best, streak.practised_today) == (1, 1, True)


def test_it_splits_days_at_local_midnight_not_utc(alice, cat, settings):
    settings.TIME_ZONE = "America/New_York"  # UTC-5 in January
    new_york = ZoneInfo("America/New_York")
    late = datetime.datetime(2025, 1, 19, 23, 30, tzinfo=new_york)  # 04:30 UTC on the 20th
    early = datetime.datetime(2025, 1, 20, 0, 30, tzinfo=new_york)  # 05:30 UTC on the 20th
    said_at(alice, cat, 80, late)
    said_at(alice, cat, 80, early)
    streak = daily_streak(alice, today=TODAY)
    assert (streak.current, streak.best, streak.practised_today) == (2, 2, True)


def test_it_counts_a_late_evening_try_on_its_own_local_day(alice, cat, settings):
    settings.TIME_ZONE = "America/New_York"
    late = datetime.datetime(2025, 1, 19, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    said_at(alice, cat, 80, late)
    assert daily_streak(alice, today=datetime.date(2025, 1, 19)).practised_today
    assert not daily_streak(alice, today=TODAY).practised_today


def test_it_gives_no_streak_to_a_learner_who_never_practised(alice):
    streak = daily_streak(alice)
    assert (streak.current, streak.best, streak.practised_today) == (0, 0, False)


def test_it_does_not_mix_learners(alice, bob, cat):
    said_at(bob, cat, 80, local(days_ago(0)))
    assert daily_streak(alice, today=TODAY).current == 0
