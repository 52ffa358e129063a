"""The learning rules, in one place, and the actions that change a learner's progress.

Every page, the mock test and the rewards ask these functions; none of them
re-implements "mastered", "mock test open" or "unlocked".
"""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from .judging import judgement_fields
from .models import Level, LevelUnlock, PracticeAttempt, Word, WordProgress

# --- Rules ------------------------------------------------------------------


@dataclass(frozen=True)
class LevelState:
    level: Level
    total_words: int
    mastered_words: int
    is_open: bool

    @property
    def percent_mastered(self) -> int:
        return round(100 * self.mastered_words / self.total_words) if self.total_words else 0

    @property
    def mock_test_open(self) -> bool:
        return self.is_open and self.total_words > 0 and Level.mock_test_opens_at(self.percent_mastered_exact)

    @property
    def percent_mastered_exact(self) -> float:
        return 100 * self.mastered_words / self.total_words if self.total_words else 0.0

    @property
    def words_needed_for_mock_test(self) -> int:
        """How many more words to master before the mock test opens."""
        needed = -(-self.total_words * Level.MOCK_TEST_OPENS_AT_PERCENT // 100)  # ceiling
        return max(0, needed - self.mastered_words)

    @property
    def state(self) -> str:
        if not self.is_open:
            return "locked"
        if self.total_words and self.mastered_words == self.total_words:
            return "mastered"
        return "open"


def level_states(learner) -> list[LevelState]:
    """Every level with the learner's standing, in two queries whatever the number of levels."""
    open_ids = set(Level.objects.open_to(learner).values_list("pk", flat=True))
    levels = Level.objects.annotate(
        total=Count("words", distinct=True),
        mastered=Count(
            "words__progress",
            filter=Q(words__progress__learner=learner, words__progress__first_mastered_at__isnull=False),
            distinct=True,
        ),
    ).order_by("order")
    return [LevelState(level, level.total, level.mastered, level.pk in open_ids) for level in levels]


def level_state(learner, level: Level) -> LevelState:
    total = level.words.count()
    mastered = WordProgress.objects.filter(
        learner=learner, word__level=level, first_mastered_at__isnull=False
    ).count()
    is_open = Level.objects.open_to(learner).filter(pk=level.pk).exists()
    return LevelState(level, total, mastered, is_open)


def is_mock_test_open(learner, level: Level) -> bool:
    return level_state(learner, level).mock_test_open


def next_level(level: Level) -> Level | None:
    return Level.objects.filter(order__gt=level.order).order_by("order").first()


def words_with_progress(learner, level: Level) -> list[Word]:
    """The level's words, each with `.my_progress` (or None), in one query."""
    words = list(level.words.order_by("position", "text"))
    progress = {p.word_id: p for p in WordProgress.objects.filter(learner=learner, word__level=level)}
    for word in words:
        word.my_progress = progress.get(word.pk)
    return words


def recommended_word(learner, level: Level, *, after: Word | None = None) -> Word | None:
    """What to practise next: the first word not yet mastered, in the level's order,
    else the mastered word with the lowest best score. Never the word just practised
    when there is another."""
    words = words_with_progress(learner, level)
    if after is not None and len(words) > 1:
        words = [word for word in words if word.pk != after.pk]
    if not words:
        return None
    unmastered = [w for w in words if not (w.my_progress and w.my_progress.is_mastered)]
    if unmastered:
        return unmastered[0]
    return min(words, key=lambda w: (w.my_progress.best_score or 0, w.position))


# --- Actions ----------------------------------------------------------------


class DuplicateAttempt(Exception):
    """The same recording (or the same form) was sent twice; `attempt` is the first one."""

    def __init__(self, attempt: PracticeAttempt):
        self.attempt = attempt
        super().__init__(f"duplicate of attempt {attempt.pk}")


def unlock_level(*, learner, level: Level, reason=LevelUnlock.Reason.MOCK_TEST) -> bool:
    """Open a level for a learner. Returns False when it was open already (safe to repeat)."""
    _, created = LevelUnlock.objects.get_or_create(learner=learner, level=level, defaults={"reason": reason})
    return created


def unlock_next_level(*, learner, level: Level) -> Level | None:
    """Passing a level's mock test opens the next one; returns it only the first time."""
    following = next_level(level)
    if following is not None and unlock_level(learner=learner, level=following):
        return following
    return None


def record_attempt(
    *,
    learner,
    word: Word,
    recording: bytes,
    extension: str,
    client_token,
    practice_seconds: float,
    recording_seconds: float,
) -> PracticeAttempt:
    """Store a checked recording as a pending attempt and queue its judging.

    The row and the file exist before the task runs, so nothing is lost if a
    worker dies. Sending the same form or the same recording again raises
    DuplicateAttempt with the first attempt instead of making a second one.
    """
    from .tasks import score_attempt

    digest = hashlib.sha256(recording).hexdigest()
    existing = PracticeAttempt.objects.filter(
        Q(client_token=client_token) | Q(recording_sha256=digest), learner=learner
    ).first()
    if existing:
        raise DuplicateAttempt(existing)
    try:
        with transaction.atomic():
            attempt = PracticeAttempt(
                learner=learner,
                word=word,
                client_token=client_token,
                recording_sha256=digest,
                recording_seconds=round(recording_seconds, 2),
                practice_seconds=min(max(practice_seconds, 0.0), WordProgress.MAX_SECONDS_PER_ATTEMPT),
            )
            attempt.recording.save(f"recording.{extension}", ContentFile(recording), save=False)
            attempt.save()
            transaction.on_commit(lambda: score_attempt.delay(attempt.pk))
    except IntegrityError:
        # Two tabs raced past the check above; the other one won.
        attempt.recording.delete(save=False)
        raise DuplicateAttempt(
            PracticeAttempt.objects.get(
                Q(client_token=client_token) | Q(recording_sha256=digest), learner=learner
            )
        ) from None
    return attempt


@dataclass(frozen=True)
class AttemptOutcome:
    attempt: PracticeAttempt
    progress: WordProgress | None
    newly_mastered: bool


def apply_judgement(attempt_id: int, judgement) -> AttemptOutcome | None:
    """Save the judge's verdict and update the learner's word record, exactly once.

    Returns None if the attempt was judged already (a retried task).
    """
    with transaction.atomic():
        attempt = PracticeAttempt.objects.select_for_update().select_related("word").get(pk=attempt_id)
        if attempt.status != PracticeAttempt.Status.PENDING:
            return None
        fields = judgement_fields(judgement)
        for name, value in fields.items():
            setattr(attempt, name, value)
        attempt.status = PracticeAttempt.Status.JUDGED
        attempt.score = None if judgement.verdict == PracticeAttempt.Verdict.UNCLEAR else int(judgement.score)
        attempt.judge_seconds = round(judgement.seconds, 3) if judgement.seconds is not None else None
        attempt.judged_at = timezone.now()
        attempt.save(
            update_fields=[
                "status",
                "verdict",
                "score",
                "transcript",
                "heard_as",
                "feedback",
                "wrong_sounds",
                "engine",
                "judge_seconds",
                "judged_at",
            ]
        )
        progress, newly_mastered = _add_to_progress(attempt)
    return AttemptOutcome(attempt, progress, newly_mastered)


def _add_to_progress(attempt: PracticeAttempt) -> tuple[WordProgress, bool]:
    progress, _ = WordProgress.objects.select_for_update().get_or_create(
        learner=attempt.learner, word=attempt.word
    )
    # Time spent counts even when we couldn't hear clearly; the try itself doesn't.
    progress.seconds_practising += attempt.practice_seconds
    progress.last_practised_at = attempt.judged_at
    if not attempt.counts:
        progress.save()
        return progress, False
    progress.attempts += 1
    progress.last_score = attempt.score
    progress.best_score = max(progress.best_score or 0, attempt.score)
    newly_mastered = not progress.is_mastered and WordProgress.is_mastery_score(attempt.score)
    if newly_mastered:
        progress.first_mastered_at = attempt.judged_at
        progress.seconds_to_master = progress.seconds_practising
    progress.save()
    return progress, newly_mastered


def mark_attempt_failed(attempt_id: int, message: str) -> None:
    """A recording that could not be judged: visible to the learner, never a silent hole."""
    PracticeAttempt.objects.filter(pk=attempt_id, status=PracticeAttempt.Status.PENDING).update(
        status=PracticeAttempt.Status.FAILED, error_message=message[:300], judged_at=timezone.now()
    )


def delete_old_recordings(*, older_than_days: int, now=None) -> int:
    """Delete raw recordings past the retention period; scores and feedback stay forever."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=older_than_days)
    deleted = 0
    old = PracticeAttempt.objects.filter(created_at__lt=cutoff, recording_deleted_at__isnull=True).exclude(
        recording=""
    )
    for attempt in old.iterator():
        attempt.recording.delete(save=False)
        attempt.recording_deleted_at = now
        attempt.save(update_fields=["recording", "recording_deleted_at"])
        deleted += 1
    return deleted


def continue_point(learner) -> tuple[Level | None, Word | None]:
    """Where a learner picks up: the highest open level that isn't mastered, and its next word."""
    states = [state for state in level_states(learner) if state.is_open]
    if not states:
        return None, None
    current = next((state for state in reversed(states) if state.state != "mastered"), states[-1])
    return current.level, recommended_word(learner, current.level)
