"""Issue 13 on hand-built evidence (no models): accents, "say it once more", a check on
what was heard, kind feedback, and reference stores that outlive a process."""

from __future__ import annotations

import math

from speech.judge import CORRECT, NOT_QUITE, UNCLEAR, JudgeParams, decide, related_to
from speech.phonetics import compare, describe
from speech.recognisers import Evidence
from speech.references import MemoryStore, ReferenceBook

PARAMS = JudgeParams(accept_margin=0.0, reject_margin=0.0, open_guard=6.0, retry_below=1.0, retry_above=0.5)
WORDS = ("cat", "cot", "cut")


def even(lean: dict[str, float] | None = None) -> dict[str, dict[str, float]]:
    """References where each clear reading is heard as itself, shifted by ``lean``."""
    lean = lean or {}
    return {w: {v: (-1.0 if v == w else -6.0) + lean.get(w, {}).get(v, 0.0) for v in WORDS} for w in WORDS}


def reading(scores, transcript="", accents=None) -> Evidence:
    return Evidence(
        "hand-built",
        "cat",
        WORDS,
        scores,
        transcript=transcript,
        references=even(),
        accent_references=accents or [],
    )


# A British "cat" is heard by the recogniser much like an American "cot": its clear
# reading in British English gives "cot" nearly as much as "cat".
BRITISH = {w: dict(row) for w, row in even().items()}
BRITISH["cat"] = {"cat": -2.0, "cot": -2.5, "cut": -5.0}


def test_a_british_reading_of_cat_is_accepted_against_british_references():
    said_in_british = {"cat": -2.1, "cot": -2.4, "cut": -6.0}
    american_only = decide("cat", reading(said_in_british, "Cot."), PARAMS)
    assert american_only.verdict != CORRECT
    with_british = decide("cat", reading(said_in_british, "Cot.", accents=[BRITISH]), PARAMS)
    assert with_british.verdict == CORRECT


def test_a_british_accent_does_not_let_a_clear_cot_pass_for_cat():
    cot = {"cat": -7.0, "cot": -1.0, "cut": -6.0}
    judgement = decide("cat", reading(cot, "Cot.", accents=[BRITISH]), PARAMS)
    assert judgement.verdict == NOT_QUITE
    assert judgement.heard_as == "cot"


def test_a_borderline_reading_asks_for_one_more_and_it_does_not_count():
    borderline = decide("cat", reading({"cat": -1.0, "cot": -1.3, "cut": -6.0}, "Cat."), PARAMS)
    assert borderline.verdict == UNCLEAR and borderline.retry
    assert not borderline.counts_as_attempt
    assert "once more" in borderline.feedback
    assert "cat" in borderline.feedback


def test_the_second_reading_is_judged_together_with_the_first():
    first = reading({"cat": -1.0, "cot": -1.3, "cut": -6.0}, "Cat.")
    clear = reading({"cat": -0.5, "cot": -6.0, "cut": -6.0}, "Cat.")
    first.references = clear.references
    together = decide("cat", clear, PARAMS, earlier=first)
    assert together.verdict == CORRECT and together.second_reading and not together.retry
    alone = decide("cat", first, PARAMS).margin
    assert alone < together.margin < decide("cat", clear, PARAMS).margin


def test_a_second_borderline_reading_gets_a_final_answer_not_a_third_request():
    first = reading({"cat": -1.0, "cot": -1.5, "cut": -6.0}, "Cat.")
    again = reading({"cat": -1.0, "cot": -1.4, "cut": -6.0}, "Cat.")
    together = decide("cat", again, PARAMS, earlier=first)
    assert not together.retry
    assert together.verdict in (CORRECT, NOT_QUITE)


def test_an_accepted_reading_transcribed_as_something_unrelated_gets_a_second_look():
    judgement = decide("cat", reading({"cat": -0.5, "cot": -6.0, "cut": -6.0}, "Good."), PARAMS)
    assert judgement.verdict == UNCLEAR and judgement.retry
    still_good = reading({"cat": -0.5, "cot": -6.0, "cut": -6.0}, "Good.")
    twice = decide("cat", still_good, PARAMS, earlier=reading(still_good.scores, "Good."))
    assert twice.verdict != CORRECT


def test_a_close_transcription_is_not_unrelated():
    assert related_to("wombat", "wambat")
    assert related_to("cat", "cut")
    assert not related_to("cat", "good")


def test_feedback_never_names_a_word_the_transcription_did_not_hear():
    # The learner said "dog"; among the candidates "cut" scores best, but Whisper wrote "Dog."
    judgement = decide("cat", reading({"cat": -9.0, "cot": -8.0, "cut": -3.0}, "Dog."), PARAMS)
    assert judgement.verdict == NOT_QUITE
    assert judgement.heard_as is None
    assert "cut" not in judgement.feedback and "sounded like" not in judgement.feedback


def test_feedback_names_the_word_when_the_transcription_heard_it_too():
    judgement = decide("cat", reading({"cat": -9.0, "cot": -8.0, "cut": -0.5}, "Cut."), PARAMS)
    assert judgement.heard_as == "cut"
    assert judgement.feedback.startswith("It sounded like 'cut'.")


def test_feedback_never_explains_a_word_by_itself_and_says_at_most_two_things():
    text = describe("cat", "cut", compare("cat", "cut"))
    assert "as in 'cat'" not in text
    assert text.count(".") <= 2
    assert "as in 'cat'" in describe("hat", "hot", compare("hat", "hot"))


def test_evidence_survives_a_round_trip_through_json():
    evidence = reading({"cat": -0.5, "cot": -math.inf, "cut": -6.0}, "Cat.")
    again = Evidence.from_dict(evidence.as_dict())
    assert again.scores == evidence.scores and again.transcript == "Cat."


class Recogniser:
    name, fingerprint = "fake", "fake@4s"

    def __init__(self):
        self.listened = []

    def listen(self, audio):
        self.listened.append(audio)
        return audio

    def score(self, heard, words):
        return {w: (0.0 if w == heard else -5.0) for w in words}, dict.fromkeys(words, 0.0)


def test_references_in_a_store_survive_a_new_process():
    store = MemoryStore()
    first = Recogniser()
    ReferenceBook(first, voice="v", speak=lambda w, v: w, store=store).table(["cat", "cot"])
    after_restart = Recogniser()
    book = ReferenceBook(after_restart, voice="v", speak=lambda w, v: w, store=store)
    assert book.missing(["cat", "cot"]) == []
    assert book.table(["cat", "cot"])["cot"] == {"cat": -5.0, "cot": 0.0}
    assert after_restart.listened == []
    assert book.missing(["cat", "cot", "cut"]) == ["cat", "cot", "cut"]


def test_each_accent_keeps_its_own_readings():
    store = MemoryStore()
    ReferenceBook(Recogniser(), voice="en-029", speak=lambda w, v: w, store=store).table(["cat"])
    british = Recogniser()
    ReferenceBook(british, voice="en-gb", speak=lambda w, v: w, store=store).table(["cat"])
    assert british.listened == ["cat"]
    assert {key[1] for key in store.rows} == {"en-029", "en-gb"}
