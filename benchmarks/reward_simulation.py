"""Simulated learners for the rewards benchmark (plain Python, no Django): who practises when, and
what they really remember.

Memory model (a small, common one): each word has a difficulty; a learner's memory of a word has
a strength (how well it was learnt) and a stability in days (how slowly it fades). The chance of
saying a word right is a logistic curve of strength × e^(−days since / stability) × ability − difficulty.
Each try adds strength; a try after a gap adds stability (the spacing effect), a try minutes after
the last adds almost none, so cramming masters words that fade, and spaced reviews keep them.
A word is *retained* when the chance of saying it right a week after the learner's last practice
is at least 70 % (their expected score is a pass).

The simulator knows nothing of the award rules: policies choose words from the learner's true
memory (an oracle for "due"), never from stars, so no rule can be tuned into the simulator.
"""

import math
import random
from dataclasses import dataclass, field

HOUR = 1 / 24


@dataclass
class Memory:
    strength: float = 0.0
    stability: float = 0.5  # days
    last: float | None = None  # day of the last try


@dataclass
class Word:
    text: str
    difficulty: float  # 0.1 (easy) .. 0.8 (hard)
    sound: str  # the sound a struggling reader misses in it (ARPAbet)


@dataclass
class Try:
    day: float
    word: Word
    score: int
    correct: bool
    wrong_sound: str | None
    seconds: float


@dataclass
class SimLearner:
    name: str
    policy: str
    ability: float
    tries_per_session: int
    seed: int
    memory: dict[str, Memory] = field(default_factory=dict)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def chance(self, word: Word, day: float) -> float:
        memory = self.memory.get(word.text, Memory())
        if memory.last is None:
            return 1 / (1 + math.exp(8 * word.difficulty))
        recall = memory.strength * math.exp(-(day - memory.last) / memory.stability)
        return 1 / (1 + math.exp(-8 * (recall * self.ability - word.difficulty)))

    def say(self, word: Word, day: float) -> Try:
        p = self.chance(word, day)
        score = max(0, min(100, round(100 * p + self.rng.gauss(0, 8))))
        correct = score >= 70
        memory = self.memory.setdefault(word.text, Memory())
        gap = 0.0 if memory.last is None else day - memory.last
        memory.strength += 0.3 * (1 - memory.strength)
        # Spacing: stability grows with the gap (relative to how stable the word already is).
        memory.stability *= 1 + 1.2 * min(1.0, gap / memory.stability) if memory.last is not None else 1
        memory.last = day
        wrong = None if correct else word.sound
        return Try(day, word, score, correct, wrong, seconds=self.rng.uniform(12, 20))

    def retained(self, words: list[Word], day: float) -> int:
        return sum(self.chance(word, day) >= 0.7 for word in words)


def practice_days(policy: str, rng: random.Random, horizon: int) -> list[int]:
    if policy == "steady":
        return list(range(horizon))
    if policy == "crammer":
        return [horizon - 10, horizon - 9]
    if policy == "returner":
        return [d for d in range(horizon) if d < 9 or d >= 20]
    if policy == "star farmer":
        return list(range(horizon))
    if policy == "random":
        return [d for d in range(horizon) if rng.random() < 0.5]
    raise ValueError(policy)


def choose_word(learner: SimLearner, words: list[Word], day: float) -> Word:
    """What each policy says next."""
    rng = learner.rng
    if learner.policy == "star farmer":
        easy = sorted(words, key=lambda w: w.difficulty)[:3]
        return easy[int(day * 24 * 60) % 3]  # the same three easy words, over and over
    if learner.policy == "random":
        return rng.choice(words)
    tried = [w for w in words if w.text in learner.memory]
    due = [w for w in tried if learner.chance(w, day) < 0.8 and day - learner.memory[w.text].last >= 1]
    if learner.policy != "crammer" and due:
        return min(due, key=lambda w: learner.chance(w, day))  # a review of a fading word
    learning = [w for w in tried if learner.chance(w, day) < 0.7]
    if learning and (learner.policy == "crammer" or rng.random() < 0.6):
        return min(learning, key=lambda w: learner.memory[w.text].last)
    fresh = [w for w in words if w.text not in learner.memory]
    return fresh[0] if fresh else rng.choice(words)


def cast(seed_set: int, per_policy: int, policies: list[str]) -> list[SimLearner]:
    """``per_policy`` learners for each policy, their ability and session length drawn from ``seed_set``.

    Seed sets are disjoint (learner seeds are ``seed_set * 100_000 + n``), so rules tuned on one
    set can be judged on another.
    """
    learners = []
    for p, policy in enumerate(policies):
        for k in range(per_policy):
            seed = seed_set * 100_000 + p * 1_000 + k
            rng = random.Random(f"cast:{seed}")  # not the learner's own stream
            ability = round(rng.uniform(0.8, 1.2), 3)
            tries = rng.randint(5, 12)
            learners.append(SimLearner(f"{policy} {k + 1}", policy, ability, tries, seed=seed))
    return learners


def simulate(learner: SimLearner, words: list[Word], horizon: int):
    """Yields every Try the learner makes, in time order."""
    for day in practice_days(learner.policy, learner.rng, horizon):
        sessions = 6 if learner.policy == "crammer" else 1
        for session in range(sessions):
            start = day + (16 + session * 0.75) * HOUR
            for n in range(learner.tries_per_session):
                when = start + n * 30 / (24 * 3600)
                yield learner.say(choose_word(learner, words, when), when)


def spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(values):
        order = sorted(range(len(values)), key=lambda i: values[i])
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return result

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    return cov / math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
