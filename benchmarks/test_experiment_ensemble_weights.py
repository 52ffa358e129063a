"""The ensemble-weights experiment rebuilds each model's part of the ensemble's scores from
two runs' evidence: equal weights give the ensemble back, no weight on base gives tiny.en."""

import math
from dataclasses import replace

import pytest

from benchmarks.experiment_ensemble_weights import blended
from speech.recognisers import Evidence

ENSEMBLE = Evidence(
    "whisper-tiny.en+base",
    "cat",
    ("cat", "cot", "bat"),  # "bat": base's own guess, which tiny.en never scored
    {"cat": -1.0, "cot": -5.0, "bat": -7.0},
    references={"cat": {"cat": -1.5, "cot": -6.0}, "cot": {"cat": -5.0, "cot": -1.0}},
    accent_references=[{"cat": {"cat": -2.0, "cot": -3.0}}],
)
TINY = Evidence(
    "whisper-tiny.en",
    "cat",
    ("cat", "cot"),
    {"cat": -0.4, "cot": -2.0},
    references={"cat": {"cat": -0.5, "cot": -2.5}, "cot": {"cat": -2.0, "cot": -0.5}},
    accent_references=[{"cat": {"cat": -1.0, "cot": -1.0}}],
)


def test_equal_weights_give_the_ensembles_scores_for_the_words_both_scored():
    same = blended(ENSEMBLE, TINY, 1.0, 1.0)
    assert same.candidates == ("cat", "cot")
    assert same.scores == {"cat": -1.0, "cot": -5.0}
    assert same.references == ENSEMBLE.references
    assert same.accent_references == ENSEMBLE.accent_references


def test_no_weight_on_base_gives_tiny_alone_and_more_weight_scales_its_part():
    assert blended(ENSEMBLE, TINY, 1.0, 0.0).scores == TINY.scores
    assert blended(ENSEMBLE, TINY, 1.0, 0.0).references == TINY.references
    doubled = blended(ENSEMBLE, TINY, 0.0, 2.0)
    assert doubled.scores["cat"] == pytest.approx(2 * (-1.0 - -0.4))


def test_a_word_a_model_could_not_score_stays_unscorable():
    unscorable = replace(TINY, scores={"cat": -math.inf, "cot": -2.0})
    assert blended(ENSEMBLE, unscorable, 1.0, 1.0).scores["cat"] == -math.inf
