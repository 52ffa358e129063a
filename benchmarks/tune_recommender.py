"""Tuning the recommender's policy on simulated learners that the benchmark never sees.

    .venv/bin/python benchmarks/tune_recommender.py [--learners 100 --attempts 300]

The benchmark (``benchmarks/recommender.py``) evaluates on seed 2024 and trains its
success model on seeds 2124–2126. Tuning uses other seeds (``TUNING_SEED`` for the
cohort, ``TUNING_SEED`` + 100… for its own success model), so nothing is tuned on
the evaluation learners. Each candidate setting of the policy is run in all three
variants against fixed order; the table shows retained at +7 days per 100 readings
and false mastery, and the success model's AUC on the recommender's readings (all
variants pooled) against the judge and against the true readings, with the true
readings' AUC on first readings and on re-readings apart, each beside the ceiling (the
simulator's own chance). The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.recommender import add_judge_arguments, trained_world  # noqa: E402
from recommender import FEATURES, policy, simulator  # noqa: E402
from recommender.model import auc  # noqa: E402

TUNING_SEED = 51_000


def success_figures(model, runs) -> dict:
    """AUC of ``model`` on the logged readings of ``runs``, against the judge and the true readings."""
    rows, judged, truly, _ = (np.concatenate(parts) for parts in zip(*(r.log() for r in runs), strict=True))
    chance = np.concatenate([np.concatenate(r.chance) for r in runs])
    ceiling = np.concatenate([r.ceiling() for r in runs])
    predicted = model.predict(rows)
    first = rows[:, FEATURES.index("seen")] == 0
    return {
        "auc_judge": round(auc(judged, predicted), 4),
        "ceiling_judge": round(auc(judged, ceiling), 4),
        "auc_true": round(auc(truly, predicted), 4),
        "ceiling_true": round(auc(truly, chance), 4),
        "auc_true_first": round(auc(truly[first], predicted[first]), 4),
        "ceiling_true_first": round(auc(truly[first], chance[first]), 4),
        "auc_true_again": round(auc(truly[~first], predicted[~first]), 4),
        "ceiling_true_again": round(auc(truly[~first], chance[~first]), 4),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--attempts", type=int, default=300)
    parser.add_argument("--set", action="append", default=[], help="NAME=v1,v2,… a policy constant to try")
    parser.add_argument("--seed", type=int, default=TUNING_SEED, help="another set of tuning seeds")
    parser.add_argument(
        "--without-word-rating", action="store_true", help="learn no table of word ratings (every word 0)"
    )
    add_judge_arguments(parser)
    args = parser.parse_args(argv)
    judge = simulator.Judge(args.judge_accepts_right, args.judge_rejects_wrong)
    words, world, model = trained_world(args, judge)
    grid = [{}]
    for item in args.set:
        name, values = item.split("=")
        grid = [g | {name: float(v)} for g in grid for v in values.split(",")]
    figures = {}
    fixed = {
        name: simulator.run(
            words,
            variant,
            "fixed order",
            learners=args.learners,
            attempts=args.attempts,
            seed=args.seed,
            judge=judge,
            word_offset=world,
        )
        for name, variant in simulator.VARIANTS.items()
    }
    defaults = {name: getattr(policy, name) for g in grid for name in g}
    for setting in grid:
        for name, value in setting.items():
            setattr(policy, name, type(defaults[name])(value))
        gains, runs = [], []
        for name, variant in simulator.VARIANTS.items():
            run = simulator.run(
                words,
                variant,
                "recommender",
                learners=args.learners,
                attempts=args.attempts,
                seed=args.seed,
                model=model,
                log=True,
                judge=judge,
                word_offset=world,
            )
            runs.append(run)
            base = fixed[name].per_100(fixed[name].retained).mean()
            gains.append(
                (
                    round(100 * (run.per_100(run.retained).mean() / base - 1), 1),
                    round(100 * run.false_mastery, 1),
                )
            )
        fit = success_figures(model, runs)
        label = ",".join(f"{k}={v}" for k, v in setting.items()) or "current"
        print(f"{label:<40} " + "  ".join(f"{g:+6.1f}% fm {f:5.1f}%" for g, f in gains), flush=True)
        print(f"{'':<40} " + " ".join(f"{k} {v}" for k, v in fit.items()), flush=True)
        figures[label] = {"gains": gains, "success_model": fit}
    for name, value in defaults.items():
        setattr(policy, name, value)
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
