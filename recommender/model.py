"""The learner model: the chance a learner reads a word right now, from ``features.FEATURES``.

Trained with scikit-learn (a standardised logistic regression) and saved as
JSON: the feature list, the format version, the weights, the held-out metrics
and the table of word ratings (``word_rating``: how hard each word proved for
learners, by word). JSON and not a pickle, so loading an artefact runs no code,
the file is a few kilobytes and a reviewer can read it. An artefact that is missing,
unreadable or made for other features is refused with a logged warning, and
callers fall back to the rule-based order.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import word_rating
from .features import FEATURES

log = logging.getLogger(__name__)

# 2: the artefact carries the table of word ratings (``word_ratings``).
FORMAT_VERSION = 2


@dataclass(frozen=True)
class LearnerModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    metrics: dict = field(default_factory=dict)
    trained_on: str = ""
    version: int = FORMAT_VERSION
    word_ratings: dict = field(default_factory=dict)  # word_key → rating (logits; 0 when absent)

    def logit(self, rows: np.ndarray) -> np.ndarray:
        """Log-odds of a right reading for each feature row (…, F)."""
        return np.clip(((rows - self.mean) / self.scale) @ self.coef + self.intercept, -30, 30)

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Chance of a right reading for each feature row (…, F)."""
        return 1.0 / (1.0 + np.exp(-self.logit(rows)))

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "features": list(self.features),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(float(self.intercept), 6),
            "metrics": self.metrics,
            "trained_on": self.trained_on,
            "word_ratings": {key: round(float(v), 4) for key, v in sorted(self.word_ratings.items())},
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=1) + "\n")


class StaleModel(ValueError):
    """The artefact was made for another feature list or format."""


def from_dict(data: dict) -> LearnerModel:
    if data.get("version") != FORMAT_VERSION or data.get("features") != FEATURES:
        raise StaleModel(
            f"artefact version {data.get('version')} with {len(data.get('features') or [])} features; "
            f"this code needs version {FORMAT_VERSION} with {len(FEATURES)}"
        )
    return LearnerModel(
        features=tuple(data["features"]),
        mean=np.asarray(data["mean"], dtype=float),
        scale=np.asarray(data["scale"], dtype=float),
        coef=np.asarray(data["coef"], dtype=float),
        intercept=float(data["intercept"]),
        metrics=dict(data.get("metrics") or {}),
        trained_on=str(data.get("trained_on", "")),
        word_ratings={str(key): float(value) for key, value in data["word_ratings"].items()},
    )


def load(path: Path) -> LearnerModel | None:
    """The saved model, or None (with a warning) when it is missing, broken or stale."""
    try:
        return from_dict(json.loads(Path(path).read_text()))
    except FileNotFoundError:
        log.warning("No recommender model at %s: using the rule-based order", path)
    except (ValueError, KeyError, TypeError) as error:
        log.warning("Recommender model at %s can't be used (%s): using the rule-based order", path, error)
    return None


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    labels = np.asarray(labels, dtype=bool)
    if labels.all() or not labels.any():
        return float("nan")
    return float(roc_auc_score(labels, scores))


def brier(labels: np.ndarray, probabilities: np.ndarray) -> float:
    return float(np.mean((np.asarray(probabilities) - np.asarray(labels, dtype=float)) ** 2))


def train(
    rows: np.ndarray,
    labels: np.ndarray,
    *,
    groups: np.ndarray,
    seed: int = 0,
    trained_on: str = "",
    word_keys=None,
):
    """Fit on 80 % of the learners, measure on the other 20 %, then refit on all.

    Held out by learner (``groups``), so the metrics say how the model does on
    someone it has never seen. With ``word_keys`` (the word of each row) the table
    of word ratings is learnt from the rows' first readings and saved with the
    model; the rows' ``word_rating`` column is then filled out of fold (from other
    learners' readings), and the held-out learners' rows from a table learnt
    without any of their readings. Without, the column is used as given and the
    table is empty.
    """
    from sklearn.linear_model import LogisticRegression

    rows, labels, groups = np.array(rows, float), np.asarray(labels, bool), np.asarray(groups)
    rng = np.random.default_rng(seed)
    learners = np.unique(groups)
    held_out = rng.choice(learners, size=max(1, len(learners) // 5), replace=False)
    test = np.isin(groups, held_out)

    def fit(x, y) -> LearnerModel:
        mean, scale = x.mean(0), x.std(0)
        scale = np.where(scale > 1e-9, scale, 1.0)
        fitted = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / scale, y)
        return LearnerModel(tuple(FEATURES), mean, scale, fitted.coef_[0], float(fitted.intercept_[0]))

    can_probe = test.any() and (~test).any() and len(np.unique(labels[~test])) == 2
    table: dict[str, float] = {}
    probe_rows = rows
    if word_keys is not None:
        word_keys = np.asarray(word_keys, dtype=str)
        rows[:, word_rating.COLUMN] = 0.0

        def rated(use):
            """Out-of-fold ratings for the rows in ``use``, and the table from all their readings."""
            offset = expected_logit(use)
            ratings = word_rating.out_of_fold(
                rows, labels, word_keys, groups, seed=seed, use=use, offset=offset
            )
            return ratings, word_rating.from_rows(rows, labels, word_keys, use=use, offset=offset)

        def expected_logit(use):
            """What the model expects of each row without word ratings (its column is still 0)."""
            return fit(rows[use], labels[use]).logit(rows)

        if can_probe:
            ratings, unseen = rated(~test)
            probe_rows = rows.copy()
            probe_rows[:, word_rating.COLUMN] = ratings
            probe_rows[test, word_rating.COLUMN] = word_rating.lookup(unseen, word_keys[test])
        ratings, table = rated(np.ones(len(rows), dtype=bool))
        rows[:, word_rating.COLUMN] = ratings

    metrics = {"attempts": int(len(labels)), "learners": int(len(learners))}
    if can_probe:
        probe = fit(probe_rows[~test], labels[~test])
        predicted = probe.predict(probe_rows[test])
        metrics |= {
            "held_out_attempts": int(test.sum()),
            "auc": round(auc(labels[test], predicted), 4),
            "brier": round(brier(labels[test], predicted), 4),
            "base_rate": round(float(labels[test].mean()), 4),
        }
    if word_keys is not None:
        metrics["rated_words"] = len(table)
    final = fit(rows, labels)
    return LearnerModel(
        final.features,
        final.mean,
        final.scale,
        final.coef,
        final.intercept,
        metrics,
        trained_on,
        word_ratings=table,
    )
