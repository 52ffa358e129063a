"""The judge on hand-built evidence (no models): verdicts, scores and feedback wording."""

from __future__ import annotations

import math

import pytest

from speech.judge import (
    CORRECT,
    NOT_QUITE,
    UNCLEAR,
    UNCLEAR_FEEDBACK,
    JudgeParams,
    candidates_for,
    decide,
    sounds_like,
)
from speech.phonetics import compare, describe, is_reversal
from speech.recognisers import Evidence

PARAMS = JudgeParams(beta=0.0, accept_margin=0.5, reject_margin=-0.5, max_no_speech=0.9)


def evidence(
    target: str, probabilities: dict[str, float], transcript: str = "", no_speech: float = 0.0
) -> Evidence:
    return Evidence(
        engine="hand-built",
        target=target,
        candidates=tuple(probabilities),
        scores={w: math.log(p) for w, p in probabilities.items()},
        priors=dict.fromkeys(probabilities, 0.0),
        transcript=transcript,
        no_speech_prob=no_speech,
    )


def test_it_says_correct_when_the_target_clearly_wins():
    judgement = decide("bad", evidence("bad", {"bad": 0.9, "dad": 0.05, "bed": 0.05}, "Bad."), PARAMS)
    assert judgement.verdict == CORRECT
    assert judgement.mastered
    assert judgement.score >= 70
    assert judgement.counts_as_attempt
    assert "bad" in judgement.feedback


def test_it_never_tells_a_learner_who_said_dad_for_bad_that_it_is_mastered():
    judgement = decide("bad", evidence("bad", {"bad": 0.1, "dad": 0.85, "bed": 0.05}, "Dad."), PARAMS)
    assert judgement.verdict == NOT_QUITE
    assert not judgement.mastered
    assert judgement.score < 70
    assert judgement.heard_as == "dad"
    assert judgement.feedback == "It sounded like 'dad'. The word 'bad' starts with the /b/ sound."
    assert judgement.wrong_sounds[0]["position"] == "start"
    assert judgement.wrong_sounds[0]["expected"] == "B"
    assert judgement.wrong_sounds[0]["heard"] == "D"


def test_it_says_unclear_when_unsure_and_does_not_count_the_attempt():
    judgement = decide("bad", evidence("bad", {"bad": 0.5, "dad": 0.5}), PARAMS)
    assert judgement.verdict == UNCLEAR
    assert judgement.feedback == UNCLEAR_FEEDBACK == "We couldn't hear that clearly. Please try again."
    assert not judgement.counts_as_attempt
    assert not judgement.mastered
    assert judgement.score < 70


def test_it_ignores_fragments_that_are_not_words():
    judgement = decide("ship", evidence("ship", {"ship": 0.3, "sh": 0.6, "chip": 0.1}), PARAMS)
    assert judgement.verdict == CORRECT


def test_it_says_unclear_when_whisper_thinks_nobody_spoke():
    judgement = decide("bad", evidence("bad", {"bad": 0.3, "dad": 0.7}, no_speech=0.97), PARAMS)
    assert judgement.verdict == UNCLEAR


def test_it_counts_a_homophone_as_the_target():
    judgement = decide("night", evidence("night", {"night": 0.3, "knight": 0.6, "light": 0.1}), PARAMS)
    assert judgement.verdict == CORRECT


def test_it_scores_on_a_0_to_100_scale_with_70_as_the_pass_mark():
    strong = decide("ship", evidence("ship", {"ship": 0.99, "chip": 0.01}), PARAMS)
    lead = 1 / (1 + math.exp(-0.5))  # the target leads by exactly the accept margin
    borderline = decide("ship", evidence("ship", {"ship": lead, "chip": 1 - lead}), PARAMS)
    wrong = decide("ship", evidence("ship", {"ship": 0.01, "chip": 0.99}), PARAMS)
    assert 95 <= strong.score <= 100
    assert borderline.score == 70
    assert 0 <= wrong.score <= 5
    assert strong.verdict == borderline.verdict == CORRECT
    assert wrong.verdict == NOT_QUITE


def test_it_lowers_common_words_by_their_prior():
    probs = {"bad": 0.4, "dad": 0.6}
    ev = evidence("bad", probs)
    ev.priors = {"bad": math.log(0.01), "dad": math.log(0.5)}  # the model says "dad" even to silence
    assert decide("bad", ev, JudgeParams(beta=1.0, accept_margin=0.0, reject_margin=0.0)).verdict == CORRECT
    assert decide("bad", ev, JudgeParams(beta=0.0, accept_margin=0.0, reject_margin=0.0)).verdict == NOT_QUITE


@pytest.mark.parametrize(
    ("target", "heard", "feedback"),
    [
        ("bad", "dad", "It sounded like 'dad'. The word 'bad' starts with the /b/ sound."),
        ("bad", "bat", "It sounded like 'bat'. The word 'bad' ends with the /d/ sound."),
        ("bad", "bed", "It sounded like 'bed'. The middle of 'bad' has the /a/ sound, as in 'cat'."),
        ("ship", "chip", "It sounded like 'chip'. The word 'ship' starts with the /sh/ sound."),
        (
            "three",
            "tree",
            "It sounded like 'tree'. The word 'three' starts with the /th/ sound, as in 'thin'.",
        ),
        ("lamp", "lap", "It sounded like 'lap'. Don't forget the /m/ sound in the middle of 'lamp'."),
        ("cat", "cats", "It sounded like 'cats'. There is no /s/ sound in 'cat'."),
        (
            "was",
            "saw",
            "It sounded like 'saw'. The word 'was' starts with the /w/ sound. Read it from left to right.",
        ),
    ],
)
def test_it_names_the_sound_that_went_wrong(target, heard, feedback):
    assert describe(target, heard, compare(target, heard)) == feedback


def test_it_places_the_difference_at_the_start_middle_or_end():
    assert [d.position for d in compare("bad", "dad")] == ["start"]
    assert [d.position for d in compare("bad", "bed")] == ["middle"]
    assert [d.position for d in compare("bad", "bag")] == ["end"]


def test_it_prefers_aligning_similar_sounds():
    (diff,) = compare("thin", "fin")
    assert (diff.kind, diff.expected, diff.heard) == ("swap", "TH", "F")


def test_it_spots_reversals():
    assert is_reversal("was", "saw")
    assert is_reversal("top", "pot")
    assert not is_reversal("bad", "dad")


def test_it_gives_gentle_feedback_for_a_word_without_a_pronunciation():
    text = describe("bad", "zzqx", compare("bad", "zzqx"))
    assert text == "It sounded like 'zzqx'. Listen to 'bad' again and have another go."


def test_it_treats_homophones_and_case_as_the_same_word():
    assert sounds_like("Night", "knight")
    assert sounds_like("sun", "son")
    assert not sounds_like("bad", "dad")


def test_it_finds_confusable_neighbours_for_any_word():
    neighbours = candidates_for("bad")
    assert "dad" in neighbours
    assert "bad" not in neighbours


def test_it_reports_its_judgement_as_a_plain_dict():
    data = decide("bad", evidence("bad", {"bad": 0.1, "dad": 0.9}, "Dad."), PARAMS).as_dict()
    assert data["verdict"] == "not_quite"
    assert data["heard_as"] == "dad"
    assert set(data) >= {"score", "mastered", "transcript", "feedback", "wrong_sounds", "engine", "seconds"}


def test_it_never_repeats_a_rude_word_to_a_child():
    judgement = decide("ship", evidence("ship", {"ship": 0.05, "shit": 0.9, "chip": 0.05}), PARAMS)
    assert judgement.verdict == NOT_QUITE
    assert "shit" not in judgement.feedback
    assert judgement.heard_as is None
    assert judgement.feedback == "That didn't sound quite right. The word 'ship' ends with the /p/ sound."


def test_it_says_unclear_when_the_target_could_not_be_scored():
    ev = evidence("zzqx", {"bad": 0.9})
    ev.scores["zzqx"] = -math.inf
    judgement = decide("zzqx", ev, PARAMS)
    assert judgement.verdict == UNCLEAR
    assert not judgement.counts_as_attempt
