"""Reference readings: the judge calibrates each pair of words by how the recogniser
hears a clear reading of each.  Hand-built scores, a fake recogniser: no models."""

from __future__ import annotations

import math

import pytest
from django.core.cache import cache

from speech import hear
from speech.judge import CORRECT, NOT_QUITE, JudgeParams, decide
from speech.recognisers import Evidence
from speech.references import CacheStore, ReferenceBook

PARAMS = JudgeParams(accept_margin=0.0, reject_margin=0.0, open_guard=6.0)

# A recogniser that always leans towards "run": a clear "rung" still scores
# "run" nearly as high.  This is what Whisper does on our benchmark voices.
RUN_RUNG_REFERENCES = {
    "run": {"run": -0.1, "rung": -6.0},
    "rung": {"run": -0.6, "rung": -2.5},
}


def heard(scores: dict[str, float], references=None, transcript: str = "") -> Evidence:
    return Evidence(
        engine="hand-built",
        target="run",
        candidates=tuple(scores),
        scores=scores,
        transcript=transcript,
        references=references if references is not None else RUN_RUNG_REFERENCES,
    )


def test_a_word_the_recogniser_always_prefers_must_beat_its_usual_head_start():
    # Raw scores favour "run" by 1.5 nats, but a clear "rung" already gives "run" a
    # 1.9-nat lead; a clear "run" gives it 5.9.  Half-way is 3.9: this is "rung".
    judgement = decide("run", heard({"run": -0.5, "rung": -2.0}, transcript="Rung."), PARAMS)
    assert judgement.verdict == NOT_QUITE
    assert judgement.heard_as == "rung"
    assert judgement.margin == pytest.approx(1.5 - 3.9)


def test_a_clear_reading_of_the_target_is_accepted():
    judgement = decide("run", heard({"run": -0.1, "rung": -5.0}), PARAMS)
    assert judgement.verdict == CORRECT
    assert judgement.margin == pytest.approx(4.9 - 3.9)


def test_without_references_the_same_scores_would_wrongly_pass():
    judgement = decide("run", heard({"run": -0.5, "rung": -2.0}, references={}), PARAMS)
    assert judgement.verdict == CORRECT


def test_a_word_far_outside_the_candidates_still_fails_the_reading():
    # The learner said "banana": none of the candidates fit, Whisper's own guess does.
    scores = {"run": -9.0, "rung": -12.0, "banana": -0.2}
    judgement = decide("run", heard(scores, transcript="Banana!"), PARAMS)
    assert judgement.verdict == NOT_QUITE
    assert judgement.heard_as == "banana"


def test_a_guess_outside_the_candidates_that_only_edges_ahead_does_not_decide():
    scores = {"run": -1.0, "rung": -8.0, "ran": -0.5}  # "ran" has no reference
    judgement = decide("run", heard(scores), PARAMS)
    assert judgement.verdict == CORRECT


class FakeRecogniser:
    """Hears a reading as exactly the word that was read; counts what it is asked."""

    name = "fake"

    def __init__(self):
        self.listened: list[str] = []

    def listen(self, audio):
        self.listened.append(audio)
        return audio

    def score(self, heard, words):
        scores = {w: (0.0 if w == heard else -5.0) for w in words}
        return scores, dict.fromkeys(words, 0.0)

    def evidence(self, audio, target, candidates):
        words = [target, *candidates]
        return Evidence(
            engine=self.name, target=target, candidates=tuple(words), scores=self.score(audio, words)[0]
        )


def book(recogniser, **kwargs) -> ReferenceBook:
    return ReferenceBook(recogniser, voice="test-voice", speak=lambda word, voice: word, **kwargs)


def test_the_book_reads_each_word_once_and_remembers_the_scores():
    recogniser = FakeRecogniser()
    references = book(recogniser, use_django_cache=False)
    table = references.table(["run", "rung", "ran"])
    assert table["rung"] == {"run": -5.0, "rung": 0.0, "ran": -5.0}
    references.table(["run", "rung", "ran"])
    assert recogniser.listened == ["run", "rung", "ran"]


def test_a_new_candidate_is_scored_without_reading_the_word_again():
    recogniser = FakeRecogniser()
    references = book(recogniser, use_django_cache=False)
    references.scores("run", ["run", "rung"])
    assert references.scores("run", ["run", "ran"]) == {"run": 0.0, "ran": -5.0}
    assert recogniser.listened == ["run"]


def test_books_in_other_processes_share_the_scores_through_the_cache():
    cache.clear()
    first, second = FakeRecogniser(), FakeRecogniser()
    book(first, store=CacheStore()).table(["run", "rung"])
    assert book(second, store=CacheStore()).table(["run", "rung"])["run"] == {"run": 0.0, "rung": -5.0}
    assert second.listened == []


def test_a_recogniser_with_another_window_does_not_reuse_the_cached_scores():
    cache.clear()
    narrow, wide = FakeRecogniser(), FakeRecogniser()
    narrow.fingerprint, wide.fingerprint = "fake@5s", "fake@10s"
    book(narrow).table(["run", "rung"])
    book(wide).table(["run", "rung"])
    assert wide.listened == ["run", "rung"]


def test_hearing_a_recording_brings_the_references_of_the_target_and_its_candidates(settings, monkeypatch):
    settings.SPEECH_REFERENCES = True
    settings.SPEECH_LOWER_FORMANTS_ABOVE_HZ = 0  # the fake recording is a word, not sound
    monkeypatch.setattr("speech.references.espeak_reading", lambda word, voice: word)
    cache.clear()
    evidence = hear("fish", "fish", FakeRecogniser())
    assert "dish" in evidence.references
    assert evidence.references["fish"]["fish"] == 0.0
    assert set(evidence.references["dish"]) == set(evidence.references)


def test_references_can_be_switched_off(settings):
    settings.SPEECH_REFERENCES = False
    settings.SPEECH_LOWER_FORMANTS_ABOVE_HZ = 0  # the fake recording is a word, not sound
    assert hear("fish", "fish", FakeRecogniser()).references == {}


def test_scores_stay_finite_for_a_word_without_a_reading():
    scores = {"run": -0.2, "rung": -math.inf}
    judgement = decide("run", heard(scores), PARAMS)
    assert judgement.verdict == CORRECT


def test_a_reference_the_recogniser_could_not_score_falls_back_to_the_raw_lead():
    references = {"run": {"run": -0.1, "rung": -math.inf}, "rung": {"run": -0.6, "rung": -2.5}}
    judgement = decide("run", heard({"run": -0.5, "rung": -2.0}, references), PARAMS)
    assert judgement.margin == pytest.approx(1.5)


def test_a_rival_only_one_sound_away_must_win_by_more_than_a_classic_confusion():
    # "dad" is a classic misreading of "bad" (b/d); "had" is merely one sound away.
    words = ("bad", "dad", "had")
    even = {w: {v: (-1.0 if v == w else -5.0) for v in words} for w in words}
    params = JudgeParams(accept_margin=0.0, reject_margin=0.0, open_guard=6.0, neighbour_penalty=3.0)

    def judged(scores):
        said = max(scores, key=scores.get)
        evidence = Evidence("hand-built", "bad", words, scores, transcript=said, references=even)
        return decide("bad", evidence, params)

    edged_by_had = judged({"bad": -2.0, "dad": -9.0, "had": -1.0})
    assert edged_by_had.verdict == CORRECT
    assert edged_by_had.margin == pytest.approx(-1.0 + 3.0)

    edged_by_dad = judged({"bad": -2.0, "dad": -1.0, "had": -9.0})
    assert edged_by_dad.verdict == NOT_QUITE
    assert edged_by_dad.heard_as == "dad"

    clearly_had = judged({"bad": -6.0, "dad": -9.0, "had": -1.0})
    assert clearly_had.verdict == NOT_QUITE
    assert clearly_had.heard_as == "had"
