"""Per-word memory with FSRS-6 (default parameters), on numpy arrays.

The formulas are py-fsrs's (``fsrs.Scheduler`` with no learning steps and no
fuzz: a right reading is "Good", a wrong one "Again"); a test replays histories
through ``fsrs.Scheduler`` and checks these arrays agree. Arrays, because the
benchmark updates hundreds of simulated learners at once and the page scores
every open word of a learner in one go. Its optimiser needs torch, so the
parameters are FSRS-6's published defaults.

Times are in days (floats). A word never reviewed has stability NaN.
"""

from __future__ import annotations

import numpy as np
from fsrs.scheduler import DEFAULT_PARAMETERS, MAX_DIFFICULTY, MIN_DIFFICULTY, STABILITY_MIN

W = np.asarray(DEFAULT_PARAMETERS, dtype=float)
DECAY = -W[20]
FACTOR = 0.9 ** (1 / DECAY) - 1
# A mastered word comes back once its chance of being recalled drops to this.
DESIRED_RETENTION = 0.9
AGAIN, GOOD = 1, 3


def retrievability(stability, elapsed_days):
    """Chance of recall after ``elapsed_days`` (whole days, as FSRS counts them); 0 for unseen words."""
    return retrievability_now(stability, np.floor(np.asarray(elapsed_days, dtype=float)))


def retrievability_now(stability, elapsed_days):
    """FSRS's forgetting curve at the exact elapsed time (not whole days); 0 for unseen words.

    The scheduler counts whole days; the learner model also reads the curve within a day.
    """
    stability = np.asarray(stability, dtype=float)
    days = np.maximum(0.0, np.asarray(elapsed_days, dtype=float))
    with np.errstate(invalid="ignore"):
        r = (1 + FACTOR * days / stability) ** DECAY
    return np.where(np.isnan(stability), 0.0, r)


def interval_days(stability):
    """Days until recall is expected to fall to DESIRED_RETENTION (at least one)."""
    stability = np.asarray(stability, dtype=float)
    days = np.round(stability / FACTOR * (DESIRED_RETENTION ** (1 / DECAY) - 1))
    return np.maximum(days, 1.0)


def _initial_difficulty(rating):
    return W[4] - np.exp(W[5] * (rating - 1)) + 1


def review(stability, difficulty, elapsed_days, correct):
    """New (stability, difficulty) after one reading; arrays broadcast together.

    ``elapsed_days`` is the time since the previous review (ignored for a first one).
    """
    stability = np.asarray(stability, dtype=float)
    difficulty = np.asarray(difficulty, dtype=float)
    correct = np.asarray(correct, dtype=bool)
    rating = np.where(correct, GOOD, AGAIN).astype(float)
    first = np.isnan(stability)
    days = np.floor(np.maximum(0.0, np.asarray(elapsed_days, dtype=float)))

    s = np.where(first, 1.0, stability)  # placeholders keep the maths finite for first reviews
    d = np.where(first, 5.0, difficulty)
    r = retrievability(s, days)

    short = s * np.exp(W[17] * (rating - 3 + W[18])) * s ** -W[19]
    short = np.where(correct, np.maximum(short, s), short)
    recall = s * (1 + np.exp(W[8]) * (11 - d) * s ** -W[9] * (np.exp((1 - r) * W[10]) - 1))
    forget = np.minimum(
        W[11] * d ** -W[12] * ((s + 1) ** W[13] - 1) * np.exp((1 - r) * W[14]),
        s / np.exp(W[17] * W[18]),
    )
    long_term = np.where(correct, recall, forget)
    next_s = np.where(days < 1, short, long_term)
    next_s = np.where(first, W[rating.astype(int) - 1], next_s)

    damped = d + (10.0 - d) * (-(W[6] * (rating - 3))) / 9.0
    next_d = W[7] * _initial_difficulty(4) + (1 - W[7]) * damped
    next_d = np.where(first, _initial_difficulty(rating), next_d)
    return (
        np.maximum(next_s, STABILITY_MIN),
        np.clip(next_d, MIN_DIFFICULTY, MAX_DIFFICULTY),
    )


def replay(times, results):
    """Stability and difficulty after a word's readings (``times`` in days, oldest first)."""
    stability, difficulty, last = np.nan, np.nan, None
    for time, result in zip(times, results, strict=True):
        elapsed = 0.0 if last is None else time - last
        stability, difficulty = (float(x) for x in review(stability, difficulty, elapsed, result))
        last = time
    return stability, difficulty
