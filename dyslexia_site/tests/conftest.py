"""Fixtures for the site-wide sweeps."""

import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile

from chatbot.actions import ask, record_voice_question
from dynamic.models import ExplorerEntry, ExplorerTry
from learning.models import PracticeAttempt, SpeechClip
from learning.recordings import Upload
from mocktest.actions import start_mock_test
from mocktest.tests.sittings import make_level, ready_for_test, say_item
from rewards.summary import unsubscribe_token


@pytest.fixture
def world(alice, bob, paula, sam):
    """A learner with practice, a test under way, audio made: something behind every URL."""
    # Sign-up makes each user's e-mail row; allauth adds a missing one lazily on its e-mail
    # page, which would be a write for cast users made directly in the database.
    for user in (alice, bob, paula, sam):
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"primary": True})
    level = make_level(1, ["cat", "map"], size=2)
    ready_for_test(alice, level)
    test = start_mock_test(learner=alice, level=level)
    item = say_item(test.items.select_related("test").first())
    attempt = PracticeAttempt(learner=alice, word=level.words.first(), practice_seconds=3)
    attempt.client_token = uuid.uuid4()
    attempt.recording.save("recording.wav", ContentFile(b"RIFF-bytes"), save=False)
    attempt.save()
    clip = SpeechClip.objects.create(text="cat", speed="normal", status="ready", engine="espeak")
    question, _ = ask(learner=alice, text="how do i say cat")
    voice = record_voice_question(
        learner=alice, upload=Upload(b"RIFF-q", "wav", 1.0), client_token=uuid.uuid4()
    )
    clip.audio.save("tts/espeak/cat.wav", ContentFile(b"RIFF-clip"))
    entry = ExplorerEntry.objects.create(word="because", facts={"syllables": ["be", "cause"]})
    entry.picture_file.save("because.png", ContentFile(b"\x89PNG-card"), save=False)
    entry.picture_status = ExplorerEntry.PictureStatus.READY
    entry.save()
    explorer_try = ExplorerTry(learner=alice, entry=entry, client_token=uuid.uuid4())
    explorer_try.recording.save("recording.wav", ContentFile(b"RIFF-try"), save=False)
    explorer_try.save()
    return {
        "order": level.order,
        "word_id": attempt.word_id,
        "attempt_id": attempt.pk,
        "test_id": test.pk,
        "item_id": item.pk,
        "learner_id": alice.pk,
        "speed": "normal",
        "text": "cat",
        "word": "because",
        "try_id": explorer_try.pk,
        "link_id": paula.child_links.get().pk,
        "token": unsubscribe_token(paula),
        "conversation_id": question.conversation_id,
        "message_id": question.pk,
        "question_id": voice.pk,
    }
