from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

import lexicon
from accounts.access import LearnerOwnedQuerySet

from .recordings import JudgedRecording


class LevelQuerySet(models.QuerySet):
    def open_to(self, learner):
        """The first level, plus every level the learner has unlocked."""
        first = self.model.objects.order_by("order").values("pk")[:1]
        return self.filter(models.Q(pk__in=first) | models.Q(unlocks__learner=learner)).distinct()


class Level(models.Model):
    """A step of the phonics progression; learners open them in order."""

    # The mock test opens once this share of the level's words is mastered.
    MOCK_TEST_OPENS_AT_PERCENT = 80

    order = models.PositiveSmallIntegerField(unique=True, help_text="1 is the first level learners see.")
    title = models.CharField(max_length=80)
    focus = models.CharField(
        max_length=60, help_text='What the level practises, e.g. "short a", "b/d confusion", "digraph sh/ch".'
    )
    description = models.TextField(
        blank=True, help_text="Shown to learners: what the level is about, and a tip."
    )
    mock_test_size = models.PositiveSmallIntegerField(default=10, help_text="Words drawn for the mock test.")
    pass_mark = models.PositiveSmallIntegerField(
        default=80, help_text="Percentage of mock-test words to get right to pass."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LevelQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="level_pass_mark_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(mock_test_size__gte=1), name="level_mock_test_not_empty"
            ),
        ]

    def __str__(self):
        return f"Level {self.order}: {self.title}"

    def get_absolute_url(self):
        return reverse("learning:level", args=[self.order])

    @classmethod
    def mock_test_opens_at(cls, percent: float) -> bool:
        return percent >= cls.MOCK_TEST_OPENS_AT_PERCENT


class Tag(models.Model):
    """A label staff filter words by: sight word, confusable letters, reversal…"""

    name = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class WordQuerySet(models.QuerySet):
    def open_to(self, learner):
        return self.filter(level__in=Level.objects.open_to(learner))

    def missing_details(self):
        return self.filter(models.Q(phonemes="") | models.Q(syllables=[]) | models.Q(sound_spelling=""))


class Word(models.Model):
    """A word learners practise, with everything the practice page shows about it."""

    class AudioStatus(models.TextChoices):
        NONE = "none", "No audio yet"
        PENDING = "pending", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="words")
    text = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the level.")
    phonemes = models.CharField(max_length=200, blank=True, help_text='ARPAbet, e.g. "SH IH P".')
    sound_spelling = models.CharField(
        max_length=200, blank=True, help_text='Learner-friendly, e.g. "sh-i-p".'
    )
    syllables = models.JSONField(default=list, blank=True, help_text='e.g. ["but", "ter", "fly"].')
    synonyms = models.JSONField(default=list, blank=True)
    synonyms_override = models.JSONField(
        default=list,
        blank=True,
        help_text='Staff\'s own synonyms, e.g. ["glad", "cheerful"]. When set, learners see these instead, '
        "and refilling the word's details never changes them.",
    )
    example_sentence = models.CharField(max_length=200, blank=True)
    frequency = models.FloatField(default=0, help_text="Zipf frequency: 7 is very common, 1 is rare.")
    difficulty = models.FloatField(default=0, help_text="1 (easy) to 10 (hard), estimated from the word.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="words")
    audio_status = models.CharField(max_length=10, choices=AudioStatus.choices, default=AudioStatus.NONE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WordQuerySet.as_manager()

    class Meta:
        ordering = ["level__order", "position", "text"]
        constraints = [
            models.UniqueConstraint(Lower("text"), "level", name="unique_word_per_level_any_case"),
        ]
        indexes = [models.Index(Lower("text"), name="word_text_lower")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.text = self.text.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning:practice", args=[self.pk])

    @property
    def phoneme_list(self) -> list[str]:
        return self.phonemes.split()

    @property
    def letter_sounds(self) -> list[tuple[str, str]]:
        """The word's letters in groups, one per sound, for highlighting while it is spoken."""
        return lexicon.letter_sounds(self.text, self.phoneme_list)

    @property
    def syllable_text(self) -> str:
        return "·".join(self.syllables)

    @property
    def shown_synonyms(self) -> list[str]:
        """What learners see: staff's override when there is one, else the lexicon's."""
        return list(self.synonyms_override or self.synonyms)

    @property
    def has_all_details(self) -> bool:
        return bool(self.phonemes and self.syllables and self.sound_spelling)


class LevelUnlock(models.Model):
    """A level a learner may practise. The first level needs no row: it is always open."""

    class Reason(models.TextChoices):
        MOCK_TEST = "mock_test", "Passed the previous level's mock test"
        STAFF = "staff", "Opened by staff"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_unlocks"
    )
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="unlocks")
    reason = models.CharField(max_length=12, choices=Reason.choices, default=Reason.MOCK_TEST)
    unlocked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "level"], name="unique_level_unlock")]

    def __str__(self):
        return f"{self.learner} opened {self.level}"


class WordProgress(models.Model):
    """One learner's record for one word. Mastery, once reached, is kept."""

    MASTERY_SCORE = 70
    # Time on a word counts from page open to result, but an idle tab must not
    # inflate "time to master": one attempt contributes at most this much.
    MAX_SECONDS_PER_ATTEMPT = 120

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="word_progress"
    )
    word = models.ForeignKey(Word, on_delete=models.CASCADE, related_name="progress")
    attempts = models.PositiveIntegerField(default=0, help_text="Judged attempts (unclear ones don't count).")
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    last_score = models.PositiveSmallIntegerField(null=True, blank=True)
    first_mastered_at = models.DateTimeField(null=True, blank=True)
    seconds_practising = models.FloatField(default=0)
    seconds_to_master = models.FloatField(null=True, blank=True)
    last_practised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "word"], name="unique_word_progress")]

    def __str__(self):
        return f"{self.learner} · {self.word}: best {self.best_score}"

    @classmethod
    def is_mastery_score(cls, score: int | None) -> bool:
        return score is not None and score >= cls.MASTERY_SCORE

    @property
    def is_mastered(self) -> bool:
        return self.first_mastered_at is not None


class PracticeAttemptQuerySet(LearnerOwnedQuerySet):
    def counted(self):
        """Attempts that count as tries (see PracticeAttempt.COUNTED)."""
        return self.filter(self.model.COUNTED)


class PracticeAttempt(JudgedRecording):
    """One try at saying a word. The row exists before its recording is judged."""

    JUDGE_TASK = "learning.judge_practice_attempt"

    # The attempts that count as tries: judged, and not "couldn't hear clearly".
    COUNTED = models.Q(status=JudgedRecording.Status.JUDGED) & ~models.Q(
        verdict=JudgedRecording.Verdict.UNCLEAR
    )

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    word = models.ForeignKey(Word, on_delete=models.CASCADE, related_name="attempts")
    retry_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="second_reading",
        help_text="The unsure reading this one answers; the two are judged together.",
    )
    client_token = models.UUIDField(help_text="Sent with the form, so a repeated post is recognised.")
    practice_seconds = models.FloatField(default=0, help_text="Page open to submission, capped.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeAttemptQuerySet.as_manager()

    class Meta(JudgedRecording.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "client_token"], name="unique_attempt_token"),
            models.UniqueConstraint(fields=["learner", "recording_sha256"], name="unique_attempt_recording"),
        ]
        indexes = [
            *JudgedRecording.Meta.indexes,
            models.Index(fields=["learner", "word", "-created_at"], name="attempt_learner_word"),
        ]

    def __str__(self):
        return f"{self.learner} said {self.word} ({self.status})"

    def get_absolute_url(self):
        return reverse("learning:attempt", args=[self.pk])

    @property
    def owner_id(self) -> int:
        return self.learner_id

    @property
    def target_text(self) -> str:
        return self.word.text

    def earlier_evidence(self) -> dict | None:
        first = self.retry_of
        return first.evidence if first is not None and first.needs_retry and first.evidence else None

    @property
    def is_mastery(self) -> bool:
        return self.is_correct_verdict and WordProgress.is_mastery_score(self.score)

    @property
    def counts(self) -> bool:
        """Unclear recordings and failures don't count as tries."""
        return self.status == self.Status.JUDGED and self.verdict != self.Verdict.UNCLEAR


def clip_path(clip, filename):
    return filename  # already tts/<engine>/<word>-<speed>-<engine>-<hash>.<ext> (speech.tts.cache_key)


class SpeechClip(models.Model):
    """A word spoken by text-to-speech, made once in a Celery task and kept."""

    class Speed(models.TextChoices):
        NORMAL = "normal", "Normal"
        SLOW = "slow", "Slow"

    class Status(models.TextChoices):
        PENDING = "pending", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    text = models.CharField(max_length=40)
    speed = models.CharField(max_length=6, choices=Speed.choices)
    engine = models.CharField(max_length=12, blank=True, help_text="The engine that made it.")
    audio = models.FileField(upload_to=clip_path, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    error_message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["text", "speed"], name="unique_clip_per_speed")]

    def __str__(self):
        return f"{self.text} ({self.speed}, {self.engine or self.status})"

    def get_absolute_url(self):
        return reverse("learning:speech", args=[self.speed, self.text])

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.audio)


class ReferenceReading(models.Model):
    """How a recogniser hears a clear reading of a word (see speech.references): made ahead
    by a worker and kept, so a restart or a new word never makes a learner wait for them."""

    engine = models.CharField(
        max_length=120, help_text="Recogniser and encoder window, e.g. whisper-tiny.en@10s."
    )
    voice = models.CharField(max_length=60, help_text="The espeak-ng voice (accent) that read the word.")
    word = models.CharField(max_length=60)
    scores = models.JSONField(
        help_text="log P(w | a clear reading of the word) per word w; null: cannot be spelt."
    )
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engine", "voice", "word"], name="unique_reference_reading")
        ]

    def __str__(self):
        return f"{self.word} read by {self.voice} for {self.engine}"
