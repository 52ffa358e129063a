"""The learning rules: 70 masters a word, 80 % opens the mock test, passing opens the next level."""

import uuid
from types import SimpleNamespace

import pytest

from learning.actions import apply_judgement, unlock_next_level
from learning.models import Level, LevelUnlock, PracticeAttempt, WordProgress
from learning.rules import continue_point, level_state, level_states, recommended_word
from learning.tests.factories import LevelFactory, WordFactory

pytestmark = pytest.mark.django_db


def judged(verdict="correct", score=90, **extra):
    fields = dict(
        verdict=verdict,
        score=score,
        transcript="",
        heard_as="",
        feedback="Well done.",
        wrong_sounds=[],
        engine="test",
        seconds=0.1,
    )
    return SimpleNamespace(**{**fields, **extra})


def attempt_for(learner, word, practice_seconds=5.0):
    return PracticeAttempt.objects.create(
        learner=learner,
        word=word,
        client_token=uuid.uuid4(),
        recording_sha256=uuid.uuid4().hex,
        practice_seconds=practice_seconds,
    )


def say(learner, word, score, verdict=None, practice_seconds=5.0):
    verdict = verdict or ("correct" if score >= 70 else "not_quite")
    return apply_judgement(attempt_for(learner, word, practice_seconds).pk, judged(verdict, score))


@pytest.fixture
def level_one():
    level = LevelFactory(order=1, title="Short a")
    for position, text in enumerate(["cat", "map", "bag", "hat", "van", "jam", "pan", "rat", "cap", "sad"]):
        WordFactory(level=level, text=text, position=position)
    return level


@pytest.fixture
def level_two():
    level = LevelFactory(order=2, title="Digraphs")
    WordFactory(level=level, text="ship")
    return level


def test_it_masters_a_word_at_exactly_70(alice, level_one):
    outcome = say(alice, level_one.words.get(text="cat"), 70)
    assert outcome.newly_mastered
    assert outcome.progress.is_mastered


def test_it_does_not_master_a_word_at_69(alice, level_one):
    outcome = say(alice, level_one.words.get(text="cat"), 69)
    assert not outcome.newly_mastered
    assert not outcome.progress.is_mastered


def test_it_keeps_mastery_when_a_later_attempt_scores_lower(alice, level_one):
    cat = level_one.words.get(text="cat")
    say(alice, cat, 85)
    outcome = say(alice, cat, 30)
    progress = outcome.progress
    assert progress.is_mastered
    assert (progress.best_score, progress.last_score, progress.attempts) == (85, 30, 2)
    assert not outcome.newly_mastered


def test_it_does_not_count_an_unclear_recording_as_a_try(alice, level_one):
    cat = level_one.words.get(text="cat")
    outcome = say(alice, cat, 0, verdict="unclear", practice_seconds=7)
    assert outcome.attempt.score is None
    progress = WordProgress.objects.get(learner=alice, word=cat)
    assert progress.attempts == 0
    assert progress.best_score is None
    assert progress.seconds_practising == 7


def test_it_records_time_spent_until_mastered(alice, level_one):
    cat = level_one.words.get(text="cat")
    say(alice, cat, 40, practice_seconds=12)
    say(alice, cat, 75, practice_seconds=8)
    say(alice, cat, 95, practice_seconds=6)
    progress = WordProgress.objects.get(learner=alice, word=cat)
    assert progress.seconds_to_master == 20
    assert progress.seconds_practising == 26


def test_judging_the_same_attempt_twice_counts_once(alice, level_one):
    attempt = attempt_for(alice, level_one.words.get(text="cat"))
    assert apply_judgement(attempt.pk, judged("correct", 90)) is not None
    assert apply_judgement(attempt.pk, judged("correct", 90)) is None
    assert WordProgress.objects.get(learner=alice).attempts == 1


def master(learner, level, count):
    for word in level.words.order_by("position")[:count]:
        say(learner, word, 90)


def test_the_mock_test_opens_at_exactly_80_percent(alice, level_one):
    master(alice, level_one, 7)
    state = level_state(alice, level_one)
    assert (state.percent_mastered, state.mock_test_open, state.words_needed_for_mock_test) == (70, False, 1)
    master(alice, level_one, 8)
    state = level_state(alice, level_one)
    assert (state.percent_mastered, state.mock_test_open, state.words_needed_for_mock_test) == (80, True, 0)


def test_the_mock_test_stays_shut_just_below_80_percent(alice):
    level = LevelFactory(order=1)
    for i in range(21):
        WordFactory(level=level, text=f"w{i}", position=i)
    master(alice, level, 16)  # 76.2 %
    assert not level_state(alice, level).mock_test_open
    master(alice, level, 17)  # 80.95 %
    assert level_state(alice, level).mock_test_open


def test_only_the_first_level_is_open_to_a_new_learner(alice, level_one, level_two):
    states = {state.level.order: state for state in level_states(alice)}
    assert states[1].is_open and states[1].state == "open"
    assert not states[2].is_open and states[2].state == "locked"
    assert list(Level.objects.open_to(alice)) == [level_one]


def test_passing_a_mock_test_unlocks_the_next_level_once(alice, bob, level_one, level_two):
    assert unlock_next_level(learner=alice, level=level_one) == level_two
    assert unlock_next_level(learner=alice, level=level_one) is None
    assert LevelUnlock.objects.filter(learner=alice).count() == 1
    assert level_two in Level.objects.open_to(alice)
    assert level_two not in Level.objects.open_to(bob)


def test_unlocking_after_the_last_level_does_nothing(alice, level_one):
    assert unlock_next_level(learner=alice, level=level_one) is None


def test_a_level_is_mastered_when_every_word_is(alice, level_one):
    master(alice, level_one, 10)
    assert level_state(alice, level_one).state == "mastered"


def test_it_recommends_the_first_word_not_yet_mastered(alice, level_one):
    master(alice, level_one, 3)
    assert recommended_word(alice, level_one).text == "hat"
    hat = level_one.words.get(text="hat")
    assert recommended_word(alice, level_one, after=hat).text == "van"


def test_it_recommends_the_weakest_word_once_all_are_mastered(alice, level_one):
    for word in level_one.words.all():
        say(alice, word, 95)
    say(alice, level_one.words.get(text="van"), 71)  # best stays 95
    bag = level_one.words.get(text="bag")
    WordProgress.objects.filter(learner=alice, word=bag).update(best_score=72)
    assert recommended_word(alice, level_one) == bag


def test_progress_is_kept_per_learner(alice, bob, level_one):
    master(alice, level_one, 8)
    assert level_state(bob, level_one).mastered_words == 0


def test_a_new_learner_continues_at_level_one(alice, level_one, level_two):
    level, word = continue_point(alice)
    assert (level, word.text) == (level_one, "cat")


def test_level_states_take_constant_queries(alice, level_one, django_assert_max_num_queries):
    for order in range(2, 12):
        level = LevelFactory(order=order)
        WordFactory(level=level, text=f"word{order}")
    # + replaying the history for "mastered": words, the attempts' mark, attempts
    with django_assert_max_num_queries(5):
        states = level_states(alice)
    assert len(states) == 11
