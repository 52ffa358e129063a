"""The decision-shapes experiment: leads scaled by how far apart a pair's references sit,
rivals judged per accent or averaged over accents, and an accept margin chosen as the
benchmark's tuning chooses it."""

import math
from pathlib import Path

import pytest

from benchmarks.experiment_decision_shapes import (
    accent_leads,
    accept_threshold,
    best_accent,
    mean_of_accents,
    measure,
    measure_per_voice,
    per_rival_accent,
    rates,
    scaled_leads,
)
from benchmarks.speech_accuracy import Reading
from speech.recognisers import Evidence

# Whisper tells "cat" from "cot" widely (8 nats apart) and "cat" from "cut" barely (2 apart).
REFS = {
    "cat": {"cat": -1.0, "cot": -6.0, "cut": -2.0},
    "cot": {"cat": -5.0, "cot": -2.0, "cut": -4.0},
    "cut": {"cat": -2.0, "cot": -5.0, "cut": -1.0},
}


def test_a_pair_whisper_tells_apart_widely_must_be_missed_by_more():
    leads = {"cot": -2.0, "cut": -2.0, "bat": 3.0}  # "bat": Whisper's own guess, no references
    scaled = scaled_leads("cat", leads, REFS, floor=1.0, penalty=0.0)
    assert scaled["cot"] == pytest.approx(-2.0 / 4.0)  # half-gap 4 nats
    assert scaled["cut"] == pytest.approx(-2.0)  # half-gap 1 nat: the floor keeps it in nats
    assert scaled["bat"] == 3.0


def test_the_neighbour_penalty_is_not_scaled():
    # "dot" is not one of cat's likely misreadings, so it carries the penalty of 1 nat.
    refs = {"cat": {"cat": -1.0, "dot": -9.0}, "dot": {"cat": -9.0, "dot": -1.0}}
    scaled = scaled_leads("cat", {"dot": -3.0}, refs, floor=2.0, penalty=1.0)
    assert scaled["dot"] == pytest.approx((-3.0 - 1.0) * 2.0 / 8.0 + 1.0)


def test_accents_combine_three_ways():
    american, british = {"cot": -2.0, "cut": 3.0}, {"cot": 1.0, "cut": -1.0}
    assert best_accent([american, british]) == -1.0  # british: its closest rival is -1
    assert per_rival_accent([american, british]) == 1.0  # cot at 1 (british), cut at 3 (american)
    assert mean_of_accents([american, british]) == -0.5
    assert best_accent([]) == -math.inf


def test_leads_are_read_per_accent_from_the_evidence():
    evidence = Evidence(
        "whisper",
        "cat",
        ("cat", "cot"),
        {"cat": -1.0, "cot": -5.0},
        references=REFS,
        accent_references=[REFS],
    )
    per_accent = accent_leads("cat", evidence, guard=12.0, penalty=0.0)
    assert len(per_accent) == 2
    assert per_accent[0] == per_accent[1]
    assert per_accent[0]["cot"] > 0  # a clear "cat" leads "cot"


def test_the_accept_margin_separates_what_can_be_separated():
    leads = [(True, 2.0), (True, 1.0), (False, -1.0), (False, -3.0)]
    threshold = accept_threshold(leads)
    assert -1.0 < threshold <= 1.0
    assert rates(leads, threshold) == (100.0, 100.0)
    assert rates([(True, 1.0)], 0.0) is None  # no wrong readings: nothing to report


def test_a_margin_per_voice_is_tuned_on_that_voices_tuning_readings():
    def row(name, correct, margin):
        reading = Reading("cat", "cat", correct, "american", Path(f"{name}_cat.wav"), None)
        return {"reading": reading, "evidence": margin}

    # The "low" voice's correct readings sit far below the "high" voice's.
    tuning = [row("high", True, 5.0), row("high", False, 3.0), row("low", True, 0.0), row("low", False, -2.0)]
    development = [row("high", True, 5.5), row("high", False, 2.0), row("low", True, 0.5)]
    sets = {"tuning": tuning, "development": development}
    assert measure_per_voice(sets, lambda target, evidence: evidence)["development"] == (100.0, 100.0)
    # One margin for every voice cannot separate both voices' readings.
    assert measure(sets, lambda target, evidence: evidence)["development"] != (100.0, 100.0)
