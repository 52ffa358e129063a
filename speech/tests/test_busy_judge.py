"""When the judging queue backs up, a reading that waited too long for a worker is judged by
the quicker engine (SPEECH_BUSY_ENGINE): a child gets a verdict in time. Fake engines, no
models."""

from __future__ import annotations

import pytest

import speech
from speech import recognisers, references
from speech.recognisers import Evidence


class Engine:
    """Hears every reading as the target; says which engine it is."""

    name = "careful"

    def __init__(self):
        self.heard: list[str] = []

    @classmethod
    def available(cls) -> bool:
        return True

    def evidence(self, audio, target, candidates):
        self.heard.append(target)
        return Evidence(
            self.name, target, (target, *candidates), {target: 0.0, **dict.fromkeys(candidates, -9.0)}
        )


class Quick(Engine):
    name = "quick"


class Listening(Engine):
    """An engine that judges with reference readings (it can listen and score)."""

    name = "listening"
    fingerprint = "listening@5s"

    def listen(self, audio):
        self.heard.append(audio)
        return audio

    def score(self, heard, words):
        return {w: (0.0 if w == heard else -5.0) for w in words}, dict.fromkeys(words, 0.0)


class QuickListening(Listening):
    name = "quick-listening"
    fingerprint = "quick-listening@5s"


@pytest.fixture
def engines(monkeypatch, settings):
    """The careful engine by default and the quick one when busy, after one second."""
    monkeypatch.setattr(recognisers, "ENGINES", {"careful": Engine, "quick": Quick})
    monkeypatch.setattr(recognisers, "_instances", {})
    settings.SPEECH_ENGINES = ["careful"]
    settings.SPEECH_BUSY_ENGINE = "quick"
    settings.SPEECH_BUSY_AFTER_SECONDS = 1.0
    settings.SPEECH_REFERENCES = False
    settings.SPEECH_LOWER_FORMANTS_ABOVE_HZ = 0  # the readings are words, not sound
    return recognisers


def engine_that_judged(**kwargs) -> str:
    return speech.judge("audio", "fish", **kwargs).engine


def test_a_reading_judged_at_once_gets_the_careful_engine(engines):
    assert engine_that_judged(waited=0.2) == "careful"
    assert engine_that_judged() == "careful"  # no wait known: not busy


def test_a_reading_that_waited_for_a_worker_gets_the_quick_engine(engines):
    assert engine_that_judged(waited=1.0) == "quick"
    assert engine_that_judged(waited=30.0) == "quick"


def test_a_second_reading_is_heard_by_the_engine_that_heard_the_first(engines):
    first_when_busy = speech.judge("audio", "fish", waited=5.0).evidence
    assert engine_that_judged(waited=0.1, earlier=first_when_busy) == "quick"
    first_when_quiet = speech.judge("audio", "fish", waited=0.1).evidence
    assert engine_that_judged(waited=5.0, earlier=first_when_quiet) == "careful"


def test_without_a_busy_engine_every_reading_gets_the_default(engines, settings):
    settings.SPEECH_BUSY_ENGINE = ""
    assert engine_that_judged(waited=30.0) == "careful"
    assert recognisers.judging_recognisers() == [recognisers.get_engine("careful")]


def test_a_busy_engine_that_is_the_default_is_no_second_engine(engines, settings):
    settings.SPEECH_ENGINES = ["quick"]
    assert recognisers.get_busy_recogniser() is None
    assert engine_that_judged(waited=30.0) == "quick"


def test_an_unknown_busy_engine_is_ignored(engines, settings):
    settings.SPEECH_BUSY_ENGINE = "no-such-engine"
    assert engine_that_judged(waited=30.0) == "careful"


def test_references_are_made_for_both_engines_so_a_busy_verdict_is_quick_too(monkeypatch, settings):
    monkeypatch.setattr(recognisers, "ENGINES", {"listening": Listening, "quick-listening": QuickListening})
    monkeypatch.setattr(recognisers, "_instances", {})
    monkeypatch.setattr(references, "espeak_reading", lambda word, voice: word)
    settings.SPEECH_ENGINES = ["listening"]
    settings.SPEECH_BUSY_ENGINE = "quick-listening"
    settings.SPEECH_REFERENCES = True
    careful, quick = recognisers.judging_recognisers()
    assert not references.is_prepared("quokka")

    assert references.prepare("quokka") > 0
    assert careful.heard and quick.heard  # each engine heard the clear readings itself
    assert references.is_prepared("quokka")
    assert references.is_prepared("quokka", careful) and references.is_prepared("quokka", quick)


def test_warming_up_loads_both_engines(engines):
    assert speech.warm_up() == "careful, quick"
    assert recognisers.get_engine("careful").heard and recognisers.get_engine("quick").heard
