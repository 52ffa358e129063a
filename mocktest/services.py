"""Mock-test rules and the actions that change a test: one function per state change.

The learning rules (mastery, "mock test open", unlocking) come from
`learning.services`; nothing here re-implements them.
"""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from learning.judging import judgement_fields
from learning.models import Level, PracticeAttempt, Word, WordProgress
from learning.services import LevelState, level_state, unlock_next_level

from .models import LevelProgress, MockTest, MockTestItem

UNCLEAR_FEEDBACK = "We couldn't hear that one clearly. You can say it again at the end."
FAILED_FEEDBACK = "Sorry, we couldn't check that one. You can say it again at the end."


def expires_after() -> timedelta:
    return timedelta(hours=getattr(settings, "MOCK_TEST_EXPIRES_HOURS", 3))


# --- Rules ------------------------------------------------------------------


class MockTestNotOpen(Exception):
    """The learner may not start this level's test now; `eligibility` says why."""

    def __init__(self, eligibility: "Eligibility"):
        self.eligibility = eligibility
        super().__init__(eligibility.reason)


class MockTestClosed(Exception):
    """The test is over (finished or expired): nothing more can be said into it."""


class DuplicateSubmission(Exception):
    """The same form or recording was sent twice; `item` is the one it went to first."""

    def __init__(self, item: MockTestItem):
        self.item = item
        super().__init__(f"duplicate of item {item.pk}")


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
    expire_overdue_tests(learner=learner, level=level)
    state = level_state(learner, level)
    tests = MockTest.objects.filter(learner=learner, level=level)
    result = Eligibility(
        level=level,
        state=state,
        active_test=tests.active().first(),
        last_finished=tests.filter(status=MockTest.Status.FINISHED).order_by("-finished_at").first(),
    )
    if state.is_open and not state.mock_test_open:
        mastered = set(
            WordProgress.objects.filter(
                learner=learner, word__level=level, first_mastered_at__isnull=False
            ).values_list("word_id", flat=True)
        )
        result.words_to_master = [w for w in level.words.order_by("position", "text") if w.pk not in mastered]
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


# --- Actions ----------------------------------------------------------------


def expire_overdue_tests(*, now=None, learner=None, level=None) -> int:
    """Close tests left in progress past their time. Safe to repeat; returns how many closed."""
    now = now or timezone.now()
    overdue = MockTest.objects.overdue(now)
    if learner is not None:
        overdue = overdue.filter(learner=learner)
    if level is not None:
        overdue = overdue.filter(level=level)
    return overdue.update(status=MockTest.Status.EXPIRED)


def expire_if_overdue(test: MockTest, *, now=None) -> MockTest:
    """Touching a test closes it if its time is up; returns it fresh from the database when it changed."""
    now = now or timezone.now()
    # Asks the database, not the instance in hand, which may be older than the row.
    overdue = MockTest.objects.filter(pk=test.pk).overdue(now)
    if test.status == MockTest.Status.IN_PROGRESS and overdue.update(status=MockTest.Status.EXPIRED):
        test.status = MockTest.Status.EXPIRED
    return test


def start_mock_test(*, learner, level: Level) -> MockTest:
    """Start the level's test, or return the one already going (a reload or a second tab)."""
    check = eligibility(learner, level)
    if check.active_test is not None:
        return check.active_test
    if not check.can_start:
        raise MockTestNotOpen(check)
    try:
        with transaction.atomic():
            number = MockTest.objects.filter(learner=learner, level=level).count() + 1
            now = timezone.now()
            test = MockTest.objects.create(
                learner=learner,
                level=level,
                attempt_number=number,
                started_at=now,
                expires_at=now + expires_after(),
            )
            words = draw_words(
                learner, level, count=level.mock_test_size, seed=f"{learner.pk}:{level.pk}:{number}"
            )
            MockTestItem.objects.bulk_create(
                MockTestItem(test=test, word=word, position=position)
                for position, word in enumerate(words, start=1)
            )
    except IntegrityError:
        # Another request started it between our check and our insert: use theirs.
        return MockTest.objects.filter(learner=learner, level=level).active().get()
    return test


def submit_item(
    *, item: MockTestItem, recording: bytes, extension: str, client_token, recording_seconds: float = 0.0
) -> MockTestItem:
    """Store a checked recording on a waiting word and queue its judging.

    Sending the same form or the same recording again raises DuplicateSubmission
    with the item it went to; nothing is stored twice. When no word is left
    waiting, the test moves on to being checked.
    """
    from .tasks import score_mock_item

    digest = hashlib.sha256(recording).hexdigest()
    expire_if_overdue(item.test)  # on its own, so the expiry stays even though we refuse the word
    with transaction.atomic():
        test = MockTest.objects.select_for_update().select_related("level").get(pk=item.test_id)
        if not test.is_active:
            raise MockTestClosed(test.get_status_display())
        duplicate = (
            test.items.filter(Q(client_token=client_token) | Q(recording_sha256=digest))
            .exclude(status=MockTestItem.Status.WAITING)
            .first()
        )
        if duplicate is not None:
            raise DuplicateSubmission(duplicate)
        item = test.items.select_for_update().select_related("word").get(pk=item.pk)
        if not item.is_waiting:
            # Said already from another tab: keep the first recording.
            raise DuplicateSubmission(item)
        if item.recording:
            item.recording.delete(save=False)  # the unclear try is replaced by this one
        item.client_token = client_token
        item.recording_sha256 = digest
        item.recording_seconds = round(recording_seconds, 2)
        item.recording.save(f"recording.{extension}", ContentFile(recording), save=False)
        item.status = MockTestItem.Status.PENDING
        item.submitted_at = timezone.now()
        item.error_message = ""
        item.save(
            update_fields=[
                "client_token",
                "recording_sha256",
                "recording_seconds",
                "recording",
                "status",
                "submitted_at",
                "error_message",
            ]
        )
        if not test.items.filter(status=MockTestItem.Status.WAITING).exists():
            test.status = MockTest.Status.SCORING
            test.save(update_fields=["status"])
        item_id = item.pk
        transaction.on_commit(lambda: score_mock_item.delay(item_id))
    return item


def _say_again(test: MockTest, item: MockTestItem, *, problem: str, message: str) -> None:
    """Put a word back to waiting: it will be asked again at the end, and never counts as wrong."""
    item.status = MockTestItem.Status.WAITING
    item.problem = problem
    item.retries += 1
    item.verdict = ""
    item.score = None
    item.feedback = message
    item.judged_at = timezone.now()
    item.save(update_fields=["status", "problem", "retries", "verdict", "score", "feedback", "judged_at"])
    if test.status == MockTest.Status.SCORING:
        test.status = MockTest.Status.IN_PROGRESS
        test.save(update_fields=["status"])


def apply_item_judgement(item_id: int, judgement) -> MockTestItem | None:
    """Save the judge's verdict on one word, exactly once. Returns None if it was judged already.

    "Unclear" is not a mistake: the word goes back to waiting, to be said again.
    """
    with transaction.atomic():
        test_id = MockTestItem.objects.values_list("test_id", flat=True).get(pk=item_id)
        test = MockTest.objects.select_for_update().get(pk=test_id)  # test first, then item: one lock order
        item = MockTestItem.objects.select_for_update().get(pk=item_id)
        if item.status != MockTestItem.Status.PENDING:
            return None
        if judgement.verdict == "unclear":
            _say_again(test, item, problem=MockTestItem.Problem.UNCLEAR, message=UNCLEAR_FEEDBACK)
            return item
        fields = judgement_fields(judgement)
        for name, value in fields.items():
            setattr(item, name, value)
        item.status = MockTestItem.Status.JUDGED
        item.problem = MockTestItem.Problem.NONE
        item.score = max(0, min(100, int(judgement.score)))
        item.judged_at = timezone.now()
        item.save(
            update_fields=[
                "status",
                "problem",
                "verdict",
                "score",
                "transcript",
                "heard_as",
                "feedback",
                "wrong_sounds",
                "engine",
                "judged_at",
            ]
        )
    return item


def mark_item_failed(item_id: int, message: str) -> bool:
    """A recording that could not be judged: the word is asked again, never a silent hole."""
    with transaction.atomic():
        test_id = MockTestItem.objects.filter(pk=item_id).values_list("test_id", flat=True).first()
        if test_id is None:
            return False
        test = MockTest.objects.select_for_update().get(pk=test_id)
        item = MockTestItem.objects.select_for_update().get(pk=item_id)
        if item.status != MockTestItem.Status.PENDING:
            return False
        item.error_message = message[:300]
        item.save(update_fields=["error_message"])
        _say_again(test, item, problem=MockTestItem.Problem.FAILED, message=FAILED_FEEDBACK)
    return True


@dataclass(frozen=True)
class FinishOutcome:
    test: MockTest
    progress: LevelProgress
    unlocked: Level | None


def finish_mock_test(test_id: int) -> FinishOutcome | None:
    """Score a test whose words are all judged; unlock the next level if passed. Exactly once.

    Returns None when the test is not ready or was finished already (a second
    call, or a concurrent one that lost the row lock).
    """
    with transaction.atomic():
        test = MockTest.objects.select_for_update().select_related("level").get(pk=test_id)
        if test.status != MockTest.Status.SCORING:
            return None
        items = list(test.items.all())
        if not items or any(not item.is_judged for item in items):
            return None
        correct = sum(item.is_correct for item in items)
        now = timezone.now()
        test.correct_count = correct
        test.score = round(100 * correct / len(items))
        test.passed = test.passes(correct, len(items))
        test.status = MockTest.Status.FINISHED
        test.finished_at = now
        test.save(update_fields=["correct_count", "score", "passed", "status", "finished_at"])

        progress, _ = LevelProgress.objects.select_for_update().get_or_create(
            learner_id=test.learner_id, level=test.level
        )
        progress.attempts += 1
        progress.last_score = test.score
        progress.best_score = max(progress.best_score or 0, test.score)
        if test.passed and progress.passed_at is None:
            progress.passed_at = now
        progress.save()

        unlocked = unlock_next_level(learner=test.learner, level=test.level) if test.passed else None
    return FinishOutcome(test, progress, unlocked)


def requeue_stale_items(*, older_than: timedelta, now=None) -> list[int]:
    """Items a dead worker left pending: their ids, to be queued again (the task is idempotent)."""
    now = now or timezone.now()
    return list(
        MockTestItem.objects.filter(
            status=MockTestItem.Status.PENDING, submitted_at__lt=now - older_than
        ).values_list("pk", flat=True)
    )
