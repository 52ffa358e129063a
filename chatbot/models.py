from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.access import LearnerOwnedQuerySet
from learning.recordings import JudgedRecording


class Conversation(models.Model):
    """One sitting with the tutor; the chat page continues the newest."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tutor_conversations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LearnerOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return f"{self.learner} · conversation {self.pk}"

    def get_absolute_url(self):
        return reverse("chatbot:conversation", args=[self.pk])


class MessageQuerySet(LearnerOwnedQuerySet):
    learner_field = "conversation__learner"


class Message(models.Model):
    """A learner's question or the tutor's answer. An answer from a model exists (pending)
    before the model is asked, so the page can show it growing and nothing is lost."""

    class Role(models.TextChoices):
        LEARNER = "learner", "Learner"
        TUTOR = "tutor", "Tutor"

    class Source(models.TextChoices):
        LEARNER = "learner", "Typed by the learner"
        VOICE = "voice", "Said by the learner"
        OFFLINE = "offline", "The offline tutor"
        MODEL = "model", "The configured chat model"
        SAFETY = "safety", "The safety filter"

    class Status(models.TextChoices):
        PENDING = "pending", "Being written"
        DONE = "done", "Done"

    # A question longer than this is refused before anything reads it.
    MAX_QUESTION_CHARS = 300
    MAX_ANSWER_CHARS = 1200

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=8, choices=Role.choices)
    source = models.CharField(max_length=8, choices=Source.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DONE)
    text = models.TextField(blank=True)
    intent = models.CharField(max_length=12, blank=True)
    word = models.CharField(max_length=40, blank=True, help_text="The word the question was about.")
    links = models.JSONField(default=list, blank=True, help_text='[{"label": …, "url": …}]')
    facts = models.JSONField(default=dict, blank=True, help_text="The figures the answer quotes.")
    note = models.CharField(max_length=200, blank=True, help_text="Shown under the answer, e.g. a fallback.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="chat_message_order")]

    def __str__(self):
        return f"{self.role}: {self.text[:40]}"

    def get_absolute_url(self):
        return reverse("chatbot:message", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_tutor(self) -> bool:
        return self.role == self.Role.TUTOR


class VoiceQuestion(JudgedRecording):
    """A question asked aloud: the one recording pipeline, with a free transcription in
    place of judging against a word (see chatbot.tasks.JudgeVoiceQuestion)."""

    RECORDING_FOLDER = "questions"
    JUDGE_TASK = "chatbot.judge_voice_question"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voice_questions"
    )
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="voice_questions")
    client_token = models.UUIDField()
    about_word = models.CharField(max_length=40, blank=True)
    question = models.ForeignKey(Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LearnerOwnedQuerySet.as_manager()

    class Meta(JudgedRecording.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "client_token"], name="unique_voice_question_token"),
        ]

    def get_absolute_url(self):
        return reverse("chatbot:voice", args=[self.pk])

    @property
    def owner_id(self) -> int:
        return self.learner_id

    @property
    def target_text(self) -> str:
        return ""  # a free question: nothing to judge it against
