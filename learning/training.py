"""Training the learner model behind "Next word" from the attempt history.

Run by ``python manage.py train_recommender`` and daily by Celery beat. With too
few real attempts it trains on simulated learners reading the real curriculum
(``recommender.simulator``), and says so in the artefact's ``trained_on``.

The table of word ratings (``recommender.word_rating``: how hard each word proved,
beyond the lexicon's estimate) always comes from the real readings: a simulated
word's hidden difficulty says nothing about the real word. With simulated learners
the model learns from them what a rating is worth, and the table is then learnt from
whatever real first readings there are (few readings keep a word near 0; none, an
empty table: every word is rated by the lexicon alone).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
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


def real_attempts() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows at the moment of every counted attempt, the judged result, the learner and
    the word (its text); the rows' word ratings are 0 (``train`` fills them)."""
    learner_ids = sorted(set(PracticeAttempt.objects.counted().values_list("learner_id", flat=True)))
    _, words = curriculum()
    rows, labels, groups, keys = [], [], [], []
    # The highest level a learner has reached so far stands in for "their level" at the time.
    reached = np.ones(len(learner_ids), dtype=int)

    def take(history, row, w, moment, right):
        reached[row] = max(reached[row], words.level[w])
        rows.append(recommender.features(history, words, moment, reached, row, w))
        labels.append(right)
        groups.append(learner_ids[row])
        keys.append(words.texts[w])

    replay(learner_ids, words, each=take)
    if not rows:
        return np.zeros((0, len(recommender.FEATURES))), np.zeros(0, bool), np.zeros(0, int), np.zeros(0, str)
    return np.stack(rows), np.array(labels, bool), np.array(groups), np.array(keys, dtype=str)


def simulated_attempts(*, learners: int = 200, attempts: int = 300, seed: int = 0):
    """Readings of simulated learners (typical, slow and fast-forgetting, one cohort each, under
    fixed, random and rule-based orders: ``simulator.TRAINING_COHORTS``), in one simulated
    world (the words' hidden difficulty the same for all): rows, judged results, learners and
    words."""
    _, words = curriculum()
    return simulator.training_readings(
        words,
        learners=learners,
        attempts=attempts,
        first_seed=seed,
        world=simulator.word_offsets(words, seed),
    )


def train_recommender(
    *, path: Path | None = None, simulated_learners: int = 200, attempts: int = 300, seed: int = 0
) -> Trained:
    """Train on the real attempts when there are enough, else on simulated ones; save the artefact
    with the table of word ratings learnt from the real readings."""
    path = Path(path or model_path())
    rows, labels, groups, keys = real_attempts()
    learners = len(np.unique(groups))
    if len(labels) >= MIN_ATTEMPTS and learners >= MIN_LEARNERS and len(set(labels)) == 2:
        source = f"attempt history: {len(labels)} attempts by {learners} learners"
        model = recommender.train(rows, labels, groups=groups, seed=seed, trained_on=source, word_keys=keys)
        return _save(model, path)
    log.warning(
        "Only %d real attempts by %d learners: training the recommender on simulated learners",
        len(labels),
        learners,
    )
    sim_rows, sim_labels, sim_groups, sim_keys = simulated_attempts(
        learners=simulated_learners, attempts=attempts, seed=seed
    )
    model = recommender.train(sim_rows, sim_labels, groups=sim_groups, seed=seed, word_keys=sim_keys)
    # The simulated words' ratings stay behind; the real words are rated from the real readings.
    table = (
        recommender.word_rating.from_rows(rows, labels, keys, offset=model.logit(rows)) if len(labels) else {}
    )
    first_readings = int((rows[:, recommender.word_rating.SEEN] == 0).sum()) if len(labels) else 0
    source = (
        f"simulated learners (typical, slow, fast forgetting; seed {seed}): {len(sim_labels)} attempts; "
        f"word ratings from {first_readings} real first readings"
    )
    metrics = model.metrics | {"rated_words": len(table)}
    return _save(replace(model, trained_on=source, word_ratings=table, metrics=metrics), path)


def _save(model: recommender.LearnerModel, path: Path) -> Trained:
    model.save(path)
    return Trained(model, path)
