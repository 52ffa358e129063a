"""Tuning the recommender's policy on simulated learners that the benchmark never sees.

    .venv/bin/python benchmarks/tune_recommender.py [--learners 100 --attempts 300]

The benchmark (``benchmarks/recommender.py``) evaluates on seed 2024 and trains its
success model on seeds 2124–2126. Tuning uses other seeds (``TUNING_SEED`` for the
cohort, ``TUNING_SEED`` + 100… for its own success model), so nothing is tuned on
the evaluation learners. Each candidate setting of the policy is run in all three
variants against fixed order; the table shows retained at +7 days per 100 readings
and false mastery. The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.recommender import curriculum_words  # noqa: E402
from recommender import policy, simulator, train  # noqa: E402

TUNING_SEED = 51_000


def success_model(words, learners, attempts):
    batches = [
        simulator.run(
            words,
            simulator.VARIANTS["typical"],
            name,
            learners=learners,
            attempts=attempts,
            seed=TUNING_SEED + 100 + i,
            log=True,
            id_offset=i * learners,
        ).log()
        for i, name in enumerate(simulator.POLICIES)
    ]
    rows, judged, _, groups = (np.concatenate(parts) for parts in zip(*batches, strict=True))
    return train(rows, judged, groups=groups, seed=TUNING_SEED)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--attempts", type=int, default=300)
    parser.add_argument("--set", action="append", default=[], help="NAME=v1,v2,… a policy constant to try")
    args = parser.parse_args(argv)
    words = curriculum_words()
    model = success_model(words, args.learners, args.attempts)
    grid = [{}]
    for item in args.set:
        name, values = item.split("=")
        grid = [g | {name: float(v)} for g in grid for v in values.split(",")]
    figures = {}
    fixed = {
        name: simulator.run(
            words, variant, "fixed order", learners=args.learners, attempts=args.attempts, seed=TUNING_SEED
        )
        for name, variant in simulator.VARIANTS.items()
    }
    defaults = {name: getattr(policy, name) for g in grid for name in g}
    for setting in grid:
        for name, value in setting.items():
            setattr(policy, name, type(defaults[name])(value))
        gains = []
        for name, variant in simulator.VARIANTS.items():
            run = simulator.run(
                words,
                variant,
                "recommender",
                learners=args.learners,
                attempts=args.attempts,
                seed=TUNING_SEED,
                model=model,
            )
            base = fixed[name].per_100(fixed[name].retained).mean()
            gains.append(
                (
                    round(100 * (run.per_100(run.retained).mean() / base - 1), 1),
                    round(100 * run.false_mastery, 1),
                )
            )
        label = ",".join(f"{k}={v}" for k, v in setting.items()) or "current"
        print(f"{label:<40} " + "  ".join(f"{g:+6.1f}% fm {f:5.1f}%" for g, f in gains), flush=True)
        figures[label] = gains
    for name, value in defaults.items():
        setattr(policy, name, value)
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
