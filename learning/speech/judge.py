"""Turn what the recognisers heard into a verdict for the learner.

Three outcomes:

* ``correct``   — score >= 70; the attempt counts as read right (``mastered``).
* ``not_quite`` — another word was heard; the feedback names it and says which sound
  differs (start / middle / end) in child-friendly words.
* ``unclear``   — too unsure either way; "We couldn't hear that clearly. Please try
  again."  It must not count as a failed attempt (``counts_as_attempt`` is False).

How the evidence is combined (see ``docs`` in the benchmark for the numbers):
each word w gets ``s(w) = log P(w | audio) - beta * log P(w | silence)``
(the second term is the word's prior — what the recogniser says when it hears
nothing — so common words are not favoured); the scores of the target, its
homophones, its confusable neighbours and the recogniser's own best guesses are
turned into probabilities with a softmax, and the target's share decides.
Thresholds were tuned on the TUNING word set only (benchmarks/speech_data.py).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from . import lexicon
from .config import setting
from .phonetics import compare, describe
from .recognisers import Evidence

CORRECT = "correct"
NOT_QUITE = "not_quite"
UNCLEAR = "unclear"

PASS_SCORE = 70
UNCLEAR_FEEDBACK = "We couldn't hear that clearly. Please try again."


@dataclass(frozen=True)
class JudgeParams:
    """Decision parameters (tuned on the tuning word set)."""

    beta: float = 0.5  # weight of the no-audio prior
    accept: float = 0.5  # target share at/above which the reading is correct
    reject: float = 0.5  # target share at/below which another word was heard
    max_no_speech: float = 0.9  # above this Whisper thinks nobody spoke

    @classmethod
    def for_engine(cls, engine: str) -> JudgeParams:
        """Defaults tuned for an engine family, overridable by settings."""
        family = engine.split("-")[0]
        return cls.from_settings(ENGINE_DEFAULTS.get(family, cls()))

    @classmethod
    def from_settings(cls, default: JudgeParams | None = None) -> JudgeParams:
        default = default or cls()
        return cls(
            beta=float(setting("SPEECH_PRIOR_WEIGHT", default.beta)),
            accept=float(setting("SPEECH_ACCEPT_SHARE", default.accept)),
            reject=float(setting("SPEECH_REJECT_SHARE", default.reject)),
            max_no_speech=float(setting("SPEECH_MAX_NO_SPEECH", default.max_no_speech)),
        )


# Tuned on the TUNING words (benchmarks/speech_accuracy.py --retune).
ENGINE_DEFAULTS: dict[str, JudgeParams] = {
    "whisper": JudgeParams(beta=0.5, accept=0.5, reject=0.5),
    "pocketsphinx": JudgeParams(beta=0.0, accept=0.5, reject=0.5),
    "vosk": JudgeParams(beta=0.0, accept=0.5, reject=0.5),
}


@dataclass
class Judgement:
    verdict: str  # "correct" | "not_quite" | "unclear"
    score: int  # 0-100; >= 70 exactly when verdict == "correct"
    mastered: bool  # this attempt shows the word read right
    transcript: str  # what the recogniser wrote down, free-form
    feedback: str  # one or two sentences for the learner
    heard_as: str | None  # the word we think was said instead (not_quite)
    wrong_sounds: list[dict] = field(default_factory=list)
    engine: str = ""
    seconds: float = 0.0
    target_share: float = 0.0  # probability share of the target among the candidates

    @property
    def counts_as_attempt(self) -> bool:
        return self.verdict != UNCLEAR

    def as_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "score": self.score,
            "mastered": self.mastered,
            "transcript": self.transcript,
            "feedback": self.feedback,
            "heard_as": self.heard_as,
            "wrong_sounds": self.wrong_sounds,
            "engine": self.engine,
            "seconds": round(self.seconds, 3),
            "counts_as_attempt": self.counts_as_attempt,
        }


def sounds_like(word: str, other: str) -> bool:
    """Same word or a homophone (same CMUdict phonemes), e.g. 'night' / 'knight'."""
    word, other = lexicon.normalise_word(word), lexicon.normalise_word(other)
    if word == other:
        return True
    a, b = lexicon.phonemes(word), lexicon.phonemes(other)
    return bool(a) and a == b


def candidates_for(target: str, limit: int = 8) -> list[str]:
    """Words to weigh against the target: its confusable neighbours."""
    return [w for w in lexicon.confusables(target, limit=limit) if not sounds_like(w, target)]


def shares(evidence: Evidence, beta: float) -> dict[str, float]:
    """Softmax of prior-corrected scores over the evidence's words."""
    adjusted = {}
    for word, score in evidence.scores.items():
        if score == -math.inf:
            continue
        adjusted[word] = score - beta * evidence.priors.get(word, 0.0)
    if not adjusted:
        return {}
    top = max(adjusted.values())
    weights = {w: math.exp(s - top) for w, s in adjusted.items()}
    total = sum(weights.values())
    return {w: v / total for w, v in weights.items()}


def _score_from_share(share: float, params: JudgeParams) -> int:
    """Map the target's share to 0-100 so that the accept threshold lands on 70."""
    share = min(max(share, 0.0), 1.0)
    if share >= params.accept:
        span = max(1e-9, 1.0 - params.accept)
        return int(round(PASS_SCORE + (100 - PASS_SCORE) * (share - params.accept) / span))
    return min(PASS_SCORE - 1, int(round((PASS_SCORE - 1) * share / max(params.accept, 1e-9))))


def decide(target: str, evidence: Evidence, params: JudgeParams | None = None) -> Judgement:
    """Verdict from one engine's evidence."""
    params = params or JudgeParams.for_engine(evidence.engine)
    target = lexicon.normalise_word(target)
    started = time.perf_counter()
    share_by_word = shares(evidence, params.beta)
    target_share = sum(s for w, s in share_by_word.items() if sounds_like(w, target))
    others = {w: s for w, s in share_by_word.items() if not sounds_like(w, target)}
    heard = max(others, key=others.get) if others else None
    score = _score_from_share(target_share, params)
    common = {
        "transcript": evidence.transcript,
        "engine": evidence.engine,
        "seconds": evidence.seconds + (time.perf_counter() - started),
        "target_share": target_share,
    }
    if evidence.no_speech_prob > params.max_no_speech and target_share < params.accept:
        return Judgement(UNCLEAR, score, False, feedback=UNCLEAR_FEEDBACK, heard_as=None, **common)
    if target_share >= params.accept:
        return Judgement(
            CORRECT,
            max(score, PASS_SCORE),
            True,
            feedback=f"Well done! You read '{target}'.",
            heard_as=None,
            **common,
        )
    if target_share <= params.reject and heard is not None:
        differences = compare(target, heard)
        safe = lexicon.is_child_safe_word(heard)
        return Judgement(
            NOT_QUITE,
            min(score, PASS_SCORE - 1),
            False,
            feedback=describe(target, heard, differences, name_heard=safe),
            heard_as=heard if safe else None,
            wrong_sounds=[d.as_dict() for d in differences],
            **common,
        )
    return Judgement(
        UNCLEAR, min(score, PASS_SCORE - 1), False, feedback=UNCLEAR_FEEDBACK, heard_as=None, **common
    )
