"""The learner model: the chance a learner reads a word right now, from ``features.FEATURES``.

Two routes to a right reading, as in the people it models: a learner reads a word
right when they **decode** it OR **remember** it (a word never read can only be
decoded), plus a small share of lucky guesses and of slips::

    chance = guess + (1 − guess − slip) · (1 − (1 − decode) · (1 − seen · recall))

where ``decode`` and ``recall`` are each a logistic function of the standardised
features. A single logistic regression must add the two routes on one logit
scale, which fits "either will do" badly; on ``benchmarks/tune_recommender.py``'s
seeds the two routes read re-readings better (README, the recommender). Fitted by
maximum likelihood (scipy's L-BFGS, with a small L2 penalty) and saved as JSON:
the feature list, the format version, the weights and the held-out metrics. JSON
and not a pickle, so loading an artefact runs no code, the file is a few kilobytes
and a reviewer can read it. An artefact that is missing, unreadable or made for
other features or another format is refused with a logged warning, and callers
fall back to the rule-based order.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .features import FEATURES

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
# The L2 penalty on the weights (on standardised features) while fitting.
PENALTY = 1e-4
# Guesses and slips are each at most this share of readings.
MAX_GUESS = 0.3


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


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
    # The memory route; without it (``recall_coef`` None) the model is one logistic regression.
    recall_coef: np.ndarray | None = None
    recall_intercept: float = 0.0
    guess: float = 0.0
    slip: float = 0.0

    def routes(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(decode, recall) for each feature row: the two routes' chances; recall 0 for words never read."""
        x = (rows - self.mean) / self.scale
        decode = _sigmoid(x @ self.coef + self.intercept)
        if self.recall_coef is None:
            return decode, np.zeros_like(decode)
        seen = rows[..., FEATURES.index("seen")] > 0
        return decode, np.where(seen, _sigmoid(x @ self.recall_coef + self.recall_intercept), 0.0)

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Chance of a right reading for each feature row (…, F)."""
        decode, recall = self.routes(rows)
        return self.guess + (1 - self.guess - self.slip) * (1 - (1 - decode) * (1 - recall))

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "features": list(self.features),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(float(self.intercept), 6),
            "recall_coef": None if self.recall_coef is None else self.recall_coef.round(6).tolist(),
            "recall_intercept": round(float(self.recall_intercept), 6),
            "guess": round(float(self.guess), 6),
            "slip": round(float(self.slip), 6),
            "metrics": self.metrics,
            "trained_on": self.trained_on,
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
        recall_coef=None if data["recall_coef"] is None else np.asarray(data["recall_coef"], dtype=float),
        recall_intercept=float(data["recall_intercept"]),
        guess=float(data["guess"]),
        slip=float(data["slip"]),
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


def train(rows: np.ndarray, labels: np.ndarray, *, groups: np.ndarray, seed: int = 0, trained_on: str = ""):
    """Fit on 80 % of the learners, measure on the other 20 %, then refit on all.

    Held out by learner (``groups``), so the metrics say how the model does on
    someone it has never seen.
    """
    rows, labels, groups = np.asarray(rows, float), np.asarray(labels, bool), np.asarray(groups)
    rng = np.random.default_rng(seed)
    learners = np.unique(groups)
    held_out = rng.choice(learners, size=max(1, len(learners) // 5), replace=False)
    test = np.isin(groups, held_out)

    def fit(x, y) -> LearnerModel:
        mean, scale = x.mean(0), x.std(0)
        scale = np.where(scale > 1e-9, scale, 1.0)
        return fit_routes(x, y, mean, scale)

    metrics = {"attempts": int(len(labels)), "learners": int(len(learners))}
    if test.any() and (~test).any() and len(np.unique(labels[~test])) == 2:
        probe = fit(rows[~test], labels[~test])
        predicted = probe.predict(rows[test])
        metrics |= {
            "held_out_attempts": int(test.sum()),
            "auc": round(auc(labels[test], predicted), 4),
            "brier": round(brier(labels[test], predicted), 4),
            "base_rate": round(float(labels[test].mean()), 4),
        }
    final = fit(rows, labels)
    return replace(final, metrics=metrics, trained_on=trained_on)


def fit_routes(rows: np.ndarray, labels: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> LearnerModel:
    """The two-route model by maximum likelihood (log loss + ``PENALTY`` · L2), from all-zero weights."""
    from scipy.optimize import minimize

    x = (rows - mean) / scale
    y = labels.astype(float)
    seen = (rows[:, FEATURES.index("seen")] > 0).astype(float)
    n, k = x.shape

    def unpack(w):
        return w[:k], w[k], w[k + 1 : 2 * k + 1], w[2 * k + 1], w[2 * k + 2], w[2 * k + 3]

    def loss(w):
        coef, intercept, recall_coef, recall_intercept, guess_logit, slip_logit = unpack(w)
        decode = _sigmoid(x @ coef + intercept)
        recall = _sigmoid(x @ recall_coef + recall_intercept)
        guess, slip = MAX_GUESS * _sigmoid(guess_logit), MAX_GUESS * _sigmoid(slip_logit)
        know = 1 - (1 - decode) * (1 - seen * recall)
        p = np.clip(guess + (1 - guess - slip) * know, 1e-9, 1 - 1e-9)
        value = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        value += PENALTY * (coef @ coef + recall_coef @ recall_coef)
        dp = (p - y) / (p * (1 - p)) / n  # d loss / d p, per row
        spread = 1 - guess - slip
        d_decode = dp * spread * (1 - seen * recall) * decode * (1 - decode)
        d_recall = dp * spread * (1 - decode) * seen * recall * (1 - recall)
        d_guess = np.sum(dp * (1 - know)) * guess * (1 - guess / MAX_GUESS)
        d_slip = -np.sum(dp * know) * slip * (1 - slip / MAX_GUESS)
        gradient = np.concatenate(
            [
                x.T @ d_decode + 2 * PENALTY * coef,
                [d_decode.sum()],
                x.T @ d_recall + 2 * PENALTY * recall_coef,
                [d_recall.sum()],
                [d_guess, d_slip],
            ]
        )
        return value, gradient

    start = np.zeros(2 * k + 4)
    start[-2:] = -3.0  # guesses and slips start near 1.4 %
    w = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x
    coef, intercept, recall_coef, recall_intercept, guess_logit, slip_logit = unpack(w)
    return LearnerModel(
        tuple(FEATURES),
        mean,
        scale,
        coef,
        float(intercept),
        recall_coef=recall_coef,
        recall_intercept=float(recall_intercept),
        guess=float(MAX_GUESS * _sigmoid(guess_logit)),
        slip=float(MAX_GUESS * _sigmoid(slip_logit)),
    )
