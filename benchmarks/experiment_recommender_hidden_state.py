"""EXPERIMENT (issue 15): how much of the success model's gap to the ceiling is missing information.

    .venv/bin/python benchmarks/experiment_recommender_hidden_state.py [--learners 100 --seed 51000]

Not a benchmark and not used by the app: a measurement for whoever next tries to raise the
success model's AUC. It logs, beside every reading's 25 features, three pieces of the
simulated learner's hidden state at that moment — the true decoding log-odds without pattern
skill (ability − the word's true difficulty), the true skill in the word's weakest pattern and
the true memory log-odds (ACT-R activation) — then fits the shipped kind of model (a
standardised logistic regression, ``recommender.train`` with word ratings) with each added as
one more column, on the same training readings (the tuning seeds' training cohorts) and the
same held-out readings (the recommender's, all three variants), so only the columns differ.

Measured (tuning seeds 51 000, 100 learners, real voices' judge), AUC against true readings
(all / first readings / re-readings): the 25 features 0.745 / 0.725 / 0.631; + true decoding
0.749 / 0.742 / 0.632; + true weakest skill 0.748 / 0.740 / 0.630; + true memory 0.745 /
0.725 / 0.633; + all three 0.757 / 0.771 / 0.635; the simulator's own chance 0.777 / 0.773 /
0.676. Knowing any single hidden piece exactly adds at most 0.005 to a linear model, so a
better estimate of one of them cannot be worth more; the rest of the gap is the simulator's
shape (decoded OR recalled, the weakest pattern's minimum), which a linear model on these
features does not have.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.recommender import curriculum_words  # noqa: E402
from recommender import FEATURES, simulator  # noqa: E402
from recommender.model import auc, train  # noqa: E402

HIDDEN = []  # one (n, 3) block per logged step, in the order the runs log their readings
COHORT = {}
_init = simulator.Learners.__init__
_features = simulator.features


def _remember_cohort(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    COHORT["now"] = self


def _features_and_hidden_state(history, words, now, learner_level, li, wi):
    """The logged features, and beside them the cohort's hidden state for the same readings."""
    cohort = COHORT["now"]
    patterns = cohort.words.patterns[wi]
    weakest = np.where(patterns, cohort.skill[li], np.inf).min(-1)
    weakest = np.where(np.isinf(weakest), 0.0, weakest)
    v = cohort.variant
    memory = np.clip(v.memory_scale * (cohort._activation(now, li, wi) - v.threshold), -10, 10)
    HIDDEN.append(np.stack([cohort.ability[li] - cohort.word_difficulty[wi], weakest, memory], -1))
    return _features(history, words, now, learner_level, li, wi)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--attempts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=51_000)
    args = parser.parse_args(argv)
    simulator.Learners.__init__ = _remember_cohort
    simulator.features = _features_and_hidden_state
    try:
        words = curriculum_words()
        world = simulator.word_offsets(words, args.seed)
        rows, judged, groups, texts = simulator.training_readings(
            words, learners=args.learners, attempts=args.attempts, first_seed=args.seed + 100, world=world
        )
        hidden_train = np.concatenate(HIDDEN)
        HIDDEN.clear()
        model = train(rows.copy(), judged, groups=groups, seed=args.seed, word_keys=texts)
        runs = [
            simulator.run(
                words.rated(model.word_ratings),
                variant,
                "recommender",
                learners=args.learners,
                attempts=args.attempts,
                seed=args.seed,
                model=model,
                log=True,
                word_offset=world,
            )
            for variant in simulator.VARIANTS.values()
        ]
        hidden = np.concatenate(HIDDEN)
    finally:
        simulator.Learners.__init__ = _init
        simulator.features = _features
    held_out, _, truly, _ = (np.concatenate(parts) for parts in zip(*(r.log() for r in runs), strict=True))
    chance = np.concatenate([np.concatenate(r.chance) for r in runs])
    first = held_out[:, FEATURES.index("seen")] == 0

    def scores(p):
        return [
            round(auc(truly, p), 4),
            round(auc(truly[first], p[first]), 4),
            round(auc(truly[~first], p[~first]), 4),
        ]

    figures = {"ceiling": scores(chance)}
    added = {"features": [], "+ true decoding": [0], "+ true weakest skill": [1], "+ true memory": [2]}
    for label, columns in (added | {"+ all three": [0, 1, 2]}).items():
        fitted = train(
            np.c_[rows, hidden_train[:, columns]], judged, groups=groups, seed=args.seed, word_keys=texts
        )
        figures[label] = scores(fitted.predict(np.c_[held_out, hidden[:, columns]]))
    print(f"{'AUC, true readings':<22} {'all':>7} {'first':>7} {'again':>7}")
    for label, (every, once, again) in figures.items():
        print(f"{label:<22} {every:>7.4f} {once:>7.4f} {again:>7.4f}")
    return figures


if __name__ == "__main__":
    main()
