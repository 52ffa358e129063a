"""Which word next, and why, for many learners at once.

With a learner model: the open word with the most learning value — words not read
yet first, at a chance of success near ``TARGET`` (hard enough to learn from, easy
enough to keep going), pulled towards the patterns the learner has been missing and
the level in focus; words read earlier the same day wait (massed reading is soon
forgotten); words shown as "time to review" (``mastery``: FSRS says due, or the last
reading was judged wrong) come back one reading in ``REVIEW_EVERY``; words shown as
mastered that the learner model doubts are checked again, so "mastered" stays true.
Without one (no artefact, or a learner with too few readings): the rule-based
order — due reviews first, then the curriculum order. Locked words are never
candidates: callers pass ``open_words`` and nothing outside it can win.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import mastery
from .features import History, Words, features
from .model import LearnerModel
from .patterns import SKILLS, found_hard

# The chance of success a new word should have. 0.65 until the simulated judge erred at the
# speech benchmark's real-voice rates; then fast forgetters fell below +25 % retained on the
# tuning seeds (+23 %), and 0.75 is the lowest target that kept every variant above it with a
# margin (0.65 / 0.7 / 0.75 / 0.8: fast forgetting +23 / +25 / +31 / +30 %, slow learners
# +58 / +50 / +45 / +41 %).
TARGET = 0.75
# Below this many readings a learner is new to us: the rule-based order is kinder than a guess.
COLD_START_READINGS = 8
DUE_BONUS = 0.6
PATTERN_BONUS = 0.5
FOCUS_BONUS = 0.25
MASTERED_PENALTY = 1.0
# Words never read come first (each word read is one more the learner may keep), the one
# nearest the target chance first.
NEW_BONUS = 1.0
# A word read earlier today is mostly in short-term memory: reading it again teaches little.
SAME_DAY_PENALTY = 0.3
SAME_DAY = 0.5  # days
# A word shown as mastered that the learner model doubts (chance below DOUBT) is checked again,
# so "mastered" stays true; the bonus cancels MASTERED_PENALTY. 0.8 since the model trains on
# every kind of learner (stop 27): at 0.75 fast forgetters kept +24.8 % on the second tuning
# seeds, at 0.8 +26.7 % (first seeds +26.2 / +30.3 %), other variants within a point or two.
DOUBT = 0.8
DOUBT_BONUS = 1.0

# Due reviews are interleaved: one reading in this many may be one, so new words keep coming.
REVIEW_EVERY = 3

REVIEW, PATTERN, CHALLENGE, ORDER, WEAKEST = "review", "pattern", "challenge", "order", "weakest"
_REASONS = [REVIEW, PATTERN, CHALLENGE, ORDER, WEAKEST]


@dataclass(frozen=True)
class Pick:
    index: int  # into Words
    reason: str
    probability: float | None = None
    pattern: str | None = None  # the skill behind a PATTERN pick

    def explain(self) -> str:
        """The reason in plain words, for the learner."""
        if self.reason == REVIEW:
            return "Time to check you still remember this word."
        if self.reason == PATTERN and self.pattern:
            return f"This word practises {found_hard(self.pattern)}, which you found hard."
        if self.reason == CHALLENGE:
            return "A good next step: not too easy, not too hard."
        if self.reason == WEAKEST:
            return "You know this one. Read it again to keep it fresh."
        return "The next word in this level."


def choose(
    history: History,
    words: Words,
    now: float,
    *,
    open_words: np.ndarray,
    focus_level: np.ndarray,
    learner_level: np.ndarray,
    after: np.ndarray | None = None,
    model: LearnerModel | None = None,
) -> tuple[np.ndarray, list[Pick]]:
    """The next word index for every learner (−1 when nothing is open), and the reason.

    ``open_words`` (L, W) says what each learner may practise; ``after`` (L,) the
    word just practised (−1 for none), skipped when there is another.
    """
    n_learners, n_words = open_words.shape
    allowed = open_words.copy()
    if after is not None:
        rows = np.flatnonzero(after >= 0)
        others = allowed[rows].sum(1) > 1
        allowed[rows[others], after[rows[others]]] = False
    recall = history.recall(now)
    # Due: what the pages show as "time to review" (mastered once, and FSRS says due or the
    # last reading was judged wrong).
    shown = mastery.shown_mastered(history.mastered, history.last_right, recall)
    due = history.mastered & ~shown
    today = (now - np.nan_to_num(history.last_seen, nan=-np.inf)) < SAME_DAY
    review_turn = (history.total % REVIEW_EVERY == REVIEW_EVERY - 1)[:, None]
    in_focus = words.level[None, :] == np.asarray(focus_level)[:, None]
    cold = history.total < COLD_START_READINGS
    if model is None:
        cold[:] = True

    # Rule-based order: due reviews (most forgotten first), then the focus level's words in
    # curriculum order, then the weakest mastered word.
    order = 1.0 - words.position / max(n_words, 1)  # earlier words a little higher
    accuracy = (history.right + 1) / (history.seen + 2)
    unmastered = ~history.mastered
    rule = np.where(due & review_turn, 3.0 + (1 - recall), 0.0)
    rule += np.where(unmastered & in_focus, 2.0 + order, 0.0)
    rule += np.where(unmastered & ~in_focus, 1.0 + order, 0.0)
    rule += np.where(history.mastered & ~due, 0.5 * (1 - accuracy), 0.0)
    codes = {name: index for index, name in enumerate(_REASONS)}
    rule_reason = np.where(
        due & review_turn, codes[REVIEW], np.where(unmastered, codes[ORDER], codes[WEAKEST])
    )

    score = rule
    reason = rule_reason
    probability = np.full((n_learners, n_words), np.nan)
    weakest_pattern = np.full((n_learners, n_words), -1)
    warm = np.flatnonzero(~cold)
    if warm.size:
        rows = features(history, words, now, learner_level, warm[:, None], np.arange(n_words)[None, :])
        p = model.predict(rows)
        probability[warm] = p
        challenge = 1.0 - np.abs(p - TARGET) / TARGET
        misses = history.miss[warm][:, None, :] * words.patterns[None, :, :]  # (l, W, P)
        pull = np.minimum(1.0, misses.max(-1) / 2.0)  # two recent misses of a pattern pull fully
        weakest_pattern[warm] = np.where(pull > 0, misses.argmax(-1), -1)
        m, d = history.mastered[warm], due[warm] & review_turn[warm]
        learned = challenge + PATTERN_BONUS * pull * ~m + DUE_BONUS * d + FOCUS_BONUS * in_focus[warm]
        learned -= MASTERED_PENALTY * (m & ~d)
        learned += NEW_BONUS * (history.seen[warm] == 0)
        learned -= SAME_DAY_PENALTY * today[warm]
        doubted = shown[warm] & (p < DOUBT)
        learned += DOUBT_BONUS * doubted
        score = score.copy()
        score[warm] = learned
        reason = reason.copy()
        reason[warm] = np.where(
            d | doubted,
            codes[REVIEW],
            np.where(m, codes[WEAKEST], np.where(pull >= 0.5, codes[PATTERN], codes[CHALLENGE])),
        )

    score = np.where(allowed, score, -np.inf)
    chosen = score.argmax(1)
    chosen[~allowed.any(1)] = -1
    picks = []
    for learner, index in enumerate(chosen):
        if index < 0:
            picks.append(Pick(-1, ORDER))
            continue
        why = _REASONS[reason[learner, index]]
        skill = weakest_pattern[learner, index]
        p = probability[learner, index]
        picks.append(
            Pick(
                int(index),
                why,
                None if np.isnan(p) else float(p),
                SKILLS[skill] if why == PATTERN and skill >= 0 else None,
            )
        )
    return chosen, picks
