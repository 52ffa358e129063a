"""How hard each word proved for learners, beyond the lexicon's estimate: a Rasch-style rating.

``lexicon.difficulty`` estimates a word's difficulty from its letters and sounds; what it
misses shows in how learners actually read the word. At training time every learner's
first reading of a word (a first reading can only be decoded, not remembered) is set
against what the learner model, without word ratings, expected of it at that moment
(its log-odds: the learner's decoding rating, pattern skills and the rest, against the
lexicon's difficulty and the word's patterns):

    chance right = σ(expected − shift − rating[word])

``shift`` (one number) takes up any bias of the expectation; each word's rating is a
maximum a posteriori estimate under a normal prior centred on 0 (``PRIOR`` is its
precision), so a word read by few learners stays near 0 and a word nobody has read is 0
— the lexicon's estimate alone. A few Newton steps in numpy, vectorised over words.

The table (word → rating, positive = harder than expected) is learnt once, from all
learners, and saved in the model's artefact; a learner's features read it
(``Words.rated``), so they are still computed one learner at a time. Rows used to fit the
model get their ratings out of fold (``out_of_fold``: from other learners' readings only),
as a learner the model has never seen would at serving time.
"""

from __future__ import annotations

import numpy as np

from .features import FEATURES, lookup, word_key

# The prior's precision: a standard deviation of 0.5 logit, what a word's difficulty may
# plausibly differ from the lexicon's estimate. Chosen on the tuning seeds (see README).
PRIOR = 4.0
ITERATIONS = 25
FOLDS = 5

SEEN = FEATURES.index("seen")
COLUMN = FEATURES.index("word_rating")


def fit(keys, offset, correct, *, prior: float | None = None) -> dict[str, float]:
    """Each word's rating from readings (its key, the expected logit, judged right or not)."""
    prior = PRIOR if prior is None else prior
    keys = np.array([word_key(k) for k in np.asarray(keys, dtype=str).tolist()], dtype=str)
    if not keys.size:
        return {}
    offset = np.asarray(offset, dtype=float)
    correct = np.asarray(correct, dtype=float)
    names, index = np.unique(keys, return_inverse=True)
    rating = np.zeros(len(names))
    shift = 0.0
    for _ in range(ITERATIONS):
        p = 1 / (1 + np.exp(-(offset - shift - rating[index])))
        weight = p * (1 - p)
        shift += (p - correct).sum() / max(weight.sum(), 1e-9)
        p = 1 / (1 + np.exp(-(offset - shift - rating[index])))
        weight = p * (1 - p)
        gradient = np.bincount(index, p - correct, len(names)) - prior * rating
        rating += gradient / (np.bincount(index, weight, len(names)) + prior)
    return {str(name): float(value) for name, value in zip(names, rating, strict=True)}


def from_rows(rows, labels, keys, *, offset, use=None) -> dict[str, float]:
    """The table from feature rows (``features.FEATURES``): their first readings, judged ``labels``,
    against ``offset``, the log-odds expected of each row without its word's rating.

    ``use`` (bool per row) limits which rows' readings count.
    """
    rows = np.asarray(rows, dtype=float)
    first = rows[:, SEEN] == 0
    if use is not None:
        first &= np.asarray(use, dtype=bool)
    offset = np.asarray(offset, dtype=float)
    return fit(np.asarray(keys, dtype=str)[first], offset[first], np.asarray(labels)[first])


def out_of_fold(
    rows, labels, keys, groups, *, offset, folds: int = FOLDS, seed: int = 0, use=None
) -> np.ndarray:
    """Each row's word rating learnt from learners in other folds only (never its own learner's readings).

    ``use`` limits both the rows rated and the readings learnt from (others get 0).
    """
    groups = np.asarray(groups)
    use = np.ones(len(groups), dtype=bool) if use is None else np.asarray(use, dtype=bool)
    learners = np.unique(groups[use])
    folds_drawn = np.random.default_rng(seed).permutation(len(learners)) % folds
    fold_of = dict(zip(learners.tolist(), folds_drawn.tolist(), strict=True))
    fold = np.array([fold_of.get(g, -1) for g in groups.tolist()])
    keys = np.asarray(keys, dtype=str)
    ratings = np.zeros(len(groups))
    for k in range(min(folds, len(learners))):
        here = use & (fold == k)
        table = from_rows(rows, labels, keys, use=use & (fold != k), offset=offset)
        ratings[here] = lookup(table, keys[here])
    return ratings
