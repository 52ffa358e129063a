"""Held-out accuracy of the explorer's difficulty model against one-feature baselines.

    .venv/bin/python benchmarks/difficulty.py

Labels: the level (1–10) each of the 259 curriculum words sits in (learning/curriculum/
starter.json). Every word is predicted by a model trained without it (stratified 5-fold
cross-validation); the baselines are the same classifier on word length alone and on
frequency alone. Targets (issue 16): beat both baselines; within one level on ≥ 85 %.
The last line printed is one JSON object of the figures.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyslexia_site.settings")

from dynamic import difficulty  # noqa: E402


def main() -> dict:
    evaluation = difficulty.evaluate()
    results = evaluation["results"]
    print(f"{evaluation['words']} curriculum words, {evaluation['folds']}-fold held-out predictions")
    print(f"{'predictor':16} {'accuracy':>9} {'within one':>11}")
    for name, figures in results.items():
        print(f"{name:16} {figures['accuracy']:9.1%} {figures['within_one']:11.1%}")
    summary = {
        "accuracy": results["model"]["accuracy"],
        "within_one_level": results["model"]["within_one"],
        "length_baseline_accuracy": results["length only"]["accuracy"],
        "frequency_baseline_accuracy": results["frequency only"]["accuracy"],
        "length_baseline_within_one": results["length only"]["within_one"],
        "frequency_baseline_within_one": results["frequency only"]["within_one"],
        "beats_both_baselines": results["model"]["accuracy"]
        > max(results["length only"]["accuracy"], results["frequency only"]["accuracy"]),
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
