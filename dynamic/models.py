from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.access import LearnerOwnedQuerySet
from learning.models import WordProgress
from learning.recordings import JudgedRecording


def picture_path(entry, filename):
    return f"explorer/pictures/{entry.word}-{entry.picture_kind}.png"


class ExplorerEntry(models.Model):
    """Everything the explorer found about one word, worked out once and kept for everyone."""

    class PictureKind(models.TextChoices):
        EMOJI = "emoji", "Emoji drawing"
        WORD_CARD = "word_card", "Word card"
        NAME_CARD = "name_card", "Name card"
        AI = "ai", "Drawn by the images API"

    class PictureStatus(models.TextChoices):
        PENDING = "pending", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    word = models.CharField(max_length=40, unique=True)
    is_name = models.BooleanField(default=False)
    facts = models.JSONField(default=dict, help_text="Meaning, synonyms, sounds, letters and advice.")
    level = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Predicted curriculum level.")
    level_probability = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Percent.")
    level_source = models.CharField(max_length=10, blank=True)
    picture_kind = models.CharField(max_length=10, choices=PictureKind.choices, default=PictureKind.WORD_CARD)
    picture_status = models.CharField(
        max_length=8, choices=PictureStatus.choices, default=PictureStatus.PENDING
    )
    picture_emoji = models.CharField(max_length=40, blank=True, help_text="Hex code of the emoji drawing.")
    picture_label = models.CharField(max_length=100, blank=True)
    picture_file = models.FileField(upload_to=picture_path, blank=True)
    picture_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["word"]
        verbose_name_plural = "explorer entries"

    def __str__(self):
        return self.word

    def get_absolute_url(self):
        return reverse("dynamic:entry", args=[self.word])

    @property
    def shown_word(self) -> str:
        return self.word.capitalize() if self.is_name else self.word

    @property
    def picture_ready(self) -> bool:
        return self.picture_status == self.PictureStatus.READY

    @property
    def picture_pending(self) -> bool:
        return self.picture_status == self.PictureStatus.PENDING

    @property
    def picture_is_emoji(self) -> bool:
        return self.picture_kind == self.PictureKind.EMOJI

    @property
    def picture_set(self) -> str:
        """The pictogram set of an emoji-kind picture ("mdi" for "mdi/city"); "" for Fluent Emoji."""
        set_name, slash, _ = self.picture_emoji.partition("/")
        return set_name if slash else ""

    @property
    def picture_static_path(self) -> str:
        if self.picture_set:
            return f"vendor/pictograms/{self.picture_emoji}.svg"
        return f"vendor/fluent-emoji-flat/{self.picture_emoji}.svg"

    @property
    def picture_credit(self) -> str:
        """The credit a drawing's licence asks for where it is shown (CC BY), else ""."""
        from dynamic.pictures import CREDITS

        if self.picture_kind != self.PictureKind.EMOJI:
            return ""
        return CREDITS.get(self.picture_set, "")

    @property
    def picture_alt(self) -> str:
        if self.picture_kind == self.PictureKind.EMOJI:
            return f"A picture of {self.picture_label}"
        if self.picture_kind == self.PictureKind.NAME_CARD:
            return f"A name card for {self.shown_word}"
        if self.picture_kind == self.PictureKind.AI:
            return f"A drawing of {self.word}"
        return f"The word {self.word} on a card, split into syllables"


class PracticeWord(models.Model):
    """A word a learner put on their own list from the explorer, outside the level gates."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="explorer_words"
    )
    entry = models.ForeignKey(ExplorerEntry, on_delete=models.CASCADE, related_name="practisers")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = LearnerOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-added_at"]
        constraints = [models.UniqueConstraint(fields=["learner", "entry"], name="unique_practice_word")]

    def __str__(self):
        return f"{self.learner} · {self.entry}"


class ExplorerTry(JudgedRecording):
    """ "Try saying it" on the explorer: judged by the one recording pipeline."""

    JUDGE_TASK = "dynamic.judge_explorer_try"
    RECORDING_FOLDER = "explorer"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="explorer_tries"
    )
    entry = models.ForeignKey(ExplorerEntry, on_delete=models.CASCADE, related_name="tries")
    client_token = models.UUIDField(help_text="Sent with the form, so a repeated post is recognised.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LearnerOwnedQuerySet.as_manager()

    class Meta(JudgedRecording.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "client_token"], name="unique_explorer_try_token"),
        ]

    def __str__(self):
        return f"{self.learner} said {self.entry} ({self.status})"

    def get_absolute_url(self):
        return reverse("dynamic:try", args=[self.pk])

    @property
    def owner_id(self) -> int:
        return self.learner_id

    @property
    def target_text(self) -> str:
        return self.entry.word

    @property
    def is_mastery(self) -> bool:
        return self.is_correct_verdict and WordProgress.is_mastery_score(self.score)
