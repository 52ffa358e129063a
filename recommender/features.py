"""What the learner model knows: a replayable history of judged readings, and features from it.

Plain data in numpy arrays: L learners × W words × P skills (``patterns.SKILLS``).
The app builds a ``History`` for one learner from their attempts; the simulator
and the trainer build one for many. Features are computed for any
(learner, word) index pairs that broadcast, so one function serves "score every
open word now", "the features at the moment of each past attempt" and the
benchmark's hundreds of learners at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from . import memory
from .patterns import SKILLS, word_patterns

FEATURES = [
    "recent_accuracy",
    "log_attempts",
    "level_gap",
    "log_days_away",
    "difficulty",
    "length",
    "syllables",
    "pattern_count",
    "pattern_skill",
    "weakest_skill",
    "missed_overlap",
    "seen",
    "log_days_since_seen",
    "word_accuracy",
    "last_result",
    "recall_logit",
    "log_stability",
    "log_times_seen",
    "log_hours_since_seen",
    "recall_logit_now",
    "missed_today",
    "decoding",
    "review_surprise",
    "pattern_practice",
    "word_rating",
]
# How fast the per-pattern counts and the recent accuracy forget old readings.
PATTERN_DECAY = 0.9
RECENT_DECAY = 0.85
# The decoding rating's step never falls below this, so it follows a learner who improves.
DECODING_FLOOR = 0.1


def word_key(text: str) -> str:
    """How a word is named in the artefact's table of word ratings."""
    return text.strip().lower()


def lookup(table: dict[str, float], keys) -> np.ndarray:
    """The rating of each key (0 for words not in the table)."""
    return np.array([float(table.get(word_key(k), 0.0)) for k in keys], dtype=float)


def difficulty_logit(difficulty):
    """The lexicon's 1–10 difficulty as a logit a decoding rating is measured against."""
    return (difficulty - 5.0) / 2.0


@dataclass(frozen=True)
class Words:
    """The curriculum as arrays; ``ids`` are the app's word ids (or any labels)."""

    ids: np.ndarray
    texts: tuple[str, ...]
    level: np.ndarray  # level order, 1 is the first
    position: np.ndarray  # curriculum order over all levels
    difficulty: np.ndarray
    length: np.ndarray
    syllables: np.ndarray
    patterns: np.ndarray  # (W, P) bool
    # How much harder than its lexicon estimate each word proved for other learners, in logits
    # (``word_rating``, from the model's artefact); 0 for a word nobody has read yet.
    rating: np.ndarray = field(default=None)
    phonemes: tuple[tuple[str, ...], ...] = ()  # each word's sounds (ARPAbet), as built

    def __post_init__(self):
        if self.rating is None:
            object.__setattr__(self, "rating", np.zeros(len(self.ids)))

    def rated(self, table: dict[str, float]) -> Words:
        """A copy with each word's rating from ``table`` (keyed by ``word_key``; 0 if absent)."""
        return replace(self, rating=lookup(table, self.texts))

    @classmethod
    def build(cls, rows) -> Words:
        """rows: (id, text, level order, difficulty, syllable count, phonemes) in curriculum order."""
        rows = list(rows)
        return cls(
            ids=np.array([r[0] for r in rows]),
            texts=tuple(r[1] for r in rows),
            level=np.array([r[2] for r in rows], dtype=int),
            position=np.arange(len(rows)),
            difficulty=np.array([r[3] for r in rows], dtype=float),
            length=np.array([len(r[1]) for r in rows], dtype=float),
            syllables=np.array([max(1, r[4]) for r in rows], dtype=float),
            patterns=np.array(
                [[skill in word_patterns(r[1], tuple(r[5])) for skill in SKILLS] for r in rows], dtype=bool
            ).reshape(len(rows), len(SKILLS)),
            phonemes=tuple(tuple(r[5]) for r in rows),
        )

    def __len__(self) -> int:
        return len(self.ids)


class History:
    """Every learner's readings so far, summarised; ``observe`` adds one reading per learner."""

    def __init__(self, learners: int, words: int):
        shape = (learners, words)
        self.seen = np.zeros(shape)
        self.right = np.zeros(shape)
        self.last_seen = np.full(shape, np.nan)
        self.last_right = np.zeros(shape)  # 1 right, -1 wrong, 0 never read
        self.stability = np.full(shape, np.nan)
        self.difficulty = np.full(shape, np.nan)
        self.mastered = np.zeros(shape, dtype=bool)  # read right once: what the app shows today
        self.miss = np.zeros((learners, len(SKILLS)))
        self.tries = np.zeros((learners, len(SKILLS)))
        self.recent = np.full(learners, 0.5)
        self.total = np.zeros(learners)
        self.last_practice = np.full(learners, np.nan)
        # A word read for the first time can only be decoded, not remembered: an Elo-style rating
        # of each learner against the words' difficulty, from first readings only.
        self.decoding = np.zeros(learners)
        self.first_reads = np.zeros(learners)
        # How much better (or worse) than FSRS expects the learner reads words read before
        # (recent readings count most): FSRS's default parameters fit some memories badly.
        self.surprise = np.zeros(learners)
        # Readings of words with each pattern, ever (not forgotten like ``tries``): decoding a
        # pattern grows with practice.
        self.practised = np.zeros((learners, len(SKILLS)))

    def observe(self, learners, words, now, correct, missed, word_patterns, *, difficulty=None):
        """One judged reading for each listed learner (at most one each per call).

        ``missed`` (n, P) are the patterns the judge found wrong; ``word_patterns``
        (n, P) the patterns of the words read; ``difficulty`` (n,) their 1–10 estimate
        (without it the decoding rating stays where it is).
        """
        learners, words = np.asarray(learners), np.asarray(words)
        correct = np.asarray(correct, dtype=bool)
        first = self.seen[learners, words] == 0
        if difficulty is not None:
            rating = self.decoding[learners]
            logit = rating - difficulty_logit(np.asarray(difficulty, dtype=float))
            error = np.where(first, correct - 1 / (1 + np.exp(-logit)), 0.0)
            step = np.maximum(DECODING_FLOOR, 2.0 / (self.first_reads[learners] + 2))
            self.decoding[learners] = rating + step * error
        self.first_reads[learners] += first
        now = np.broadcast_to(np.asarray(now, dtype=float), learners.shape)
        elapsed = np.nan_to_num(now - self.last_seen[learners, words], nan=0.0)
        expected = memory.retrievability_now(self.stability[learners, words], elapsed)
        self.surprise[learners] = np.where(
            first,
            self.surprise[learners],
            RECENT_DECAY * self.surprise[learners]
            + (1 - RECENT_DECAY) * (correct - np.nan_to_num(expected, nan=0.0)),
        )
        s, d = memory.review(
            self.stability[learners, words], self.difficulty[learners, words], elapsed, correct
        )
        self.stability[learners, words], self.difficulty[learners, words] = s, d
        self.seen[learners, words] += 1
        self.right[learners, words] += correct
        self.last_seen[learners, words] = now
        self.last_right[learners, words] = np.where(correct, 1.0, -1.0)
        self.mastered[learners, words] |= correct
        self.practised[learners] += np.asarray(word_patterns, dtype=bool)
        touched = np.asarray(word_patterns, dtype=bool) | np.asarray(missed, dtype=bool)
        decay = np.where(touched, PATTERN_DECAY, 1.0)
        self.tries[learners] = self.tries[learners] * decay + touched
        self.miss[learners] = self.miss[learners] * decay + np.asarray(missed, dtype=float)
        self.recent[learners] = RECENT_DECAY * self.recent[learners] + (1 - RECENT_DECAY) * correct
        self.total[learners] += 1
        self.last_practice[learners] = now

    def skill(self) -> np.ndarray:
        """Per-pattern share read right, smoothed towards 0.7 for patterns barely tried."""
        return (self.tries - self.miss + 1.4) / (self.tries + 2.0)

    def recall(self, now) -> np.ndarray:
        """FSRS chance of recall of every word now (0 for words never read)."""
        return memory.retrievability(self.stability, np.nan_to_num(now - self.last_seen, nan=0.0))


def features(history: History, words: Words, now, learner_level, li, wi) -> np.ndarray:
    """Feature rows (…, F) for broadcastable learner and word index arrays ``li``, ``wi``.

    ``learner_level`` (L,) is each learner's highest open level; ``now`` a time in
    days, or one per row.
    """
    li, wi = np.asarray(li), np.asarray(wi)
    li, wi = np.broadcast_arrays(li, wi)
    now = np.asarray(now, dtype=float)  # a scalar, or one time per row
    seen = history.seen[li, wi]
    was_seen = seen > 0
    since_seen = np.where(was_seen, now - np.nan_to_num(history.last_seen[li, wi], nan=0.0), 0.0)
    away = np.nan_to_num(now - history.last_practice[li], nan=0.0)
    stability = history.stability[li, wi]
    recall = memory.retrievability(stability, since_seen)
    recall = np.clip(recall, 0.01, 0.99)
    # FSRS counts whole days; within a day the elapsed hours still say something.
    recall_now = np.clip(memory.retrievability_now(stability, since_seen), 0.01, 0.99)
    pats = words.patterns[wi]  # (…, P)
    skill = history.skill()[li]  # (…, P)
    count = pats.sum(-1)
    pattern_skill = np.where(count > 0, (skill * pats).sum(-1) / np.maximum(count, 1), 1.0)
    weakest = np.where(pats, skill, 1.0).min(-1)
    overlap = np.log1p((history.miss[li] * pats).sum(-1))
    decoding = history.decoding[li] - difficulty_logit(words.difficulty[wi])
    practice = (history.practised[li] * pats).sum(-1) / np.maximum(count, 1)
    columns = [
        history.recent[li],
        np.log1p(history.total[li]),
        words.level[wi] - np.asarray(learner_level)[li],
        np.log1p(np.maximum(away, 0.0)),
        words.difficulty[wi] / 10,
        words.length[wi] / 10,
        words.syllables[wi],
        count,
        pattern_skill,
        weakest,
        overlap,
        was_seen.astype(float),
        np.log1p(np.maximum(since_seen, 0.0)),
        (history.right[li, wi] + 1) / (seen + 2),
        history.last_right[li, wi],
        np.where(was_seen, np.log(recall / (1 - recall)), 0.0),
        np.where(was_seen, np.log(np.nan_to_num(stability, nan=1.0)), 0.0),
        np.log1p(seen),
        np.log1p(24 * np.maximum(since_seen, 0.0)),
        np.where(was_seen, np.log(recall_now / (1 - recall_now)), 0.0),
        ((history.last_right[li, wi] < 0) & (since_seen < 0.5)).astype(float),
        decoding,
        history.surprise[li],
        np.log1p(practice),
        words.rating[wi],
    ]
    return np.stack([np.broadcast_to(c, li.shape).astype(float) for c in columns], axis=-1)
