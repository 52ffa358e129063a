"""Every change to the tutor chat: one function per event, atomic, model calls queued on commit."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dyslexia_site import queue
from learning.recordings import JudgedRecording, Upload, attach_recording

from . import intents, provider, safety, tutor
from .models import Conversation, Message, VoiceQuestion

ANSWER_TASK = "chatbot.answer_with_model"
# Answers the model may give; off-topic and rude messages are answered offline and never sent.
ON_TOPIC = ("say", "meaning", "practise", "progress", "wrong", "help", "greeting")
# A model answer still pending after this long was lost with a worker (see finish_stale_answers).
STALE_ANSWER_AFTER = timedelta(minutes=2)
NOT_HEARD_MESSAGE = "I couldn't hear a question. Please try again, close to the microphone."


def start_conversation(*, learner) -> Conversation:
    return Conversation.objects.create(learner=learner)


def ask(
    *, learner, text: str, about_word: str = "", source=Message.Source.LEARNER, conversation=None
) -> tuple[Message, Message]:
    """Store a learner's question and the tutor's answer (or a pending one a model will write)."""
    text = " ".join(text.split())[: Message.MAX_QUESTION_CHARS]
    with transaction.atomic():
        if conversation is None:
            conversation = Conversation.objects.owned_by(learner).first() or start_conversation(
                learner=learner
            )
        rude = not safety.is_safe(text)
        intent = "rude" if rude else intents.classify(text).name
        question = Message.objects.create(
            conversation=conversation, role=Message.Role.LEARNER, source=source, text=text, intent=intent
        )
        if provider.configured() and intent in ON_TOPIC:
            answer = Message.objects.create(
                conversation=conversation,
                role=Message.Role.TUTOR,
                source=Message.Source.MODEL,
                status=Message.Status.PENDING,
                intent=intent,
                word=about_word[:40],
            )
            queue.send_on_commit(ANSWER_TASK, answer.pk)
        else:
            answer = _save_reply(conversation, tutor.answer(learner, text, about_word=about_word))
        question.word = answer.word
        question.save(update_fields=["word"])
        conversation.save(update_fields=["updated_at"])
    return question, answer


def _save_reply(conversation, reply: tutor.Reply) -> Message:
    return Message.objects.create(
        conversation=conversation,
        role=Message.Role.TUTOR,
        source=reply.source,
        text=reply.text,
        intent=reply.intent,
        word=reply.word,
        links=reply.links,
        facts=reply.facts,
    )


def answer_with_model(message_id: int) -> str:
    """Ask the configured model; show its words as they stream; answer offline if it fails."""
    answer = Message.objects.select_related("conversation__learner").filter(pk=message_id).first()
    if answer is None or not answer.is_pending:
        return "skipped"  # answered already: running twice is harmless
    conversation = answer.conversation
    learner = conversation.learner
    earlier = conversation.messages.filter(pk__lt=answer.pk, intent__in=ON_TOPIC).exclude(
        status=Message.Status.PENDING
    )
    turns = [(m.role, m.text) for m in earlier.order_by("created_at", "pk")]

    def show(text: str) -> None:
        shown = safety.safe_prefix(text)
        if shown:
            Message.objects.filter(pk=answer.pk, status=Message.Status.PENDING).update(text=shown)

    try:
        text, toolbox = provider.complete(learner, turns, on_text=show)
    except provider.ProviderFailed:
        question = turns[-1][1] if turns and turns[-1][0] == Message.Role.LEARNER else ""
        reply = tutor.answer(learner, question, about_word=answer.word)
        _finish(
            answer,
            reply.text,
            reply.links,
            reply.facts,
            Message.Source.OFFLINE,
            reply.word,
            safety.PROVIDER_TROUBLE_NOTE,
        )
        return "offline"
    _finish(answer, text, toolbox.links, toolbox.facts, Message.Source.MODEL, answer.word, "")
    return "model"


def _finish(answer: Message, text, links, facts, source, word, note) -> None:
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=answer.pk)
        if not locked.is_pending:
            return
        locked.text, locked.links, locked.facts, locked.source = text, links, facts, source
        locked.word, locked.note, locked.status = word[:40], note, Message.Status.DONE
        locked.save(
            update_fields=["text", "links", "facts", "source", "word", "note", "status", "updated_at"]
        )


def finish_stale_answers(*, older_than=STALE_ANSWER_AFTER, now=None) -> int:
    """Answers a lost worker left pending: the offline tutor writes them, kindly, so nothing hangs."""
    now = now or timezone.now()
    stale = Message.objects.filter(status=Message.Status.PENDING, created_at__lt=now - older_than)
    finished = 0
    for answer in stale.select_related("conversation__learner"):
        question = (
            answer.conversation.messages.filter(pk__lt=answer.pk, role=Message.Role.LEARNER)
            .order_by("-pk")
            .first()
        )
        reply = tutor.answer(
            answer.conversation.learner, question.text if question else "", about_word=answer.word
        )
        _finish(
            answer,
            reply.text,
            reply.links,
            reply.facts,
            Message.Source.OFFLINE,
            reply.word,
            safety.PROVIDER_TROUBLE_NOTE,
        )
        finished += 1
    return finished


def record_voice_question(*, learner, upload: Upload, client_token, about_word: str = "") -> VoiceQuestion:
    """Store a spoken question (checked upload) and queue its transcription; a repeat returns the first."""
    existing = VoiceQuestion.objects.filter(learner=learner, client_token=client_token).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        conversation = Conversation.objects.owned_by(learner).first() or start_conversation(learner=learner)
        question = VoiceQuestion(learner=learner, conversation=conversation, about_word=about_word[:40])
        attach_recording(question, upload, client_token=client_token)
    return question


def answer_voice_question(pk: int, transcript: str, *, engine: str = "whisper") -> VoiceQuestion | None:
    """The transcript is in: keep it, and ask the tutor with it as the learner's question. Exactly once."""
    with transaction.atomic():
        row = VoiceQuestion.objects.select_for_update().select_related("learner").filter(pk=pk).first()
        if row is None or not row.is_pending:
            return None
        transcript = " ".join(transcript.split())
        if not transcript:
            _fail(row, NOT_HEARD_MESSAGE)
            return row
        question, _ = ask(
            learner=row.learner,
            text=transcript,
            about_word=row.about_word,
            source=Message.Source.VOICE,
            conversation=row.conversation,
        )
        row.status = JudgedRecording.Status.JUDGED
        row.transcript = transcript[:200]
        row.engine = engine
        row.judged_at = timezone.now()
        row.question = question
        row.error_message = ""
        row.save(update_fields=["status", "transcript", "engine", "judged_at", "question", "error_message"])
    return row


def mark_voice_question_failed(pk: int, message: str) -> None:
    with transaction.atomic():
        row = VoiceQuestion.objects.select_for_update().filter(pk=pk).first()
        if row is not None and row.is_pending:
            _fail(row, message)


def _fail(row: VoiceQuestion, message: str) -> None:
    row.status = JudgedRecording.Status.FAILED
    row.error_message = message[:300]
    row.judged_at = timezone.now()
    row.save(update_fields=["status", "error_message", "judged_at"])


def clear_history(*, learner) -> int:
    """Delete every conversation of the learner, with its messages and spoken questions (and their files)."""
    with transaction.atomic():
        deleted, _ = Conversation.objects.owned_by(learner).delete()
    return deleted
