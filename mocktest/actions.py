"""Mock-test actions: one function per state change, each atomic and exactly-once.

Recordings go through the one pipeline in `learning.recordings`; unlocking the
next level through `learning.actions`.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

import speech
from learning.actions import unlock_next_level
from learning.events import send as send_event
from learning.models import Level
from learning.recordings import Upload, apply_verdict, attach_recording, keep_for_retry

from . import events
from .models import LevelProgress, MockTest, MockTestItem
from .rules import MockTestNotOpen, draw_words, eligibility, expires_after

UNCLEAR_FEEDBACK = "We couldn't hear that one clearly. You can say it again at the end."
FAILED_FEEDBACK = "Sorry, we couldn't check that one. You can say it again at the end."


class MockTestClosed(Exception):
    """The test is over (finished or expired): nothing more can be said into it."""


class DuplicateSubmission(Exception):
    """The same form or recording was sent twice; `item` is the one it went to first."""

    def __init__(self, item: MockTestItem):
        self.item = item
        super().__init__(f"duplicate of item {item.pk}")


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
    expire_overdue_tests(learner=learner, level=level)  # an abandoned test must not block a new one
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


def submit_item(*, item: MockTestItem, upload: Upload, client_token) -> MockTestItem:
    """Store a checked recording on a waiting word and queue its judging.

    Sending the same form or the same recording again raises DuplicateSubmission
    with the item it went to; nothing is stored twice. When no word is left
    waiting, the test moves on to being checked.
    """
    expire_if_overdue(item.test)  # on its own, so the expiry stays even though we refuse the word
    with transaction.atomic():
        test = MockTest.objects.select_for_update().select_related("level").get(pk=item.test_id)
        if not test.is_active:
            raise MockTestClosed(test.get_status_display())
        duplicate = (
            test.items.filter(Q(client_token=client_token) | Q(recording_sha256=upload.sha256))
            .exclude(status=MockTestItem.Status.WAITING)
            .first()
        )
        if duplicate is not None:
            raise DuplicateSubmission(duplicate)
        item = test.items.select_for_update().select_related("word", "test").get(pk=item.pk)
        if not item.is_waiting:
            # Said already from another tab: keep the first recording.
            raise DuplicateSubmission(item)
        attach_recording(item, upload, client_token=client_token)  # replaces an unclear try's file
        if not test.items.filter(status=MockTestItem.Status.WAITING).exists():
            test.status = MockTest.Status.SCORING
            test.save(update_fields=["status"])
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
        if judgement.verdict == speech.Verdict.UNCLEAR:
            # An unsure reading is kept to be judged with the word's next reading.
            keep_for_retry(item, judgement)
            item.save(update_fields=["needs_retry", "evidence"])
            _say_again(test, item, problem=MockTestItem.Problem.UNCLEAR, message=UNCLEAR_FEEDBACK)
            return item
        apply_verdict(item, judgement)
        if item.problem:
            item.problem = MockTestItem.Problem.NONE
            item.save(update_fields=["problem"])
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
        send_event(events.mock_test_finished, test=test, progress=progress, unlocked=unlocked)
    return FinishOutcome(test, progress, unlocked)


def finish_judged_tests() -> int:
    """Beat: tests whose last word was judged by a worker that died before finishing them."""
    scoring = MockTest.objects.filter(status=MockTest.Status.SCORING).exclude(
        items__status__in=[MockTestItem.Status.WAITING, MockTestItem.Status.PENDING]
    )
    return sum(finish_mock_test(test_id) is not None for test_id in scoring.values_list("pk", flat=True))
