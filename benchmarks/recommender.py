"""The recommender against fixed curriculum order and random order, on simulated learners.

    .venv/bin/python benchmarks/recommender.py                 # 200 learners × 300 readings: a few minutes
    .venv/bin/python benchmarks/recommender.py --learners 20 --attempts 60   # smoke size
    .venv/bin/python benchmarks/recommender.py --judge-accepts-right 0.625 --judge-rejects-wrong 0.789

Simulated learners (``recommender.simulator``: power-law memory with the spacing
effect, per-pattern skill, slips, guesses and a judge that errs at the speech
benchmark's rates: by default its real voices' held-out figures, ``simulator.JUDGE``;
``--judge-accepts-right`` / ``--judge-rejects-wrong`` set others, e.g. its synthetic
voices' 0.625 / 0.789) read the real starter curriculum. The words' hidden difficulty
(what ``lexicon``'s estimate misses) is one draw for the whole run, as real words are
the same for every learner. The success model and its table of word ratings are learnt
from a separate cohort (other seeds) and never from the evaluation cohort's readings,
then every policy runs the same learners (same seed) with the same budget of readings;
differences are paired per learner with 95 % confidence intervals (normal approximation).

Metrics, per 100 readings: words mastered once; words still read (chance ≥ 0.5)
7 days after the last session; words shown as mastered at the end
(``recommender.mastery``, the app's rule). False mastery: the pooled share of words
shown as mastered that the learner no longer reads (chance < 0.5) at the end, and
the same share under the old rule (every word mastered once shown). Held-out AUC
and Brier score of the success model on the evaluation cohort's readings under the
recommender, against the judge's verdicts (what the model can learn from) and
against the true readings; and the ceiling: the same scores for the simulator's own
chance of each reading (as the judge would accept it, against the judge; as it is,
against the true readings), what a model that knew every simulated learner exactly
would reach.

The last line printed is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import lexicon  # noqa: E402
from recommender import Words, model, simulator, train  # noqa: E402

CURRICULUM = Path(__file__).resolve().parents[1] / "learning" / "curriculum" / "starter.json"


def curriculum_words() -> Words:
    levels = json.loads(CURRICULUM.read_text())["levels"]
    rows = []
    for level in levels:
        for entry in level["words"]:
            info = lexicon.lookup(entry["text"])
            rows.append(
                (
                    len(rows),
                    entry["text"],
                    level["order"],
                    info.difficulty,
                    len(info.syllables),
                    info.phonemes,
                )
            )
    return Words.build(rows)


def add_judge_arguments(parser: argparse.ArgumentParser) -> None:
    """The simulated judge's rates (default: the speech benchmark's real voices, held-out half)."""
    parser.add_argument(
        "--judge-accepts-right",
        type=float,
        default=simulator.JUDGE.accepts_right,
        help="share of right readings the simulated judge accepts",
    )
    parser.add_argument(
        "--judge-rejects-wrong",
        type=float,
        default=simulator.JUDGE.rejects_wrong,
        help="share of wrong readings the simulated judge rejects",
    )


def success_model(words, *, learners, attempts, seed, judge, world, word_rating=True):
    """The success model, trained on a cohort of each kind of learner (seeds ``seed`` + 100, 101,
    102), each under another policy (``simulator.TRAINING_COHORTS``), with the table of word
    ratings learnt from their readings."""
    rows, judged, groups, texts = simulator.training_readings(
        words, learners=learners, attempts=attempts, first_seed=seed + 100, world=world, judge=judge
    )
    keys = texts if word_rating else None
    return train(rows, judged, groups=groups, seed=seed, word_keys=keys)


def trained_world(args, judge):
    """One simulated world for ``args`` (seed, learners, attempts, --without-word-rating): its
    hidden word difficulty, the success model learnt from its training cohorts, and the words
    with that model's ratings (learnt from the training cohorts' readings only).

    One world because a word's hidden difficulty (what the lexicon's estimate misses) is the
    same for the cohort the model learns from and the one it is evaluated on."""
    words = curriculum_words()
    world = simulator.word_offsets(words, args.seed)
    model = success_model(
        words,
        learners=args.learners,
        attempts=args.attempts,
        seed=args.seed,
        judge=judge,
        world=world,
        word_rating=not args.without_word_rating,
    )
    return words.rated(model.word_ratings), world, model


def paired(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Mean of a − b and its 95 % confidence interval."""
    diff = a - b
    half = 1.96 * diff.std(ddof=1) / np.sqrt(len(diff)) if len(diff) > 1 else float("nan")
    return float(diff.mean()), float(diff.mean() - half), float(diff.mean() + half)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2024)
    add_judge_arguments(parser)
    parser.add_argument(
        "--without-word-rating",
        action="store_true",
        help="learn no table of word ratings (every word's rating 0): the model before it",
    )
    args = parser.parse_args(argv)
    judge = simulator.Judge(args.judge_accepts_right, args.judge_rejects_wrong)
    # The word ratings reach the policy and the logged features through the words.
    words, world, learner_model = trained_world(args, judge)

    figures: dict = {
        "learners": args.learners,
        "attempts": args.attempts,
        "judge": {"accepts_right": judge.accepts_right, "rejects_wrong": judge.rejects_wrong},
        "rated_words": len(learner_model.word_ratings),
    }
    print(
        f"simulated judge: accepts {100 * judge.accepts_right:.1f} % of right readings, "
        f"rejects {100 * judge.rejects_wrong:.1f} % of wrong ones"
    )
    print(
        f"{'variant':<16} {'policy':<12} {'mastered/100':>12} {'retained+7d/100':>16} "
        f"{'shown/100':>10} {'false mastery':>14} {'(once rule)':>12}"
    )
    held_out = []
    for name, variant in simulator.VARIANTS.items():
        runs = {}
        for policy in simulator.POLICIES:
            runs[policy] = simulator.run(
                words,
                variant,
                policy,
                learners=args.learners,
                attempts=args.attempts,
                seed=args.seed,
                model=learner_model,
                log=policy == "recommender",
                judge=judge,
                word_offset=world,
            )
            run = runs[policy]
            print(
                f"{name:<16} {policy:<12} {run.per_100(run.mastered).mean():>12.1f} "
                f"{run.per_100(run.retained).mean():>16.1f} {run.per_100(run.shown).mean():>10.1f} "
                f"{100 * run.false_mastery:>13.1f}% {100 * run.false_mastery_if_once_shown:>11.1f}%"
            )
        rec = runs["recommender"]
        chance = np.concatenate(rec.chance) if rec.chance else np.zeros(0)
        held_out.append((*rec.log(), rec.ceiling(), chance))
        key = name.replace(" ", "_")
        fixed, rec = runs["fixed order"], runs["recommender"]
        gain, low, high = paired(rec.per_100(rec.retained), fixed.per_100(fixed.retained))
        base = fixed.per_100(fixed.retained).mean()
        figures[key] = {
            policy: {
                "mastered_per_100": round(float(run.per_100(run.mastered).mean()), 2),
                "retained_7d_per_100": round(float(run.per_100(run.retained).mean()), 2),
                "shown_mastered_per_100": round(float(run.per_100(run.shown).mean()), 2),
                "false_mastery": round(run.false_mastery, 4),
                "false_mastery_once_rule": round(run.false_mastery_if_once_shown, 4),
            }
            for policy, run in runs.items()
        }
        figures[key]["retained_gain_vs_fixed_percent"] = round(100 * gain / base, 1) if base else None
        figures[key]["retained_gain_vs_fixed_ci95_per_100"] = [round(low, 2), round(high, 2)]
        print(
            f"{'':<16} recommender − fixed order, retained +7d per 100: {gain:+.1f} "
            f"(95 % CI {low:+.1f} to {high:+.1f}; {100 * gain / base if base else float('nan'):+.0f} %)"
        )

    rows, judged, truly, _, ceiling, chance = (np.concatenate(parts) for parts in zip(*held_out, strict=True))
    predicted = learner_model.predict(rows)
    figures["success_model"] = {
        "held_out_auc": round(model.auc(judged, predicted), 4),
        "held_out_brier": round(model.brier(judged, predicted), 4),
        "held_out_auc_true_readings": round(model.auc(truly, predicted), 4),
        "held_out_brier_true_readings": round(model.brier(truly, predicted), 4),
        "held_out_attempts": int(len(judged)),
        # What a model that knew each simulated learner exactly would score against the judge.
        "ceiling_auc": round(model.auc(judged, ceiling), 4),
        "ceiling_brier": round(model.brier(judged, ceiling), 4),
        # The same model against the true readings: the simulator's own chance of each.
        "ceiling_auc_true_readings": round(model.auc(truly, chance), 4),
        "ceiling_brier_true_readings": round(model.brier(truly, chance), 4),
    }
    fit = figures["success_model"]
    print(
        f"success model, held-out readings: AUC {fit['held_out_auc']} / Brier {fit['held_out_brier']} "
        f"against the judge; AUC {fit['held_out_auc_true_readings']} / Brier "
        f"{fit['held_out_brier_true_readings']} against true readings; a model knowing each simulated "
        f"learner exactly: AUC {fit['ceiling_auc']} / Brier {fit['ceiling_brier']} against the judge, "
        f"{fit['ceiling_auc_true_readings']} / {fit['ceiling_brier_true_readings']} against true readings"
    )
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
