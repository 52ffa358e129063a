"""Training the learner model behind "Next word" from the attempt history.

Run by ``python manage.py train_recommender`` and daily by Celery beat. With too
few real attempts it trains on simulated learners reading the real curriculum
(``recommender.simulator``), and says so in the artefact's ``trained_on``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import recommender
from recommender import simulator

from .models import PracticeAttempt
from .recommending import curriculum, model_path, replay

log = logging.getLogger(__name__)

# Fewer real attempts than this, or fewer learners, and simulated learners are used instead.
MIN_ATTEMPTS = 2000
MIN_LEARNERS = 20


@dataclass(frozen=True)
class Trained:
    model: recommender.LearnerModel
    path: Path


def real_attempts() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows at the moment of every counted attempt, the judged result, and the learner."""
    learner_ids = sorted(set(PracticeAttempt.objects.counted().values_list("learner_id", flat=True)))
    _, words = curriculum()
    rows, labels, groups = [], [], []
    # The highest level a learner has reached so far stands in for "their level" at the time.
    reached = np.ones(len(learner_ids), dtype=int)

    def take(history, row, w, moment, right):
        reached[row] = max(reached[row], words.level[w])
        rows.append(recommender.features(history, words, moment, reached, row, w))
        labels.append(right)
        groups.append(learner_ids[row])

    replay(learner_ids, words, each=take)
    if not rows:
        return np.zeros((0, len(recommender.FEATURES))), np.zeros(0, bool), np.zeros(0, int)
    return np.stack(rows), np.array(labels, bool), np.array(groups)


def simulated_attempts(*, learners: int = 200, attempts: int = 300, seed: int = 0):
    """Readings of simulated learners (typical variant) under fixed, random and rule-based orders."""
    _, words = curriculum()
    batches = []
    for offset, policy in enumerate(simulator.POLICIES):
        run = simulator.run(
            words,
            simulator.VARIANTS["typical"],
            policy,
            learners=learners,
            attempts=attempts,
            seed=seed + offset,
            log=True,
            id_offset=offset * learners,
        )
        batches.append(run.log())
    rows, judged, _, groups = (np.concatenate(parts) for parts in zip(*batches, strict=True))
    return rows, judged, groups


def train_recommender(
    *, path: Path | None = None, simulated_learners: int = 200, attempts: int = 300, seed: int = 0
) -> Trained:
    """Train on the real attempts when there are enough, else on simulated ones; save the artefact."""
    path = Path(path or model_path())
    rows, labels, groups = real_attempts()
    if len(labels) >= MIN_ATTEMPTS and len(np.unique(groups)) >= MIN_LEARNERS and len(set(labels)) == 2:
        source = f"attempt history: {len(labels)} attempts by {len(np.unique(groups))} learners"
    else:
        log.warning(
            "Only %d real attempts by %d learners: training the recommender on simulated learners",
            len(labels),
            len(np.unique(groups)),
        )
        rows, labels, groups = simulated_attempts(learners=simulated_learners, attempts=attempts, seed=seed)
        source = f"simulated learners (typical variant, seed {seed}): {len(labels)} attempts"
    model = recommender.train(rows, labels, groups=groups, seed=seed, trained_on=source)
    model.save(path)
    return Trained(model, path)
