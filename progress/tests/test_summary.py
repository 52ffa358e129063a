"""The headline figures: averages of counted tries only, mastery, time, levels, mock tests."""

import datetime

import pytest
from django.utils import timezone

from learning.models import WordProgress
from progress.rules import learner_summary, recent_scores, words_to_practise
from progress.wording import days_ago_in_words, duration_in_words, number_in_words

from .stories import failed_at, local, make_level, passed_mock_test, said_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_one(db):
    return make_level(1, title="Short a")


def word(level, text):
    return level.words.get(text=text)


def test_it_averages_only_counted_tries(alice, level_one):
    now = timezone.now()
    said_at(alice, word(level_one, "cat"), 90, now)
    said_at(alice, word(level_one, "map"), 50, now)
    said_at(alice, word(level_one, "bag"), 0, now, verdict="unclear")
    failed_at(alice, word(level_one, "hat"), now, score=100)
    summary = learner_summary(alice)
    assert (summary.average_score, summary.total_attempts) == (70, 2)


def test_it_counts_mastered_words_per_level(alice, level_one):
    make_level(2, ["ship", "chip"], title="Digraphs")
    for text in ("cat", "map", "bag"):
        said_at(alice, word(level_one, text), 85, timezone.now())
    summary = learner_summary(alice)
    assert summary.words_mastered == 3
    first, second = summary.levels
    assert (first.mastered_words, first.total_words, first.percent_mastered) == (3, 10, 30)
    assert (second.mastered_words, second.state) == (0, "locked")


def test_it_averages_the_time_to_master_and_adds_up_practice_time(alice, level_one):
    cat, map_ = word(level_one, "cat"), word(level_one, "map")
    now = timezone.now()
    WordProgress.objects.create(
        learner=alice, word=cat, seconds_practising=60, seconds_to_master=60, first_mastered_at=now
    )
    WordProgress.objects.create(
        learner=alice, word=map_, seconds_practising=200, seconds_to_master=180, first_mastered_at=now
    )
    WordProgress.objects.create(learner=alice, word=word(level_one, "bag"), seconds_practising=40)
    summary = learner_summary(alice)
    assert (summary.average_seconds_to_master, summary.seconds_practising) == (120, 300)
    assert duration_in_words(summary.average_seconds_to_master) == "2 minutes"


def test_it_counts_passed_mock_tests(alice, bob, level_one):
    passed_mock_test(alice, level_one)
    passed_mock_test(bob, level_one)
    assert learner_summary(alice).mock_tests_passed == 1


def test_it_has_empty_figures_for_a_new_learner(alice):
    summary = learner_summary(alice)
    assert (summary.average_score, summary.total_attempts, summary.words_mastered) == (None, 0, 0)
    assert (summary.average_seconds_to_master, summary.seconds_practising) == (None, 0)


def test_it_charts_the_daily_average_of_counted_tries(alice, level_one):
    today = datetime.date(2025, 3, 10)
    said_at(alice, word(level_one, "cat"), 40, local(today - datetime.timedelta(days=1), 9))
    said_at(alice, word(level_one, "cat"), 80, local(today - datetime.timedelta(days=1), 23, 30))
    said_at(alice, word(level_one, "map"), 90, local(today, 0, 30))
    said_at(alice, word(level_one, "bag"), 0, local(today, 8), verdict="unclear")
    said_at(alice, word(level_one, "hat"), 100, local(today - datetime.timedelta(days=30)))  # too old
    scores = recent_scores(alice, days=30, today=today)
    assert [(s.day.day, s.average, s.attempts) for s in scores] == [(9, 60, 2), (10, 90, 1)]


def test_it_suggests_unmastered_words_with_a_reason_and_not_a_word_just_mastered(alice, level_one):
    now = timezone.now()
    said_at(alice, word(level_one, "cat"), 60, now)
    said_at(alice, word(level_one, "map"), 20, now)
    said_at(alice, word(level_one, "bag"), 95, now)
    suggested = words_to_practise(alice)
    assert {"cat", "map"} <= {w.text for w in suggested}
    assert "bag" not in {w.text for w in suggested}
    assert all(w.why for w in suggested)


def test_it_says_numbers_and_times_in_plain_words():
    assert (number_in_words(3), number_in_words(21)) == ("three", "21")
    assert duration_in_words(260) == "4 minutes 20 seconds"
    assert duration_in_words(3900) == "1 hour 5 minutes"
    assert duration_in_words(1) == "1 second"
    assert [days_ago_in_words(d) for d in (None, 0, 1, 4)] == ["Not yet", "Today", "Yesterday", "4 days ago"]
