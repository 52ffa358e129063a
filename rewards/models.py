from django.conf import settings
from django.db import models

from accounts.access import LearnerOwnedQuerySet


class AwardQuerySet(LearnerOwnedQuerySet):
    def badges(self):
        return self.filter(kind=Award.Kind.BADGE)

    def stars(self):
        return self.exclude(kind=Award.Kind.BADGE)


class Award(models.Model):
    """Stars or a badge given for one event. (learner, kind, key) is the event: replaying it gives nothing.

    The key names what the award is for (a word, an attempt, a level, a sound), so an
    award that may come once per word is keyed by the word, once per try by the attempt.
    """

    class Kind(models.TextChoices):
        FIRST_TRY = "first_try", "First try at a word"
        BETTER_SCORE = "better_score", "Better than last time"
        SOUND_FIXED = "sound_fixed", "A sound now said right"
        WORD_MASTERED = "word_mastered", "Word mastered"
        REVIEW_KEPT = "review_kept", "An old word kept"
        LEVEL_COMPLETE = "level_complete", "Level complete"
        MOCK_TEST_PASSED = "mock_test_passed", "Mock test passed"
        BADGE = "badge", "Badge"

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=80)
    stars = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(max_length=200, help_text="One plain line saying what the learner did.")
    # The practice attempt that earned it, so the page that shows the result can say so.
    attempt = models.ForeignKey(
        "learning.PracticeAttempt", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "kind", "key"], name="one_award_per_event"),
        ]
        indexes = [models.Index(fields=["learner", "-created_at"], name="award_learner_recent")]

    def __str__(self):
        return f"{self.learner}: {self.get_kind_display()} ({self.key})"

    @property
    def is_badge(self) -> bool:
        return self.kind == self.Kind.BADGE

    @property
    def badge(self):
        from .badges import badge_for

        return badge_for(self.key) if self.is_badge else None


class WeeklySummary(models.Model):
    """A weekly e-mail sent to a parent: one row per parent and week, so beat never sends twice."""

    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_summaries"
    )
    week_starting = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    learners = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "weekly summaries"
        constraints = [
            models.UniqueConstraint(fields=["parent", "week_starting"], name="one_summary_per_week"),
        ]

    def __str__(self):
        return f"summary for {self.parent}, week of {self.week_starting}"
