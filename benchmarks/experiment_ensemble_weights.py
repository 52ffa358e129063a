"""An experiment, not a benchmark: would the ensemble judge better if it weighed its two
models differently?

The ensemble adds Whisper tiny.en's and base's log-probabilities with equal weight. This
reads the evidence two runs of ``speech_accuracy.py`` kept on the **same recordings**
(``--evidence``): the ensemble's (tiny.en + base) and tiny.en alone's, so base's part of
every score is their difference. For each weight of tiny.en against base it re-tunes the
one-reading decision on the tuning rows, as the benchmark does, and prints first-reading
accept / reject on the development slices and the real voices' held-out half.

    .venv/bin/python benchmarks/experiment_ensemble_weights.py \\
        --ensemble benchmarks/data/evidence-ensemble-5s.pickle --tiny benchmarks/data/evidence-tiny-5s.pickle

Only words both runs scored are kept (base's own open-set guesses drop out), so the equal
weights row is this experiment's baseline, not the benchmark's figure. Last line: one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speech_accuracy import rates, read_evidence, tune_one_reading  # noqa: E402

from speech.judge import JudgeParams  # noqa: E402

WEIGHTS = [
    (1.0, 0.0),
    (8.0, 1.0),
    (5.0, 1.0),
    (4.0, 1.0),
    (3.0, 1.0),
    (2.0, 1.0),
    (1.5, 1.0),
    (1.0, 1.0),
    (1.0, 1.5),
    (1.0, 2.0),
    (0.0, 1.0),
]


def blend(ensemble: float, tiny: float, w_tiny: float, w_base: float) -> float:
    if not (math.isfinite(ensemble) and math.isfinite(tiny)):
        return -math.inf
    return w_tiny * tiny + w_base * (ensemble - tiny)


def blend_table(ensemble: dict, tiny: dict, w_tiny: float, w_base: float) -> dict:
    return {
        word: {
            other: blend(score, tiny[word][other], w_tiny, w_base)
            for other, score in row.items()
            if other in tiny[word]
        }
        for word, row in ensemble.items()
        if word in tiny
    }


def blended(ensemble, tiny, w_tiny: float, w_base: float):
    """The ensemble's evidence with its two models weighed ``w_tiny`` : ``w_base``."""
    words = tuple(w for w in ensemble.candidates if w in ensemble.scores and w in tiny.scores)
    return replace(
        ensemble,
        candidates=words,
        scores={w: blend(ensemble.scores[w], tiny.scores[w], w_tiny, w_base) for w in words},
        references=blend_table(ensemble.references, tiny.references, w_tiny, w_base),
        accent_references=[
            blend_table(e, t, w_tiny, w_base)
            for e, t in zip(ensemble.accent_references, tiny.accent_references, strict=True)
        ],
    )


def paired_rows(ensemble_rows: dict, tiny_rows: dict) -> dict:
    for name, rows in ensemble_rows.items():
        paths = [r["reading"].path for r in rows]
        if paths != [r["reading"].path for r in tiny_rows[name]]:
            raise SystemExit(f"the two evidence files hold other readings in {name!r}")
    return {
        name: [(e, t) for e, t in zip(rows, tiny_rows[name], strict=True)]
        for name, rows in ensemble_rows.items()
    }


def weighed(pairs, w_tiny: float, w_base: float) -> list[dict]:
    out = []
    for ensemble, tiny in pairs:
        row = {"reading": ensemble["reading"]}
        if "evidence" in ensemble and "evidence" in tiny:
            row["evidence"] = blended(ensemble["evidence"], tiny["evidence"], w_tiny, w_base)
        out.append(row)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ensemble", required=True, help="evidence file of an ensemble run")
    parser.add_argument("--tiny", required=True, help="evidence file of a tiny.en run on the same recordings")
    args = parser.parse_args(argv)
    pairs = paired_rows(read_evidence(Path(args.ensemble))["rows"], read_evidence(Path(args.tiny))["rows"])
    base = replace(JudgeParams.for_engine("whisper-ensemble"), retry_below=0.0, retry_above=0.0)
    figures = {}
    columns = ("tuning", "dev", "american", "british", "child", "real")
    print(f"{'tiny : base':<12} " + " ".join(f"{c:>11}" for c in columns))
    for w_tiny, w_base in WEIGHTS:
        rows = {name: weighed(p, w_tiny, w_base) for name, p in pairs.items()}
        tuning = rows["tuning"] + rows.get("real tuning", [])
        params = replace(tune_one_reading(tuning, base), heard_check_above=0.0)
        dev = rows["development"]
        cells = {
            "tuning": rates(tuning, params),
            "dev": rates(dev, params),
            **{
                s: rates([r for r in dev if r["reading"].slice == s], params)
                for s in ("american", "british", "child")
            },
            "real": rates(rows.get("real held-out", []), params),
        }
        label = f"{w_tiny:g} : {w_base:g}"
        print(
            f"{label:<12} " + " ".join(f"{c['accept_pct']:>5}/{c['reject_pct']:<5}" for c in cells.values())
        )
        figures[label] = {k: [c["accept_pct"], c["reject_pct"]] for k, c in cells.items()}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
