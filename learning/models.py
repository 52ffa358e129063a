from django.db import models
from django.db.models.functions import Lower


class Level(models.Model):
    """A step of the phonics progression; learners open them in order."""

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


class Tag(models.Model):
    """A label staff filter words by: sight word, confusable letters, reversal…"""

    name = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class WordQuerySet(models.QuerySet):
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

    @property
    def phoneme_list(self) -> list[str]:
        return self.phonemes.split()

    @property
    def syllable_text(self) -> str:
        return "·".join(self.syllables)

    @property
    def has_all_details(self) -> bool:
        return bool(self.phonemes and self.syllables and self.sound_spelling)
