import random
from datetime import UTC, datetime, timedelta

import fsrs
import numpy as np
import pytest

from recommender import FEATURES, History, LearnerModel, Words, choose, features, memory, simulator, train
from recommender.model import StaleModel, from_dict, load
from recommender.patterns import SKILLS, mistake_patterns, word_patterns

SKILL = {name: i for i, name in enumerate(SKILLS)}


def tiny_words() -> Words:
    return Words.build(
        [
            (1, "cat", 1, 2.0, 1, ["K", "AE1", "T"]),
            (2, "ship", 1, 3.0, 1, ["SH", "IH1", "P"]),
            (3, "bed", 1, 3.5, 1, ["B", "EH1", "D"]),
            (4, "frog", 2, 4.0, 1, ["F", "R", "AA1", "G"]),
        ]
    )


def test_fsrs_on_arrays_agrees_with_py_fsrs():
    scheduler = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for _ in range(50):
        card, t, times, results = fsrs.Card(), 0.0, [], []
        for _ in range(rng.randint(1, 10)):
            t += rng.choice([1 / 64, 0.375, 1.5, 4.25, 12.0])  # exact in binary: no rounding at day edges
            right = rng.random() < 0.7
            rating = fsrs.Rating.Good if right else fsrs.Rating.Again
            card, _ = scheduler.review_card(card, rating, start + timedelta(days=t))
            times.append(t)
            results.append(right)
        stability, difficulty = memory.replay(times, results)
        assert stability == pytest.approx(card.stability, rel=1e-9)
        assert difficulty == pytest.approx(card.difficulty, rel=1e-9)


def test_it_finds_the_patterns_of_words_and_of_mistakes():
    assert {"shch", "short_vowel"} <= word_patterns("ship", ("SH", "IH1", "P"))
    assert "bd" in word_patterns("bed", ("B", "EH1", "D"))
    assert "blend" in word_patterns("frog", ("F", "R", "AA1", "G"))
    assert mistake_patterns("dig", "big", [], ["D", "IH1", "G"]) == ["bd"]
    assert mistake_patterns("was", "saw", [], []) == ["reversal"]


def test_it_rates_decoding_on_first_readings_only():
    words = tiny_words()
    history = History(2, len(words))
    nothing = np.zeros((1, len(SKILLS)), bool)
    # Learner 0 reads three new words right; learner 1 reads them wrong.
    for w in range(3):
        for learner, right in ((0, True), (1, False)):
            history.observe(
                [learner],
                [w],
                float(w),
                [right],
                nothing,
                words.patterns[[w]],
                difficulty=words.difficulty[[w]],
            )
    assert history.decoding[0] > 0 > history.decoding[1]
    rating = history.decoding.copy()
    # Reading a word again is remembering it as much as decoding it: the rating stays.
    history.observe([0], [0], 5.0, [False], nothing, words.patterns[[0]], difficulty=words.difficulty[[0]])
    assert history.decoding[0] == rating[0]
    column = FEATURES.index("decoding")
    rows = features(history, words, 6.0, np.array([2, 2]), np.array([[0], [1]]), np.array([[3]]))
    assert rows[0, 0, column] > rows[1, 0, column]


def test_it_notices_a_learner_who_remembers_worse_than_fsrs_expects():
    words = tiny_words()
    history = History(1, len(words))
    nothing = np.zeros((1, len(SKILLS)), bool)
    history.observe([0], [0], 0.0, [True], nothing, words.patterns[[0]])
    assert history.surprise[0] == 0  # a first reading says nothing about memory
    history.observe([0], [0], 1.0, [False], nothing, words.patterns[[0]])  # FSRS expected ~0.97
    assert history.surprise[0] < -0.1


def test_it_counts_how_often_the_learner_practised_a_words_patterns():
    words = tiny_words()
    history = History(1, len(words))
    nothing = np.zeros((1, len(SKILLS)), bool)
    for day in range(3):
        history.observe([0], [0], float(day), [True], nothing, words.patterns[[0]])  # cat, three times
    history.observe([0], [1], 3.0, [False], nothing, words.patterns[[1]])  # ship, once
    bed = words.patterns[2]
    counts = 3 * words.patterns[0] + words.patterns[1]  # readings of words with each pattern
    assert bed.any() and (counts[bed] > 0).any()
    row = dict(zip(FEATURES, features(history, words, 4.0, np.array([1]), 0, 2), strict=True))
    assert row["pattern_practice"] == pytest.approx(np.log1p(counts[bed].mean()))
    fresh = dict(
        zip(FEATURES, features(History(1, len(words)), words, 4.0, np.array([1]), 0, 2), strict=True)
    )
    assert fresh["pattern_practice"] == 0


def test_features_on_fabricated_attempts_have_the_known_answers():
    words = tiny_words()
    history = History(1, len(words))
    missed = np.zeros((1, len(SKILLS)), bool)
    missed[0, SKILL["shch"]] = True
    # ship wrong (sh missed) on day 10, then right on day 12; cat right on day 12.
    history.observe([0], [1], 10.0, [False], missed, words.patterns[[1]])
    history.observe([0], [1], 12.0, [True], np.zeros_like(missed), words.patterns[[1]])
    history.observe([0], [0], 12.0, [True], np.zeros_like(missed), words.patterns[[0]])
    row = dict(zip(FEATURES, features(history, words, 15.0, np.array([1]), 0, 1), strict=True))
    assert row["seen"] == 1 and row["word_accuracy"] == pytest.approx((1 + 1) / (2 + 2))
    assert row["last_result"] == 1
    assert row["log_days_since_seen"] == pytest.approx(np.log1p(3.0))
    assert row["log_hours_since_seen"] == pytest.approx(np.log1p(72.0))
    assert row["missed_today"] == 0
    assert row["log_days_away"] == pytest.approx(np.log1p(3.0))
    assert row["log_attempts"] == pytest.approx(np.log1p(3))
    assert row["missed_overlap"] == pytest.approx(np.log1p(0.9))  # one miss, decayed once since
    stability, _ = memory.replay([10.0, 12.0], [False, True])
    recall = memory.retrievability(stability, 3.0)
    assert row["recall_logit"] == pytest.approx(np.log(recall / (1 - recall)))
    assert row["recall_logit_now"] == row["recall_logit"]  # whole days: the two curves agree
    fresh = History(1, len(words))
    fresh.observe([0], [1], 10.0, [False], missed, words.patterns[[1]])
    row = dict(zip(FEATURES, features(fresh, words, 10.1, np.array([1]), 0, 1), strict=True))
    assert row["missed_today"] == 1 and row["log_hours_since_seen"] == pytest.approx(np.log1p(2.4))
    unseen = dict(zip(FEATURES, features(history, words, 15.0, np.array([1]), 0, 3), strict=True))
    assert unseen["seen"] == 0 and unseen["level_gap"] == 1 and unseen["recall_logit"] == 0


def open_only_level_one(words):
    return (words.level == 1)[None, :]


def test_it_never_picks_a_word_from_a_locked_level():
    words = tiny_words()
    history = History(1, len(words))
    for step in range(30):
        chosen, (pick,) = choose(
            history,
            words,
            float(step),
            open_words=open_only_level_one(words),
            focus_level=np.array([1]),
            learner_level=np.array([1]),
            after=np.array([-1]),
        )
        assert words.level[chosen[0]] == 1 and pick.explain()
        history.observe(
            [0],
            chosen,
            float(step),
            [step % 2 == 0],
            np.zeros((1, len(SKILLS)), bool),
            words.patterns[chosen],
        )


def test_a_mastered_word_comes_back_for_review_when_due():
    words = tiny_words()
    history = History(1, len(words))
    nothing = np.zeros((1, len(SKILLS)), bool)
    history.observe([0], [0], 0.0, [True], nothing, words.patterns[[0]])  # cat mastered on day 0
    history.observe([0], [1], 30.0, [False], nothing, words.patterns[[1]])
    kwargs = dict(
        open_words=open_only_level_one(words), focus_level=np.array([1]), learner_level=np.array([1])
    )
    # Two readings so far: the third is a review turn, and cat's recall is long below 90 %.
    chosen, (pick,) = choose(history, words, 30.01, after=np.array([1]), **kwargs)
    assert chosen[0] == 0 and pick.reason == "review"
    assert "remember" in pick.explain()
    # Right after practising it, it is not due and new words come first.
    history.observe([0], [0], 30.02, [True], nothing, words.patterns[[0]])
    history.observe([0], [1], 30.03, [True], nothing, words.patterns[[1]])
    history.observe([0], [2], 30.04, [True], nothing, words.patterns[[2]])
    chosen, (pick,) = choose(history, words, 30.05, after=np.array([2]), **kwargs)
    assert pick.reason != "review"


def test_the_simulation_is_deterministic_with_a_seed():
    words = tiny_words()
    first = simulator.run(words, simulator.VARIANTS["typical"], "random", learners=5, attempts=12, seed=3)
    again = simulator.run(words, simulator.VARIANTS["typical"], "random", learners=5, attempts=12, seed=3)
    other = simulator.run(words, simulator.VARIANTS["typical"], "random", learners=5, attempts=12, seed=4)
    assert np.array_equal(first.retained, again.retained) and np.array_equal(first.mastered, again.mastered)
    assert not (
        np.array_equal(first.mastered, other.mastered) and np.array_equal(first.retained, other.retained)
    )


def test_with_few_real_readings_the_model_trains_on_every_kind_of_learner(monkeypatch):
    cohorts = []
    run = simulator.run

    def recorded(words, variant, policy, **options):
        cohorts.append((variant.name, policy))
        return run(words, variant, policy, **options)

    monkeypatch.setattr(simulator, "run", recorded)
    words = tiny_words()
    rows, judged, groups, texts = simulator.training_readings(
        words, learners=3, attempts=6, first_seed=1, world=simulator.word_offsets(words, 1)
    )
    assert {variant for variant, _ in cohorts} == set(
        simulator.VARIANTS
    )  # slow learners, fast forgetters too
    assert {policy for _, policy in cohorts} == set(simulator.POLICIES)
    assert len(rows) == len(judged) == len(groups) == len(texts) == 3 * 3 * 6
    assert len(set(groups)) == 9  # each cohort's learners are their own


def small_model(words, seed=0):
    runs = [
        simulator.run(
            words,
            simulator.VARIANTS["typical"],
            p,
            learners=10,
            attempts=30,
            seed=seed + i,
            log=True,
            id_offset=10 * i,
        ).log()
        for i, p in enumerate(("fixed order", "random"))
    ]
    rows, judged, _, groups = (np.concatenate(parts) for parts in zip(*runs, strict=True))
    return train(rows, judged, groups=groups, seed=seed)


def test_the_model_saves_and_loads_and_refuses_a_stale_artefact(tmp_path, caplog):
    trained = small_model(tiny_words())
    path = tmp_path / "model.json"
    trained.save(path)
    loaded = load(path)
    rows = np.ones((2, len(FEATURES)))
    assert np.allclose(loaded.predict(rows), trained.predict(rows), atol=1e-4)  # saved to 6 places
    assert {"auc", "brier", "attempts"} <= set(loaded.metrics)
    stale = trained.as_dict() | {"features": FEATURES[:-1]}
    with pytest.raises(StaleModel):
        from_dict(stale)
    with pytest.raises(StaleModel):  # an artefact of another format
        from_dict(trained.as_dict() | {"version": trained.version + 1})
    assert load(tmp_path / "missing.json") is None
    assert "rule-based order" in caplog.text


def test_a_word_is_shown_mastered_only_while_its_last_reading_was_right_and_it_is_not_due():
    from recommender import mastery

    ever = np.array([True, True, True, False, False])
    last_right = np.array([1, -1, 1, -1, 0])
    recall = np.array([0.95, 0.97, 0.6, 0.5, 0.0])
    seen = np.array([3, 2, 4, 1, 0])
    assert mastery.standing(ever, last_right, recall, seen).tolist() == [
        mastery.MASTERED,
        mastery.REVIEW,
        mastery.REVIEW,
        mastery.LEARNING,
        mastery.NEW,
    ]
    assert mastery.secure(ever, last_right).tolist() == [True, False, True, False, False]


def constant_model(chance: float) -> LearnerModel:
    """A learner model that gives every word the same chance of a right reading."""
    n = len(FEATURES)
    return LearnerModel(
        tuple(FEATURES), np.zeros(n), np.ones(n), np.zeros(n), float(np.log(chance / (1 - chance)))
    )


def read_level_one_twice(words, history, *, then_cat_wrong: bool):
    nothing = np.zeros((1, len(SKILLS)), bool)
    for step in range(6):  # day 0: cat, ship, bed, twice, all right
        w = step % 3
        history.observe([0], [w], step * 0.01, [True], nothing, words.patterns[[w]])
    # day 1: cat (wrong or right), then ship right: eight readings, the next is a review turn
    history.observe([0], [0], 1.0, [not then_cat_wrong], nothing, words.patterns[[0]])
    history.observe([0], [1], 1.01, [True], nothing, words.patterns[[1]])


def test_a_word_shown_as_time_to_review_comes_back_as_a_review():
    words = tiny_words()
    history = History(1, len(words))
    read_level_one_twice(words, history, then_cat_wrong=True)
    kwargs = dict(
        open_words=open_only_level_one(words), focus_level=np.array([1]), learner_level=np.array([1])
    )
    chosen, (pick,) = choose(history, words, 1.02, after=np.array([1]), model=constant_model(0.9), **kwargs)
    assert chosen[0] == 0 and pick.reason == "review"
    assert pick.explain() == "Time to check you still remember this word."


def test_a_mastered_word_the_model_doubts_is_checked_and_one_it_trusts_is_not():
    words = tiny_words()
    kwargs = dict(
        open_words=open_only_level_one(words),
        focus_level=np.array([1]),
        learner_level=np.array([1]),
        after=np.array([1]),
    )
    history = History(1, len(words))
    read_level_one_twice(words, history, then_cat_wrong=False)
    _, (doubted,) = choose(history, words, 1.02, model=constant_model(0.5), **kwargs)
    _, (trusted,) = choose(history, words, 1.02, model=constant_model(0.95), **kwargs)
    assert doubted.reason == "review" and "remember" in doubted.explain()
    assert trusted.reason == "weakest" and "keep it fresh" in trusted.explain()


def test_the_simulated_judge_errs_at_the_rates_it_is_given():
    words = tiny_words()

    def verdicts(judge):
        run = simulator.run(
            words,
            simulator.VARIANTS["typical"],
            "random",
            learners=200,
            attempts=20,
            seed=5,
            log=True,
            judge=judge,
        )
        _, judged, truly, _ = run.log()
        return judged, truly

    judged, truly = verdicts(simulator.Judge(accepts_right=1.0, rejects_wrong=1.0))
    assert (judged == truly).all()
    judged, truly = verdicts(simulator.Judge(accepts_right=0.6, rejects_wrong=0.8))
    assert judged[truly].mean() == pytest.approx(0.6, abs=0.03)
    assert (~judged[~truly]).mean() == pytest.approx(0.8, abs=0.03)
    # By default, the speech benchmark's real voices (held-out half).
    assert simulator.Judge(accepts_right=0.967, rejects_wrong=0.910) == simulator.JUDGE
