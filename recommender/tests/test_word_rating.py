"""How hard each word proved for learners: the word table learnt at training time."""

import json

import numpy as np
import pytest

from recommender import FEATURES, History, features, simulator, train, word_rating
from recommender.model import StaleModel, from_dict, load
from recommender.tests.test_recommender_core import tiny_words


def readings(counts: dict[str, tuple[int, int]]):
    """Fabricated first readings: word → (read right, read wrong), each expected at even odds."""
    keys, correct = [], []
    for word, (right, wrong) in counts.items():
        keys += [word] * (right + wrong)
        correct += [True] * right + [False] * wrong
    return np.array(keys), np.zeros(len(keys)), np.array(correct)


def test_a_word_everyone_misses_is_rated_harder_than_one_everyone_reads():
    table = word_rating.fit(*readings({"yacht": (0, 40), "cat": (40, 0), "ship": (20, 20)}))
    assert table["yacht"] > 0.5 and table["cat"] < -0.5
    assert table["ship"] == pytest.approx(0.0, abs=1e-6)


def test_a_word_read_by_few_stays_near_the_lexicons_estimate():
    table = word_rating.fit(*readings({"yacht": (0, 40), "gnome": (0, 2), "ship": (20, 20), "cat": (22, 18)}))
    assert 0 < table["gnome"] < table["yacht"] / 2  # two misses say less than forty
    # The more readings, the less the prior holds a word back.
    fewer = word_rating.fit(*readings({"gnome": (0, 2), "ship": (20, 20)}), prior=16)
    assert fewer["gnome"] < table["gnome"]


def test_an_unknown_word_is_rated_0_and_words_are_named_by_their_text():
    words = tiny_words().rated({"ship": 0.8, "cat": -0.3})
    assert words.rating.tolist() == [-0.3, 0.8, 0.0, 0.0]  # bed and frog were never read
    assert tiny_words().rating.tolist() == [0.0] * 4  # no table: the lexicon's estimate alone
    assert word_rating.lookup({"ship": 0.8}, ["Ship", "zebra"]).tolist() == [0.8, 0.0]
    assert word_rating.fit([], [], []) == {}


def test_the_learner_model_reads_the_words_rating():
    words = tiny_words().rated({"ship": 0.8})
    rows = features(History(1, len(words)), words, 0.0, np.array([1]), np.zeros(4, int), np.arange(4))
    assert rows[:, FEATURES.index("word_rating")].tolist() == [0.0, 0.8, 0.0, 0.0]


def test_a_learners_rows_are_never_rated_from_their_own_readings():
    n = 10
    rows = np.zeros((3 * n + 1, len(FEATURES)))  # every row a first reading, expected at even odds
    keys = np.array(["cat"] * n + ["ship"] * n + ["yacht"] * n + ["zap"])
    labels = np.array([True] * n + [False] * n + [False] * n + [False])
    groups = np.concatenate([np.arange(n)] * 3 + [[99]])  # only learner 99 ever read "zap"
    rated = word_rating.out_of_fold(rows, labels, keys, groups, offset=np.zeros(len(keys)), folds=5)
    assert rated[-1] == 0.0  # learner 99's own miss of "zap" does not rate it for them
    assert (rated[:n] < 0).all() and (rated[n : 2 * n] > 0).all()
    everyone = word_rating.from_rows(rows, labels, keys, offset=np.zeros(len(keys)))
    assert everyone["zap"] > 0 and rated[n:-1].max() < everyone["yacht"] + 1e-9


def small_rated_model(words, seed=0):
    world = simulator.word_offsets(words, seed)
    runs = [
        simulator.run(
            words,
            simulator.VARIANTS["typical"],
            policy,
            learners=10,
            attempts=30,
            seed=seed + i,
            log=True,
            id_offset=10 * i,
            word_offset=world,
        )
        for i, policy in enumerate(("fixed order", "random"))
    ]
    rows, judged, _, groups = (np.concatenate(parts) for parts in zip(*(r.log() for r in runs), strict=True))
    keys = np.array(words.texts)[np.concatenate([r.word_index() for r in runs])]
    return train(rows, judged, groups=groups, seed=seed, word_keys=keys)


def test_the_artefact_keeps_the_word_table_and_refuses_the_old_format(tmp_path, caplog):
    trained = small_rated_model(tiny_words())
    assert trained.word_ratings and set(trained.word_ratings) <= {"cat", "ship", "bed", "frog"}
    assert trained.metrics["rated_words"] == len(trained.word_ratings)
    path = tmp_path / "model.json"
    trained.save(path)
    loaded = load(path)
    assert loaded.word_ratings == pytest.approx(trained.word_ratings, abs=1e-4)
    words = tiny_words().rated(loaded.word_ratings)
    rows = features(History(1, len(words)), words, 0.0, np.array([1]), np.zeros(4, int), np.arange(4))
    assert np.allclose(loaded.predict(rows), trained.predict(rows), atol=1e-4)
    old = trained.as_dict() | {"version": 1}
    del old["word_ratings"]
    with pytest.raises(StaleModel):
        from_dict(old)
    (tmp_path / "old.json").write_text(json.dumps(old))
    assert load(tmp_path / "old.json") is None
    assert "rule-based order" in caplog.text


def test_the_simulated_words_hidden_difficulty_is_one_per_world():
    words = tiny_words()
    world = simulator.word_offsets(words, 3)
    assert np.array_equal(world, simulator.word_offsets(words, 3))
    assert not np.array_equal(world, simulator.word_offsets(words, 4))
    rng = np.random.default_rng
    one = simulator.Learners(words, 5, simulator.VARIANTS["typical"], rng(1), word_offset=world)
    two = simulator.Learners(words, 5, simulator.VARIANTS["typical"], rng(2), word_offset=world)
    assert np.array_equal(one.word_difficulty, two.word_difficulty)
    own = simulator.Learners(words, 5, simulator.VARIANTS["typical"], rng(1))
    assert np.array_equal(own.ability, one.ability)  # the same learners either way
    assert not np.array_equal(own.word_difficulty, one.word_difficulty)
