"""Predicted difficulty: the trained model when there is one, the rule of thumb when not."""

import pytest
from django.core.management import call_command

from dynamic import difficulty

TINY = [
    ("cat", 1), ("map", 1), ("bag", 1), ("hat", 1),
    ("ship", 6), ("shop", 6), ("fish", 6), ("chip", 6),
    ("rabbit", 10), ("kitten", 10), ("basket", 10), ("pencil", 10),
]  # fmt: skip


def test_a_missing_or_broken_artefact_loads_as_none(tmp_path):
    assert difficulty.load.__wrapped__(tmp_path) is None
    (tmp_path / "model.pkl").write_bytes(b"not a pickle")
    assert difficulty.load.__wrapped__(tmp_path) is None


def test_the_fallback_gives_a_level_and_no_probability(monkeypatch):
    monkeypatch.setattr(difficulty, "load", lambda: None)
    prediction = difficulty.predict("butterfly")
    assert prediction.source == "estimate" and prediction.probability is None
    assert 1 <= prediction.level <= 10


def test_a_tiny_trained_model_places_words_by_their_features():
    model = difficulty.train(TINY)
    assert difficulty.predict("pan", model=model).level == 1
    assert difficulty.predict("shed", model=model).level == 6
    long_word = difficulty.predict("garden", model=model)
    assert long_word.level == 10 and long_word.source == "model" and 0 < long_word.probability <= 100


def test_features_are_offline_and_complete():
    values = difficulty.features("butterfly")
    assert set(values) == set(difficulty.FEATURES)
    assert values["syllables"] == 3 and values["confusable_letters"] == 1
    assert values["concreteness"] > 4  # a butterfly is a thing you can see


def test_train_difficulty_saves_the_model_and_its_metrics(tmp_path, monkeypatch):
    monkeypatch.setattr(difficulty, "MODEL_DIR", tmp_path)
    monkeypatch.setattr(difficulty, "curriculum_words", lambda: TINY * 3)
    monkeypatch.setattr(
        difficulty, "evaluate", lambda words: {"results": {"model": {"accuracy": 1, "within_one": 1}}}
    )
    original_save = difficulty.save
    monkeypatch.setattr(difficulty, "save", lambda model, metrics: original_save(model, metrics, tmp_path))
    call_command("train_difficulty")
    assert (tmp_path / "model.pkl").exists() and (tmp_path / "metrics.json").exists()
    difficulty.load.cache_clear()
    assert difficulty.load(tmp_path) is not None
    difficulty.load.cache_clear()


@pytest.mark.slow
def test_held_out_evaluation_beats_both_baselines():
    figures = difficulty.evaluate(folds=3)["results"]
    assert figures["model"]["accuracy"] > figures["length only"]["accuracy"]
    assert figures["model"]["accuracy"] > figures["frequency only"]["accuracy"]
