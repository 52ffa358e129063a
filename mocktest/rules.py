"""Mock-test rules: read-only questions (may this learner start? which word now?).

The learning rules (mastery, "mock test open", unlocking) come from
`learning.rules`; nothing here re-implements them, and nothing here writes.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from learning.models import Level, PracticeAttempt, Word, WordProgress
from learning.rules import LevelState, level_state, word_standings
from recommender import mastery

from .models import MockTest, MockTestItem


def expires_after() -> timedelta:
    return timedelta(hours=getattr(settings, "MOCK_TEST_EXPIRES_HOURS", 3))


class MockTestNotOpen(Exception):
    """The learner may not start this level's test now; `eligibility` says why."""

    def __init__(self, eligibility: "Eligibility"):
        self.eligibility = eligibility
        super().__init__(eligibility.reason)


@dataclass
class Eligibility:
    level: Level
    state: LevelState
    active_test: MockTest | None = None
    last_finished: MockTest | None = None
    words_to_master: list[Word] = field(default_factory=list)
    words_to_practise_again: list[Word] = field(default_factory=list)

    @property
    def level_open(self) -> bool:
        return self.state.is_open

    @property
    def enough_mastered(self) -> bool:
        return self.state.mock_test_open

    @property
    def retake_blocked(self) -> bool:
        return bool(self.words_to_practise_again)

    @property
    def test_size(self) -> int:
        return min(self.level.mock_test_size, self.state.total_words)

    @property
    def can_start(self) -> bool:
        return self.active_test is None and self.enough_mastered and not self.retake_blocked

    @property
    def reason(self) -> str:
        if self.active_test is not None:
            return "A test of this level is already going."
        if not self.enough_mastered:
            return f"Master {self.state.words_needed_for_mock_test} more words first."
        if self.retake_blocked:
            return "Practise the words you missed in your last test first."
        return ""


def missed_words_not_practised(test: MockTest) -> list[Word]:
    """The retake rule: every word missed in a failed test needs a judged practice try after it finished."""
    if not test.is_finished or test.passed:
        return []
    missed = [item.word for item in test.items.select_related("word") if not item.is_correct]
    practised = set(
        PracticeAttempt.objects.counted()
        .filter(
            learner=test.learner_id, word__in=[word.pk for word in missed], judged_at__gt=test.finished_at
        )
        .values_list("word_id", flat=True)
    )
    return [word for word in missed if word.pk not in practised]


def eligibility(learner, level: Level) -> Eligibility:
    """Whether the learner may start the level's test, and if not, exactly what is missing."""
    state = level_state(learner, level)
    tests = MockTest.objects.filter(learner=learner, level=level)
    result = Eligibility(
        level=level,
        state=state,
        active_test=tests.live(timezone.now()).first(),
        last_finished=tests.filter(status=MockTest.Status.FINISHED).order_by("-finished_at").first(),
    )
    if state.is_open and not state.mock_test_open:
        standings = word_standings(learner)
        result.words_to_master = [
            w for w in level.words.order_by("position", "text") if standings.get(w.pk) != mastery.MASTERED
        ]
    if result.last_finished is not None:
        result.words_to_practise_again = missed_words_not_practised(result.last_finished)
    return result


def draw_words(learner, level: Level, *, count: int, seed: str) -> list[Word]:
    """`count` of the level's words in random order: half the ones practised least, the rest at random."""
    rng = random.Random(seed)
    words = list(level.words.order_by("position", "pk"))
    if count >= len(words):
        rng.shuffle(words)
        return words
    attempts = dict(
        WordProgress.objects.filter(learner=learner, word__level=level).values_list("word_id", "attempts")
    )
    # Ties broken at random, so "least practised" isn't always the first in the list.
    by_practice = sorted(words, key=lambda w: (attempts.get(w.pk, 0), rng.random()))
    least = by_practice[: (count + 1) // 2]
    rest = by_practice[len(least) :]
    chosen = least + rng.sample(rest, count - len(least))
    rng.shuffle(chosen)
    return chosen


def next_item(test: MockTest) -> MockTestItem | None:
    """The word to show now: the first one not yet said; words to say again come last."""
    return (
        test.items.filter(status=MockTestItem.Status.WAITING)
        .select_related("word")
        .order_by("retries", "position")
        .first()
    )
