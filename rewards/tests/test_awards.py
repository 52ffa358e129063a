"""Every award rule on fabricated attempts with known answers, and replays that award nothing twice."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from learning import events
from learning.actions import apply_judgement
from learning.tests.test_rules import attempt_for, judged
from mocktest import events as mock_events
from mocktest.tests.sittings import make_level as make_test_level
from mocktest.tests.sittings import ready_for_test, sit_test
from rewards import receivers
from rewards.models import Award

from .stories import make_level, rewind, said_on, say, swap

pytestmark = pytest.mark.django_db


@pytest.fixture
def level(db):
    return make_level(1, ["ship", "shop", "fish"], size=3)


@pytest.fixture
def ship(level):
    return level.words.get(text="ship")


def kinds(learner):
    return sorted((award.kind, award.key, award.stars) for award in Award.objects.filter(learner=learner))


def stars(learner):
    return sum(Award.objects.filter(learner=learner).values_list("stars", flat=True))


def test_it_gives_a_star_and_the_first_word_badge_for_a_first_try(alice, ship):
    say(alice, ship, 40)
    assert kinds(alice) == [("badge", "first-word", 0), ("first_try", str(ship.pk), 1)]


def test_it_gives_a_star_for_beating_last_sessions_score_and_none_for_a_lower_one(alice, ship):
    say(alice, ship, 40)
    rewind(alice, ship, days=1)
    better = say(alice, ship, 55)
    say(alice, ship, 50)
    award = Award.objects.get(learner=alice, kind="better_score")
    assert (award.attempt, award.stars) == (better, 1)
    assert award.reason == "You scored 55 on “ship”, up from 40 last time."
    assert Award.objects.filter(learner=alice, kind="better_score").count() == 1


def test_a_better_score_minutes_after_a_low_one_is_no_progress_yet(alice, ship):
    say(alice, ship, 30)
    say(alice, ship, 60)  # the same session: tries in a burst wobble
    assert not Award.objects.filter(learner=alice, kind="better_score").exists()


def test_a_lower_score_than_last_session_earns_nothing_even_after_a_low_try_today(alice, ship):
    say(alice, ship, 60)
    rewind(alice, ship, days=1)
    say(alice, ship, 30)
    say(alice, ship, 62)  # beats this morning's 30, not last session's 60
    assert not Award.objects.filter(learner=alice, kind="better_score").exists()


def test_effort_stars_stop_at_two_a_day_and_the_effort_is_still_praised(alice):
    level = make_level(2, ["cat", "map", "bag", "hat", "van"], size=5)
    words = list(level.words.order_by("position"))
    for word in words:
        say(alice, word, 40)
    first_tries = Award.objects.filter(learner=alice, kind="first_try").order_by("pk")
    assert [award.stars for award in first_tries] == [1, 1, 0, 0, 0]
    assert first_tries.last().reason == "You had a first go at “van”."
    assert stars(alice) == 2


def test_the_effort_cap_starts_again_on_the_learners_next_day(alice):
    alice.time_zone = "Pacific/Auckland"
    alice.save(update_fields=["time_zone"])
    level = make_level(2, ["cat", "map", "bag", "hat", "van"], size=5)
    words = list(level.words.order_by("position"))
    evening = datetime.datetime(2025, 4, 5, 23, 0, tzinfo=ZoneInfo("Pacific/Auckland"))  # DST ends that night
    for word in words[:3]:
        said_on(alice, word, 40, evening)
    # 02:30 on the 6th in Auckland (still the 5th in London and UTC): Alice's next day.
    said_on(alice, words[3], 40, evening + datetime.timedelta(hours=4, minutes=30))
    assert Award.objects.get(learner=alice, kind="first_try", key=str(words[3].pk)).stars == 1


def test_it_praises_a_sound_missed_last_session_and_now_right(alice, ship):
    say(alice, ship, 40, wrong=[swap("SH", "S")])
    rewind(alice, ship, days=1)
    fixed = say(alice, ship, 60, wrong=[swap("P", "B", position="end")])
    award = Award.objects.get(learner=alice, kind="sound_fixed")
    assert (award.key, award.stars, award.attempt) == (f"{ship.pk}:SH", 2, fixed)
    assert award.reason == "You said /sh/ right in “ship”."
    badge = Award.objects.get(learner=alice, kind="badge", key="sound:SH").badge
    assert (badge.name, badge.reason) == ("Sound fixed: /sh/", "You can say /sh/ now.")


def test_it_does_not_praise_a_sound_that_is_still_wrong(alice, ship):
    say(alice, ship, 40, wrong=[swap("SH", "S")])
    rewind(alice, ship, days=1)
    say(alice, ship, 45, wrong=[swap("SH", "CH")])
    assert not Award.objects.filter(learner=alice, kind="sound_fixed").exists()


def test_a_sound_right_minutes_after_it_was_missed_is_not_fixed_yet(alice, ship):
    say(alice, ship, 40, wrong=[swap("SH", "S")])
    say(alice, ship, 60)
    assert not Award.objects.filter(learner=alice, kind="sound_fixed").exists()


def test_a_sound_fixed_on_the_same_word_again_earns_nothing_more(alice, ship):
    for _ in range(3):
        say(alice, ship, 40, wrong=[swap("SH", "S")])
        rewind(alice, ship, days=1)
        say(alice, ship, 50)
    assert Award.objects.filter(learner=alice, kind="sound_fixed").count() == 1


def test_a_word_mastered_is_praised_with_a_badge_and_its_stars_wait_until_it_is_kept(alice, ship):
    say(alice, ship, 85)
    assert ("word_mastered", str(ship.pk), 0) in kinds(alice)
    assert ("badge", "first-mastered", 0) in kinds(alice)


def test_repeating_a_mastered_word_the_same_day_earns_nothing(alice, ship):
    say(alice, ship, 85)
    before = stars(alice)
    for _ in range(10):
        say(alice, ship, 95)
    assert stars(alice) == before


def test_it_praises_an_old_mastered_word_that_was_kept(alice, ship):
    say(alice, ship, 85)
    rewind(alice, ship, days=4)
    kept = say(alice, ship, 80)
    award = Award.objects.get(learner=alice, kind="review_kept")
    assert (award.attempt, award.key, award.stars) == (kept, f"{ship.pk}:3d", 3)
    assert award.reason == "You still know “ship” 3 days later."


def test_a_kept_word_climbs_a_day_three_days_a_week_and_then_earns_nothing_more(alice, ship):
    say(alice, ship, 85)
    say(alice, ship, 90)  # minutes later: not kept, just repeated
    assert not Award.objects.filter(learner=alice, kind="review_kept").exists()
    for days in (1, 1, 3, 7, 7, 3, 1):
        rewind(alice, ship, days=days)
        say(alice, ship, 85)
    kept = Award.objects.filter(learner=alice, kind="review_kept").order_by("pk")
    assert [award.key for award in kept] == [f"{ship.pk}:1d", f"{ship.pk}:3d", f"{ship.pk}:7d"]
    assert [award.reason for award in kept][-1] == "You still know “ship” a week later."


def test_a_word_said_right_just_after_midnight_was_not_kept_a_day(alice, ship):
    late = datetime.datetime(2025, 3, 1, 23, 40, tzinfo=ZoneInfo("Europe/London"))
    said_on(alice, ship, 85, late)
    said_on(alice, ship, 85, late + datetime.timedelta(minutes=40))
    assert not Award.objects.filter(learner=alice, kind="review_kept").exists()
    next_morning = datetime.datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("Europe/London"))
    said_on(alice, ship, 85, next_morning)  # the morning after the last try: kept a day
    assert Award.objects.filter(learner=alice, kind="review_kept").count() == 1


def test_a_word_said_right_a_week_on_earns_the_week_first(alice, ship):
    say(alice, ship, 85)
    rewind(alice, ship, days=8)
    say(alice, ship, 85)
    rewind(alice, ship, days=1)
    say(alice, ship, 85)
    keys = list(
        Award.objects.filter(learner=alice, kind="review_kept").order_by("pk").values_list("key", flat=True)
    )
    assert keys == [f"{ship.pk}:7d", f"{ship.pk}:1d"]


def test_a_star_farmer_repeating_mastered_words_every_day_earns_almost_nothing(alice, level):
    words = list(level.words.all())
    start = datetime.datetime(2025, 3, 1, 17, tzinfo=ZoneInfo("Europe/London"))
    for day in range(14):
        for word in words:
            for _ in range(3):
                said_on(alice, word, 95, start + datetime.timedelta(days=day))
    star_awards = Award.objects.stars().filter(learner=alice)
    # 2 first tries (the day's effort stars), each word kept a day once, one level; nothing for 12 more days.
    assert stars(alice) == 2 + 3 * 3 + 2
    assert not star_awards.filter(created_at__gte=start + datetime.timedelta(days=2)).exists()


def test_a_mastered_word_said_wrong_after_a_break_is_no_review(alice, ship):
    say(alice, ship, 85)
    rewind(alice, ship, days=4)
    say(alice, ship, 50)
    assert not Award.objects.filter(learner=alice, kind="review_kept").exists()


def test_it_celebrates_a_level_when_its_last_word_is_mastered(alice, level):
    for word in level.words.all():
        last = say(alice, word, 90)
    events.send(events.level_completed, learner=alice, level=level, attempt=last)  # replayed
    award = Award.objects.get(learner=alice, kind="level_complete")
    assert (award.key, award.stars) == (str(level.pk), 2)
    assert Award.objects.get(learner=alice, kind="badge", key="level:1").badge.name == "Level 1 complete"


def test_it_celebrates_a_passed_mock_test_once(alice, bob):
    level = make_test_level(1, size=10)
    for learner in (alice, bob):
        ready_for_test(learner, level)
    sit_test(bob, level, right=2)  # not passed: nothing
    assert not Award.objects.filter(learner=bob, kind="mock_test_passed").exists()
    test = sit_test(alice, level, right=10)
    # The event replayed (a second finish, a retried task): nothing new.
    mock_events.mock_test_finished.send(sender=None, test=test, progress=None, unlocked=None)
    award = Award.objects.get(learner=alice, kind="mock_test_passed")
    assert (award.stars, award.reason) == (5, "You passed the mock test for level 1.")
    assert Award.objects.filter(learner=alice, key="mock-test:1").count() == 1


def test_an_unclear_try_earns_nothing(alice, ship):
    say(alice, ship, 0, verdict="unclear")
    assert kinds(alice) == []


def test_a_replayed_event_awards_nothing_twice(alice, ship):
    say(alice, ship, 40, wrong=[swap("SH", "S")])
    attempt = attempt_for(alice, ship)
    outcome = apply_judgement(attempt.pk, judged("correct", 90))
    counted = kinds(alice)
    # A retried task: the action sees a judged attempt and sends nothing.
    assert apply_judgement(attempt.pk, judged("correct", 90)) is None
    # The same event sent again (a second receiver run, a replay): nothing new either.
    events.send(
        events.attempt_judged,
        attempt=outcome.attempt,
        progress=outcome.progress,
        before=events.ProgressBefore(1, 40, 40, False, None),
        newly_mastered=True,
    )
    assert kinds(alice) == counted


def test_a_broken_receiver_never_loses_the_judgement(alice, ship):
    def broken(sender, **kwargs):
        raise RuntimeError("a bug in a listener")

    events.attempt_judged.connect(broken, dispatch_uid="broken-listener")
    try:
        attempt = say(alice, ship, 90)
    finally:
        events.attempt_judged.disconnect(dispatch_uid="broken-listener")
    assert attempt.is_judged and attempt.score == 90
    assert Award.objects.filter(learner=alice, kind="word_mastered").exists()


def test_it_gives_streak_badges_at_three_and_seven_days(alice, level):
    words = list(level.words.all())
    start = datetime.datetime(2025, 3, 1, 17, tzinfo=ZoneInfo("Europe/London"))
    for n in range(7):
        said_on(alice, words[n % 3], 50, start + datetime.timedelta(days=n))
    badges = set(Award.objects.badges().filter(learner=alice).values_list("key", flat=True))
    assert {"days:3", "days:7"} <= badges
    assert "days:30" not in badges


def test_it_welcomes_a_learner_back_after_a_break(alice, ship):
    start = datetime.datetime(2025, 3, 1, 17, tzinfo=ZoneInfo("Europe/London"))
    said_on(alice, ship, 50, start)
    said_on(alice, ship, 50, start + datetime.timedelta(days=2))  # one day off: no break
    assert not Award.objects.filter(learner=alice, key__startswith="back:").exists()
    said_on(alice, ship, 50, start + datetime.timedelta(days=7))
    award = Award.objects.get(learner=alice, key__startswith="back:")
    assert award.key == "back:2025-03-08"
    assert award.badge.name == "Back after a break"


def test_rewards_are_connected_once(alice, ship):
    receivers.connect()  # a second ready() must not double every award
    say(alice, ship, 85)
    assert stars(alice) == 1
