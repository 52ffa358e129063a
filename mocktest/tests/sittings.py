"""Helpers the mock-test stories share: fabricated judgements and whole sittings of a test."""

import uuid
from types import SimpleNamespace

from learning.recordings import Upload
from learning.tests.factories import LevelFactory, WordFactory
from learning.tests.test_rules import master
from mocktest.actions import apply_item_judgement, finish_mock_test, start_mock_test, submit_item
from mocktest.models import MockTest, MockTestItem

TEN_WORDS = ["cat", "map", "bag", "hat", "van", "jam", "pan", "rat", "cap", "sad"]


def judged(verdict="correct", score=None, heard_as=None, wrong_sounds=(), feedback="Well done."):
    """A Judgement-like object, as speech.judge.judge_audio returns."""
    if score is None:
        score = {"correct": 90, "not_quite": 40, "unclear": 0}[verdict]
    return SimpleNamespace(
        verdict=verdict,
        score=score,
        mastered=verdict == "correct",
        transcript=heard_as or "",
        feedback=feedback,
        heard_as=heard_as,
        wrong_sounds=list(wrong_sounds),
        engine="test",
        seconds=0.1,
    )


def swap(expected, heard, position="start"):
    return {"kind": "swap", "position": position, "expected": expected, "heard": heard}


def missing(expected, position="start"):
    return {"kind": "missing", "position": position, "expected": expected, "heard": None}


def make_level(order=1, words=TEN_WORDS, *, size=10, pass_mark=80, title=None):
    level = LevelFactory(
        order=order, mock_test_size=size, pass_mark=pass_mark, title=title or f"Level {order}"
    )
    for position, text in enumerate(words):
        WordFactory(level=level, text=text, position=position)
    return level


def ready_for_test(learner, level):
    """Master every word of the level, so its test is open."""
    master(learner, level, level.words.count())


def say_item(item, recording: bytes | None = None, token=None) -> MockTestItem:
    """Hand in a recording for one word (the stored bytes don't matter: judging is fabricated)."""
    upload = Upload(data=recording or uuid.uuid4().bytes, extension="wav", seconds=1.0)
    return submit_item(item=item, upload=upload, client_token=token or uuid.uuid4())


def sit_test(learner, level, *, right: int, plan=None) -> MockTest:
    """Start the level's test, say every word, and have the first `right` words judged correct.

    `plan` maps a word's text to a judgement and wins over `right` for that word.
    """
    plan = plan or {}
    test = start_mock_test(learner=learner, level=level)
    items = list(test.items.select_related("word").order_by("position"))
    for item in items:
        say_item(item)
    for index, item in enumerate(items):
        judgement = plan.get(item.word.text) or (judged("correct") if index < right else judged("not_quite"))
        apply_item_judgement(item.pk, judgement)
    finish_mock_test(test.pk)
    test.refresh_from_db()
    return test
