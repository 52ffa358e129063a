"""Mock tests: a level's words said once each, judged, scored; passing opens the next level."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.access import LearnerOwnedQuerySet
from learning.models import Level, Word, WordProgress
from learning.recordings import JudgedRecording


class MockTestQuerySet(LearnerOwnedQuerySet):
    def active(self):
        """Started and not over: still being said, or being checked."""
        return self.filter(status__in=MockTest.ACTIVE)

    def overdue(self, now):
        return self.filter(status=MockTest.Status.IN_PROGRESS, expires_at__lte=now)

    def live(self, now):
        """Active and not past its time (an overdue test is closed by the next POST or beat)."""
        return self.active().exclude(status=MockTest.Status.IN_PROGRESS, expires_at__lte=now)


class MockTest(models.Model):
    """One sitting of a level's mock test by one learner."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SCORING = "scoring", "Being checked"
        FINISHED = "finished", "Finished"
        EXPIRED = "expired", "Expired"

    ACTIVE = (Status.IN_PROGRESS, Status.SCORING)

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mock_tests")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="mock_tests")
    attempt_number = models.PositiveSmallIntegerField(
        help_text="1 for the learner's first test of this level."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField(help_text="An unfinished test closes at this time.")
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Percent of words said right.")
    correct_count = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(null=True, blank=True)

    objects = MockTestQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "level", "attempt_number"], name="unique_mock_test_attempt_number"
            ),
            # A second tab pressing Start at the same moment cannot open a second test.
            models.UniqueConstraint(
                fields=["learner", "level"],
                condition=models.Q(status__in=["in_progress", "scoring"]),
                name="one_active_mock_test_per_level",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="mock_test_status_expiry")]

    def __str__(self):
        return f"{self.learner} · {self.level} · test {self.attempt_number} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("mocktest:take", args=[self.pk])

    def get_result_url(self):
        return reverse("mocktest:result", args=[self.pk])

    def get_report_url(self):
        return reverse("mocktest:report", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_overdue(self) -> bool:
        """Past its time but not yet closed: pages show it as expired without writing."""
        return self.status == self.Status.IN_PROGRESS and self.expires_at <= timezone.now()

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def passes(self, correct: int, total: int) -> bool:
        """Exactly the pass mark passes; compared without rounding."""
        return total > 0 and 100 * correct >= self.level.pass_mark * total


class MockTestItem(JudgedRecording):
    """One word of a mock test. The row exists from the start; the recording comes later.

    A failed or unclear check puts the item straight back to WAITING (with
    ``problem`` set) so the learner can say it again; it never counts as wrong.
    """

    RECORDING_FOLDER = "mocktests"
    JUDGE_TASK = "mocktest.judge_mock_item"

    class Problem(models.TextChoices):
        NONE = "", "None"
        UNCLEAR = "unclear", "Couldn't hear clearly"
        FAILED = "failed", "Couldn't be checked"

    test = models.ForeignKey(MockTest, on_delete=models.CASCADE, related_name="items")
    word = models.ForeignKey(Word, on_delete=models.CASCADE, related_name="mock_test_items")
    position = models.PositiveSmallIntegerField(help_text="1 is the first word shown.")
    # Unlike a practice attempt, a test word exists before anything is said into it.
    status = models.CharField(
        max_length=8, choices=JudgedRecording.Status.choices, default=JudgedRecording.Status.WAITING
    )
    problem = models.CharField(max_length=8, choices=Problem.choices, blank=True, default=Problem.NONE)
    retries = models.PositiveSmallIntegerField(
        default=0, help_text="Times the learner was asked to say it again."
    )
    client_token = models.UUIDField(
        null=True, blank=True, help_text="Sent with the form, to spot a repeated post."
    )

    class Meta(JudgedRecording.Meta):
        ordering = ["test", "position"]
        constraints = [
            models.UniqueConstraint(fields=["test", "position"], name="unique_mock_item_position"),
            models.UniqueConstraint(fields=["test", "word"], name="unique_mock_item_word"),
        ]

    def __str__(self):
        return f"{self.test_id} #{self.position}: {self.word_id} ({self.status})"

    @property
    def owner_id(self) -> int:
        return self.test.learner_id

    @property
    def target_text(self) -> str:
        return self.word.text

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_correct(self) -> bool:
        """Said right: a correct verdict with a mastery score (the same bar as practice)."""
        return self.is_judged and self.is_correct_verdict and WordProgress.is_mastery_score(self.score)

    @property
    def needs_saying_again(self) -> bool:
        return self.is_waiting and bool(self.problem)


class LevelProgress(models.Model):
    """A learner's mock-test record for one level: attempts and scores are kept."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_progress"
    )
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="learner_progress")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Finished mock tests.")
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    last_score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True, help_text="The first time the test was passed.")

    class Meta:
        verbose_name_plural = "level progress"
        constraints = [models.UniqueConstraint(fields=["learner", "level"], name="unique_level_progress")]

    def __str__(self):
        return f"{self.learner} · {self.level}: best {self.best_score}"

    @property
    def has_passed(self) -> bool:
        return self.passed_at is not None
