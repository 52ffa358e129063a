"""Issue 13 in the app: reference readings kept in the database and made by a worker when
staff add a word, and "say it once more" through the one recording pipeline."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

import speech
from learning.actions import add_word, record_attempt
from learning.models import PracticeAttempt, ReferenceReading, WordProgress
from learning.recordings import Upload
from learning.references import DatabaseReferenceStore
from learning.tests.factories import LevelFactory, WordFactory
from speech import references
from speech.recognisers import Evidence

pytestmark = pytest.mark.django_db


class Recogniser:
    """Hears a clear reading as exactly the word read; remembers what it had to read."""

    name, fingerprint = "fake", "fake@4s"

    def __init__(self):
        self.listened = []

    def listen(self, audio):
        self.listened.append(audio)
        return audio

    def score(self, heard, words):
        return {w: (0.0 if w == heard else -5.0) for w in words}, dict.fromkeys(words, 0.0)

    def evidence(self, audio, target, candidates):
        words = [target, *candidates]
        return Evidence(self.name, target, tuple(words), self.score(audio, words)[0])


@pytest.fixture
def database_references(monkeypatch):
    monkeypatch.setattr(references, "espeak_reading", lambda word, voice: word)
    references.use_store(DatabaseReferenceStore())
    cache.clear()
    yield
    references.use_store(DatabaseReferenceStore())


def restart() -> None:
    """What a new process starts with: no books in memory, an empty local cache."""
    references.use_store(DatabaseReferenceStore())
    cache.clear()


def test_references_survive_a_restart(database_references):
    before = Recogniser()
    references.prepare("fish", before)
    assert before.listened  # made once, in every accent
    voices = set(ReferenceReading.objects.filter(word="fish").values_list("voice", flat=True))
    assert voices == set(references.reference_voices()) and len(voices) >= 2

    restart()
    after = Recogniser()
    assert references.is_prepared("fish", after)
    references.prepare("fish", after)
    assert after.listened == []  # nothing read again after the restart


def test_a_new_word_gets_its_references_in_a_worker_before_its_first_attempt(
    database_references, monkeypatch, settings, django_capture_on_commit_callbacks
):
    worker_recogniser = Recogniser()
    monkeypatch.setattr("speech.recognisers.get_recogniser", lambda: worker_recogniser)
    settings.SPEECH_BUSY_ENGINE = ""  # one engine here; speech's tests prepare for both
    monkeypatch.setattr("learning.actions.request_clips", lambda text, **kw: [])  # audio: not this test
    sent = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args, **kw: sent.append(name))
    word = WordFactory(level=LevelFactory(order=1), text="quokka")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        add_word(word)
    assert not ReferenceReading.objects.filter(word="quokka").exists()  # not on the staff request
    for callback in callbacks:
        callback()
    assert sent == ["learning.prepare_word_references"]

    from learning.tasks import prepare_word_references

    prepare_word_references.run(["quokka"])  # what the worker runs
    assert ReferenceReading.objects.filter(word="quokka").exists()
    restart()
    assert references.is_prepared("quokka", Recogniser())
    assert not PracticeAttempt.objects.filter(word=word).exists()


def judged(verdict, *, retry=False, score=40, evidence=None):
    return speech.Judgement(
        verdict=verdict,
        score=score,
        mastered=verdict == speech.CORRECT,
        transcript="Fish.",
        feedback="Nearly there! Say 'fish' once more, nice and clearly." if retry else "Well done!",
        heard_as=None,
        engine="fake",
        retry=retry,
        evidence=evidence or {},
    )


@pytest.fixture
def judge_calls(monkeypatch):
    """A judge that is unsure of the first reading and sure of the next; it records what it is given."""
    calls = []

    def fake_judge_audio(data, word, params=None, earlier=None, waited=None):
        calls.append({"word": word, "earlier": earlier, "waited": waited})
        if earlier is None and len(calls) == 1:
            heard = {"engine": "fake", "target": word, "scores": {}}
            return judged(speech.UNCLEAR, retry=True, evidence=heard)
        together = judged(speech.CORRECT, score=85)
        together.second_reading = earlier is not None
        return together

    monkeypatch.setattr("speech.judge_audio", fake_judge_audio)
    return calls


def say(learner, word, data: bytes):
    return record_attempt(
        learner=learner,
        word=word,
        upload=Upload(data=data, extension="wav", seconds=1.0),
        client_token=__import__("uuid").uuid4(),
        practice_seconds=5,
    )


def test_an_unsure_reading_asks_once_more_and_the_next_is_judged_with_it(
    alice, judge_calls, django_capture_on_commit_callbacks
):
    word = WordFactory(level=LevelFactory(order=1), text="fish")
    with django_capture_on_commit_callbacks(execute=True):
        first = say(alice, word, b"first reading")
    first.refresh_from_db()
    assert first.needs_retry and first.verdict == speech.UNCLEAR
    assert first.evidence["target"] == "fish"
    assert not WordProgress.objects.get(learner=alice, word=word).attempts  # doesn't count

    with django_capture_on_commit_callbacks(execute=True):
        second = say(alice, word, b"second reading")
    second.refresh_from_db()
    assert second.retry_of == first
    assert judge_calls[1]["earlier"] == first.evidence  # judged together
    assert second.verdict == speech.CORRECT and not second.needs_retry
    assert WordProgress.objects.get(learner=alice, word=word).is_mastered
    first.refresh_from_db()
    assert first.evidence == {}  # used, so no longer kept

    with django_capture_on_commit_callbacks(execute=True):
        third = say(alice, word, b"third reading")
    assert third.retry_of is None  # one retry per unsure reading, never a chain


def test_a_reading_long_after_the_request_is_judged_on_its_own(
    alice, judge_calls, django_capture_on_commit_callbacks
):
    word = WordFactory(level=LevelFactory(order=1), text="fish")
    with django_capture_on_commit_callbacks(execute=True):
        first = say(alice, word, b"first reading")
    PracticeAttempt.objects.filter(pk=first.pk).update(judged_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        later = say(alice, word, b"much later")
    assert later.retry_of is None and judge_calls[1]["earlier"] is None


def test_a_reading_that_waited_for_a_worker_tells_the_judge_how_long(
    alice, judge_calls, django_capture_on_commit_callbacks
):
    word = WordFactory(level=LevelFactory(order=1), text="fish")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        waiting = say(alice, word, b"sent while the queue was long")
    PracticeAttempt.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - timedelta(seconds=6))
    for send in queued:
        send()  # a worker picks it up six seconds after it was sent
    assert 6 <= judge_calls[0]["waited"] < 60  # the judge picks its quicker engine (speech tests)


def test_another_learners_unsure_reading_is_never_combined_with_yours(
    alice, bob, judge_calls, django_capture_on_commit_callbacks
):
    word = WordFactory(level=LevelFactory(order=1), text="fish")
    with django_capture_on_commit_callbacks(execute=True):
        say(alice, word, b"alice unsure")
    with django_capture_on_commit_callbacks(execute=True):
        bobs = say(bob, word, b"bob reads")
    assert bobs.retry_of is None
