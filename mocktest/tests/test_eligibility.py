"""When a learner may take a level's test: 80 % mastered, one test at a time, and the retake rule."""

import pytest
from django.utils import timezone

from learning.models import LevelUnlock
from learning.tests.test_rules import master, say
from mocktest.actions import start_mock_test
from mocktest.models import MockTest
from mocktest.rules import MockTestNotOpen, eligibility
from mocktest.tasks import close_mock_tests

from .sittings import make_level, say_item, sit_test

pytestmark = pytest.mark.django_db


def test_it_keeps_the_test_shut_at_79_percent_and_says_what_is_missing(alice):
    level = make_level(1, [f"word{i}" for i in range(19)])
    master(alice, level, 15)  # 15 of 19 is 79 %
    check = eligibility(alice, level)
    assert check.state.percent_mastered == 79
    assert not check.can_start
    assert check.state.words_needed_for_mock_test == 1
    assert [w.text for w in check.words_to_master] == ["word15", "word16", "word17", "word18"]
    with pytest.raises(MockTestNotOpen):
        start_mock_test(learner=alice, level=level)
    assert not MockTest.objects.exists()


def test_it_opens_the_test_at_exactly_80_percent(alice):
    level = make_level(1, ["cat", "map", "bag", "hat", "van"], size=5)
    master(alice, level, 4)
    check = eligibility(alice, level)
    assert (check.state.percent_mastered, check.can_start, check.words_to_master) == (80, True, [])
    test = start_mock_test(learner=alice, level=level)
    assert (test.status, test.attempt_number, test.items.count()) == ("in_progress", 1, 5)


def test_a_locked_level_has_no_test(alice, level_one):
    level_two = make_level(2, ["ship"], size=1)
    master(alice, level_one, 10)
    with pytest.raises(MockTestNotOpen):
        start_mock_test(learner=alice, level=level_two)


def test_it_draws_the_test_size_including_the_words_practised_least(alice):
    level = make_level(1, [f"word{i}" for i in range(10)], size=6)
    words = list(level.words.order_by("position"))
    for word in words[:8]:
        for _ in range(3):
            say(alice, word, 90)
    rarely = words[8:]  # never practised: they must be in the test
    test = start_mock_test(learner=alice, level=level)
    drawn = [item.word for item in test.items.order_by("position")]
    assert len(drawn) == len(set(drawn)) == 6
    assert set(rarely) <= set(drawn)
    assert list(test.items.order_by("position").values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_it_uses_every_word_when_the_level_is_smaller_than_the_test(alice, level_two):
    LevelUnlock.objects.create(learner=alice, level=level_two)
    master(alice, level_two, 3)
    level_two.mock_test_size = 10
    level_two.save()
    test = start_mock_test(learner=alice, level=level_two)
    assert sorted(test.items.values_list("word__text", flat=True)) == ["chip", "ship", "thin"]


def test_starting_again_resumes_the_test_in_progress(alice, ready):
    first = start_mock_test(learner=alice, level=ready)
    say_item(first.items.get(position=1))
    again = start_mock_test(learner=alice, level=ready)
    assert again == first
    assert MockTest.objects.count() == 1


def test_a_test_left_too_long_expires_when_touched(alice, ready, settings):
    settings.MOCK_TEST_EXPIRES_HOURS = 1
    old = start_mock_test(learner=alice, level=ready)
    assert old.expires_at - old.started_at == timezone.timedelta(hours=1)
    MockTest.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    new = start_mock_test(learner=alice, level=ready)
    old.refresh_from_db()
    assert old.status == "expired"
    assert new != old and new.attempt_number == 2


def test_the_beat_task_expires_abandoned_tests_only(alice, bob, ready):
    master(bob, ready, 10)
    abandoned = start_mock_test(learner=alice, level=ready)
    fresh = start_mock_test(learner=bob, level=ready)
    MockTest.objects.filter(pk=abandoned.pk).update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    assert close_mock_tests() == {"expired": 1, "finished": 0}
    assert MockTest.objects.get(pk=abandoned.pk).status == "expired"
    assert MockTest.objects.get(pk=fresh.pk).status == "in_progress"


def test_after_a_failed_test_every_missed_word_must_be_practised_again(alice, ready):
    failed = sit_test(alice, ready, right=7)
    assert failed.passed is False
    missed = list(failed.items.order_by("position").values_list("word__text", flat=True))[7:]

    check = eligibility(alice, ready)
    assert check.state.mock_test_open and not check.can_start
    assert [w.text for w in check.words_to_practise_again] == missed
    with pytest.raises(MockTestNotOpen):
        start_mock_test(learner=alice, level=ready)

    say(alice, ready.words.get(text=missed[0]), 40)  # a try counts even when it isn't right yet
    say(alice, ready.words.get(text=missed[1]), 0, verdict="unclear")  # ...but an unclear one doesn't
    assert [w.text for w in eligibility(alice, ready).words_to_practise_again] == missed[1:]

    for text in missed[1:]:
        say(alice, ready.words.get(text=text), 85)
    retake = start_mock_test(learner=alice, level=ready)
    assert retake.attempt_number == 2


def test_practice_before_the_test_finished_does_not_count_for_the_retake(alice, ready):
    failed = sit_test(alice, ready, right=7)
    missed = [item.word for item in failed.items.order_by("position")[7:]]
    MockTest.objects.filter(pk=failed.pk).update(finished_at=timezone.now() + timezone.timedelta(minutes=5))
    for word in missed:
        say(alice, word, 90)
    assert eligibility(alice, ready).words_to_practise_again == missed


def test_a_passed_test_can_be_taken_again_without_waiting(alice, ready):
    sit_test(alice, ready, right=10)
    assert eligibility(alice, ready).can_start
