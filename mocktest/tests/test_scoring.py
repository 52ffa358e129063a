"""Saying the words, judging them, and finishing a test: pass marks, unlocking exactly once."""

import uuid

import pytest

from learning.models import LevelUnlock
from mocktest.actions import (
    DuplicateSubmission,
    MockTestClosed,
    apply_item_judgement,
    finish_mock_test,
    start_mock_test,
)
from mocktest.models import LevelProgress, MockTest, MockTestItem
from mocktest.rules import next_item
from mocktest.tasks import judge_mock_item

from .sittings import judged, make_level, say_item, sit_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_two_after(ready):
    return make_level(2, ["ship", "chip", "thin"], size=3)


def test_exactly_the_pass_mark_passes_and_opens_the_next_level(alice, ready, level_two_after):
    test = sit_test(alice, ready, right=8)
    assert (test.status, test.score, test.correct_count, test.passed) == ("finished", 80, 8, True)
    assert LevelUnlock.objects.filter(learner=alice, level=level_two_after).exists()


def test_one_word_below_the_pass_mark_fails_and_opens_nothing(alice, ready, level_two_after):
    test = sit_test(alice, ready, right=7)
    assert (test.score, test.passed) == (70, False)
    assert not LevelUnlock.objects.filter(learner=alice, level=level_two_after).exists()


def test_the_pass_mark_is_compared_without_rounding(alice):
    level = make_level(1, ["cat", "map", "bag"], size=3, pass_mark=67)
    from learning.tests.test_rules import master

    master(alice, level, 3)
    test = sit_test(alice, level, right=2)  # 66.7 %: shown as 67, but below the mark
    assert (test.score, test.passed) == (67, False)


def test_a_correct_verdict_below_the_mastery_score_is_not_right(alice, ready):
    plan = {word.text: judged("correct", 69) for word in ready.words.all()}
    test = sit_test(alice, ready, right=10, plan=plan)
    assert (test.correct_count, test.passed) == (0, False)


def test_finishing_twice_unlocks_and_counts_once(alice, ready, level_two_after):
    test = start_mock_test(learner=alice, level=ready)
    for item in test.items.all():
        say_item(item)
        apply_item_judgement(item.pk, judged("correct"))
    first = finish_mock_test(test.pk)
    second = finish_mock_test(test.pk)
    assert first.unlocked == level_two_after
    assert second is None
    assert LevelUnlock.objects.filter(learner=alice, level=level_two_after).count() == 1
    progress = LevelProgress.objects.get(learner=alice, level=ready)
    assert (progress.attempts, progress.best_score, progress.last_score) == (1, 100, 100)
    assert progress.passed_at == MockTest.objects.get(pk=test.pk).finished_at


def test_it_does_not_finish_until_every_word_is_judged(alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    items = list(test.items.all())
    for item in items:
        say_item(item)
    for item in items[:-1]:
        apply_item_judgement(item.pk, judged("correct"))
    assert finish_mock_test(test.pk) is None
    assert MockTest.objects.get(pk=test.pk).status == "scoring"


def test_level_progress_keeps_every_attempt_and_the_best_score(alice, ready):
    from learning.tests.test_rules import say

    failed = sit_test(alice, ready, right=5)
    for item in failed.items.select_related("word"):
        say(alice, item.word, 90)
    sit_test(alice, ready, right=9)
    progress = LevelProgress.objects.get(learner=alice, level=ready)
    assert (progress.attempts, progress.best_score, progress.last_score) == (2, 90, 90)
    assert progress.passed_at is not None


def test_judging_the_same_word_twice_counts_once(alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    item = say_item(test.items.get(position=1))
    assert apply_item_judgement(item.pk, judged("correct")) is not None
    assert apply_item_judgement(item.pk, judged("not_quite")) is None
    assert MockTestItem.objects.get(pk=item.pk).verdict == "correct"


def test_an_unclear_word_is_asked_again_at_the_end_and_never_counts_as_wrong(alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    first = test.items.get(position=1)
    say_item(first)
    apply_item_judgement(first.pk, judged("unclear"))
    first.refresh_from_db()
    assert (first.status, first.problem, first.verdict) == ("waiting", "unclear", "")
    assert next_item(test).position == 2  # the others first...

    for item in test.items.exclude(pk=first.pk):
        say_item(item)
        apply_item_judgement(item.pk, judged("correct"))
    test.refresh_from_db()
    assert test.status == "in_progress"
    assert next_item(test) == first  # ...then this one again

    say_item(first)
    apply_item_judgement(first.pk, judged("correct"))
    outcome = finish_mock_test(test.pk)
    assert (outcome.test.score, outcome.test.passed) == (100, True)


def test_the_test_goes_to_scoring_when_the_last_word_is_said(alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    items = list(test.items.all())
    for item in items[:-1]:
        say_item(item)
    assert MockTest.objects.get(pk=test.pk).status == "in_progress"
    say_item(items[-1])
    assert MockTest.objects.get(pk=test.pk).status == "scoring"


def test_the_same_form_or_recording_sent_twice_is_one_submission(alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    first, second = test.items.order_by("position")[:2]
    token = uuid.uuid4()
    say_item(first, recording=b"the same bytes", token=token)
    with pytest.raises(DuplicateSubmission) as same_form:
        say_item(first, recording=b"other bytes", token=token)
    assert same_form.value.item == first
    with pytest.raises(DuplicateSubmission):
        say_item(second, recording=b"the same bytes")  # the same recording again, on the next word
    with pytest.raises(DuplicateSubmission):
        say_item(second, token=token)  # the same form, posted again after the page moved on
    assert list(test.items.values_list("status", flat=True).order_by("position")[:2]) == [
        "pending",
        "waiting",
    ]


def test_an_expired_test_takes_no_more_words(alice, ready):
    from django.utils import timezone

    test = start_mock_test(learner=alice, level=ready)
    MockTest.objects.filter(pk=test.pk).update(expires_at=timezone.now())
    with pytest.raises(MockTestClosed):
        say_item(test.items.get(position=1))
    assert MockTest.objects.get(pk=test.pk).status == "expired"


def test_a_recording_the_judge_rejects_is_asked_again(alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    item = say_item(test.items.get(position=1), recording=b"\x89PNG not a sound at all" * 20)
    assert judge_mock_item(item.pk) == "not judged"
    item.refresh_from_db()
    assert (item.status, item.problem) == ("waiting", "failed")
    assert item.error_message
    assert judge_mock_item(item.pk) == "skipped"  # running again is harmless


def test_a_crashed_check_puts_the_word_back_to_waiting(alice, ready, monkeypatch):
    import speech

    def broken(data, word, **kwargs):
        raise RuntimeError("the recogniser fell over")

    monkeypatch.setattr(speech, "judge_audio", broken)
    test = start_mock_test(learner=alice, level=ready)
    item = say_item(test.items.get(position=1))
    result = judge_mock_item.apply(args=[item.pk], throw=False)  # as a worker runs it: on_failure is called
    assert result.state == "FAILURE"
    item.refresh_from_db()
    assert (item.status, item.problem) == ("waiting", "failed")
