"""Turn what the recognisers heard into a verdict for the learner.

Three outcomes:

* ``correct``   — score >= 70; the attempt counts as read right (``mastered``).
* ``not_quite`` — another word was heard; the feedback names it and says which sound
  differs (start / middle / end) in child-friendly words.
* ``unclear``   — too unsure either way; "We couldn't hear that clearly. Please try
  again."  It must not count as a failed attempt (``counts_as_attempt`` is False).

How the evidence is combined.  The candidates are the target, its homophones, and
up to 10 words a reader may say instead (``candidates_for``: the classic
confusions first, letter flips and similar sounds from
``sounds.confusables``, then the commonest words one sound away).  When
the engine has reference readings (``speech.references``: how the same
recogniser hears a clear espeak-ng reading of each candidate), the target's lead
over each rival is measured from the half-way point between what the recogniser
says for a clear target and for a clear rival; that undoes the recogniser's word
preferences ("run" over "rung"), see :func:`calibrated_margins`.  A rival that is
merely one sound away must win by ``neighbour_penalty`` nats more than a classic
confusion (a prior: readers say "dad" for "bad" far more often than "had").  Words
the recogniser proposed itself only count when they beat the target outright by
``open_guard`` nats.  Without references, each word gets ``s(w) = log P(w | audio)
- beta * log P(w | silence)`` and the lead is ``s(target) - max s(other word)``.

The verdict depends on the lead (``margin``): at or above ``accept_margin`` ->
correct, below ``reject_margin`` -> not quite, in between (or no speech) -> unclear.
The parameters were tuned per engine on the TUNING words only
(``benchmarks/speech_data.py``); the benchmark reports the separate DEVELOPMENT
words.  The score maps the margin through a logistic curve that passes 70 exactly
at the accept margin.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from . import sounds
from .config import setting
from .phonetics import compare, describe
from .recognisers import Evidence
from .recognisers.base import _first_word


class Verdict(StrEnum):
    """The judge's three answers; apps take their model choices from here."""

    CORRECT = "correct"
    NOT_QUITE = "not_quite"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.CORRECT: "Correct",
    Verdict.NOT_QUITE: "Not quite",
    Verdict.UNCLEAR: "Couldn't hear clearly",
}
CORRECT, NOT_QUITE, UNCLEAR = Verdict.CORRECT, Verdict.NOT_QUITE, Verdict.UNCLEAR

PASS_SCORE = 70
UNCLEAR_FEEDBACK = "We couldn't hear that clearly. Please try again."


@dataclass(frozen=True)
class JudgeParams:
    """Decision parameters (tuned on the tuning word set, per engine)."""

    beta: float = 0.0  # weight of the no-audio prior
    accept_margin: float = 0.0  # target's lead over the best other word at/above which: correct
    reject_margin: float = 0.0  # lead below which: not_quite (between the two: unclear)
    max_no_speech: float = 0.9  # above this Whisper thinks nobody spoke
    # with reference readings: how far a word outside the candidates must beat the target
    open_guard: float = 6.0
    # with reference readings: how much more a rival that is merely one sound away (not
    # one of the classic confusions) must win by; a prior on which misreadings happen
    neighbour_penalty: float = 0.0
    # "Say it once more": a first reading whose margin falls in
    # [accept_margin - retry_below, accept_margin + retry_above) is judged again with a
    # second reading instead of being decided alone.
    retry_below: float = 0.0
    retry_above: float = 0.0
    # nats added to the margin when Whisper's free transcription wrote the target itself
    transcript_bonus: float = 0.0
    # An accepted first reading whose free transcriptions are all unrelated to the word
    # ("Good." for cat) gets a second look when its margin is less than this far above the
    # accept margin; a reading accepted by a wider margin is trusted.
    heard_check_above: float = math.inf

    @classmethod
    def for_engine(cls, engine: str) -> JudgeParams:
        """Defaults tuned for an engine, overridable by settings."""
        if engine in ENGINE_DEFAULTS:
            default = ENGINE_DEFAULTS[engine]
        elif "+" in engine:
            default = ENGINE_DEFAULTS["whisper-ensemble"]
        else:
            default = ENGINE_DEFAULTS.get(engine.split("-")[0], cls())
        return cls.from_settings(default)

    @classmethod
    def from_settings(cls, default: JudgeParams | None = None) -> JudgeParams:
        default = default or cls()

        def value(name, fallback):
            configured = setting(name)
            return fallback if configured is None else float(configured)

        return cls(
            beta=value("SPEECH_PRIOR_WEIGHT", default.beta),
            accept_margin=value("SPEECH_ACCEPT_MARGIN", default.accept_margin),
            reject_margin=value("SPEECH_REJECT_MARGIN", default.reject_margin),
            max_no_speech=value("SPEECH_MAX_NO_SPEECH", default.max_no_speech),
            open_guard=value("SPEECH_OPEN_GUARD", default.open_guard),
            neighbour_penalty=value("SPEECH_NEIGHBOUR_PENALTY", default.neighbour_penalty),
            retry_below=value("SPEECH_RETRY_BELOW", default.retry_below),
            retry_above=value("SPEECH_RETRY_ABOVE", default.retry_above),
            transcript_bonus=value("SPEECH_TRANSCRIPT_BONUS", default.transcript_bonus),
            heard_check_above=value("SPEECH_HEARD_CHECK_ABOVE", default.heard_check_above),
        )


# Tuned on the TUNING words only (benchmarks/speech_accuracy.py --retune); margins are in
# nats (natural-log probability), summed over the models of an ensemble.  The Whisper
# engines judge with reference readings (calibrated margins, the prior plays no part);
# PocketSphinx and Vosk have none.
_TINY = JudgeParams(
    accept_margin=-0.24,
    reject_margin=-0.24,
    open_guard=8.0,
    neighbour_penalty=2.0,
    transcript_bonus=3.0,
    heard_check_above=0.0,
)
ENGINE_DEFAULTS: dict[str, JudgeParams] = {
    # tiny.en alone (also the busy engine, SPEECH_BUSY_ENGINE): re-tuned at stop 27 the same way
    # as the ensemble below (5 s window, two accents); it asks no one to say it once more.
    "whisper": _TINY,
    "whisper-tiny.en": _TINY,
    "whisper-base": JudgeParams(accept_margin=-1.38, reject_margin=-1.38, open_guard=12.0),
    # Tuned for issue 13 (5 s window, references in two accents) on the tuning words of all
    # 17 benchmark voices and the real voices' tuning half: benchmarks/speech_accuracy.py.
    "whisper-ensemble": JudgeParams(
        accept_margin=-1.30,
        reject_margin=-1.30,
        open_guard=12.0,
        neighbour_penalty=1.0,
        retry_below=0.5,
        heard_check_above=1.0,
    ),
    "pocketsphinx": JudgeParams(beta=0.0, accept_margin=0.0, reject_margin=0.0),
    "vosk": JudgeParams(beta=0.0, accept_margin=0.0, reject_margin=0.0),
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
    margin: float = 0.0  # target's lead (nats) over the best other word; >= accept margin: correct
    retry: bool = False  # unsure: "say it once more", and the next reading is judged with this one
    evidence: dict = field(default_factory=dict)  # what was heard (Evidence.as_dict), to combine later
    second_reading: bool = False  # judged together with an earlier reading of the same word

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
            "retry": self.retry,
            "second_reading": self.second_reading,
        }


def sounds_like(word: str, other: str) -> bool:
    """Same word or a homophone (same CMUdict phonemes), e.g. 'night' / 'knight'."""
    word, other = sounds.normalise_word(word), sounds.normalise_word(other)
    if word == other:
        return True
    a, b = sounds.phonemes(word), sounds.phonemes(other)
    return bool(a) and a == b


CANDIDATES = 10


def likely_misreadings(target: str) -> list[str]:
    """The classic confusions of the word: letter flips (b/d, was/saw), similar sounds."""
    return sounds.confusables(target, limit=8)


def candidates_for(target: str, limit: int = CANDIDATES) -> list[str]:
    """Words to weigh against the target: the likely misreadings first, then any
    common word one sound away, most frequent first."""
    words: list[str] = []
    for word in likely_misreadings(target) + sounds.sound_neighbours(target, limit=limit):
        if word not in words and not sounds_like(word, target):
            words.append(word)
    return words[:limit]


def closed_set(target: str) -> list[str]:
    """The target, its homophones and its candidates: the words given reference readings."""
    return [target, *(h for h in sounds.homophones(target) if h != target), *candidates_for(target)]


_SHORT_WORDS = frozenset(
    [
        "a",
        "i",
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "oh",
        "on",
        "or",
        "ox",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)


def is_competitor(word: str) -> bool:
    """A real word a reader could have said (not a fragment like 'sh' or 'ro')."""
    if len(word) < 3 and word not in _SHORT_WORDS:
        return False
    return sounds.is_dictionary_word(word) is not False


def rival_leads(target: str, evidence: Evidence, params: JudgeParams) -> list[dict[str, float]]:
    """The target's lead over each rival, once per reference accent (main accent first).

    With reference readings the leads are calibrated (:func:`calibrated_leads`), one
    dict per accent the references were read in; otherwise one dict of raw leads of
    prior-corrected scores.  An empty dict means the target itself could not be scored.
    """
    if evidence.references:
        return [
            calibrated_leads(target, evidence.scores, refs, params.open_guard, params.neighbour_penalty)
            for refs in [evidence.references, *evidence.accent_references]
        ]
    beta = params.beta
    best_target = -math.inf
    others: dict[str, float] = {}
    for word, score in evidence.scores.items():
        if score == -math.inf:
            continue
        adjusted = score - beta * evidence.priors.get(word, 0.0)
        if sounds_like(word, target):
            best_target = max(best_target, adjusted)
        elif is_competitor(word):
            others[word] = adjusted
    if best_target == -math.inf:
        return [{}]
    return [{word: best_target - score for word, score in others.items()} or {"": math.inf}]


def _closest(leads: dict[str, float]) -> tuple[float, str | None]:
    if not leads:
        return -math.inf, None
    word = min(leads, key=leads.get)
    return leads[word], (word or None)


def _best_accent(per_accent: list[dict[str, float]]) -> tuple[float, str | None]:
    """The reading is judged in the accent it fits best: a British 'cat' against British
    references, an American one against American ones."""
    return max((_closest(leads) for leads in per_accent), key=lambda found: found[0])


def margins(target: str, evidence: Evidence, params: JudgeParams) -> tuple[float, str | None]:
    """(target's lead over the best other word, that word), in the accent that fits best.

    The target's score is the best of the target and its homophones.
    """
    margin, heard = _best_accent(rival_leads(target, evidence, params))
    return margin + _transcript_bonus(target, evidence, params), heard


def _transcript_bonus(target: str, evidence: Evidence, params: JudgeParams) -> float:
    # Whisper writing the very word is evidence the calibrated scores can miss (a British
    # "map" written "map" but scored nearer "mop").
    return params.transcript_bonus if sounds_like(heard_word(evidence.transcript), target) else 0.0


def joint_margins(
    target: str, first: Evidence, second: Evidence, params: JudgeParams
) -> tuple[float, str | None]:
    """Two readings of the same word judged together: each rival's lead is the mean of its
    leads in the two readings (a rival only one of them proposed keeps its single lead),
    so one borderline reading and one clear reading make a clear decision."""
    joint = []
    for one, two in zip(
        rival_leads(target, first, params), rival_leads(target, second, params), strict=False
    ):
        if not one or not two:
            joint.append(one or two)
            continue
        joint.append(
            {
                w: (one[w] + two[w]) / 2 if w in one and w in two else one.get(w, two.get(w))
                for w in {*one, *two}
            }
        )
    margin, heard = _best_accent(joint)
    bonus = (_transcript_bonus(target, first, params) + _transcript_bonus(target, second, params)) / 2
    return margin + bonus, heard


def _boundary(refs: dict[str, dict[str, float]], target: str, rival: str) -> float:
    """Half-way between the target's lead on a clear target and on a clear rival (0 if unknown)."""
    value = ((refs[target][target] - refs[target][rival]) + (refs[rival][target] - refs[rival][rival])) / 2
    return value if math.isfinite(value) else 0.0


def calibrated_leads(
    target: str,
    scores: dict[str, float],
    refs: dict[str, dict[str, float]],
    open_guard: float = math.inf,
    neighbour_penalty: float = 0.0,
) -> dict[str, float]:
    """The target's lead over each rival, each pair's boundary set by references.

    For the target t and a rival v (a word with a reference reading), the raw lead
    ``s(t) - s(v)`` is compared with the leads the recogniser gives to a clear
    reading of t and of v: the boundary sits half-way between them.  So a word the
    recogniser always prefers ("run" over "rung") must win by more than its usual
    head start.  Words the recogniser suggested itself (no reference) only count
    when they beat the target outright by more than ``open_guard`` nats: the
    learner said something else entirely.  Rivals that are only one sound away,
    not one of the classic confusions (letter flips, similar sounds), must win by
    ``neighbour_penalty`` nats more: readers say those far less often.
    """
    likely = set(likely_misreadings(target))

    def usable(word: str) -> bool:
        return scores.get(word, -math.inf) != -math.inf

    targets = [w for w in refs if sounds_like(w, target) and usable(w)]
    if not targets:
        return {}
    leads: dict[str, float] = {}
    for rival in refs:
        if sounds_like(rival, target) or not is_competitor(rival) or not usable(rival):
            continue
        lead = max(scores[t] - scores[rival] - _boundary(refs, t, rival) for t in targets)
        leads[rival] = lead + (0.0 if rival in likely else neighbour_penalty)
    best_target = max(scores[t] for t in targets)
    for word, score in scores.items():
        if word in refs or sounds_like(word, target) or not is_competitor(word) or score == -math.inf:
            continue
        leads[word] = best_target - score + open_guard
    return leads or {"": math.inf}


def calibrated_margins(
    target: str, evidence: Evidence, open_guard: float = math.inf, neighbour_penalty: float = 0.0
) -> tuple[float, str | None]:
    """The target's lead over its closest rival in the main accent's references."""
    return _closest(
        calibrated_leads(target, evidence.scores, evidence.references, open_guard, neighbour_penalty)
    )


def _score_from_margin(margin: float, params: JudgeParams) -> int:
    """0-100, monotonic in the margin, exactly 70 at the accept margin."""
    if margin == math.inf:
        return 100
    if margin == -math.inf:
        return 0
    x = margin - params.accept_margin + math.log(PASS_SCORE / (100 - PASS_SCORE))
    value = 100.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))
    return int(math.floor(value)) if margin < params.accept_margin else max(PASS_SCORE, int(round(value)))


# --- A check on what was heard ------------------------------------------------------------


def heard_word(transcript: str) -> str:
    """The first word of Whisper's free transcription ('' when it wrote none)."""
    return _first_word(transcript)


def related_to(target: str, word: str) -> bool:
    """Could ``word`` (what the free transcription wrote) be a reading of ``target``?

    True for the word itself, a homophone, a word a sound or two away, or a close
    spelling ("Wambat" for wombat); False for something unrelated ("Good." for cat).
    """
    if not word or sounds_like(word, target):
        return True
    a, b = sounds.phonemes(target), sounds.phonemes(word)
    if a and b and Levenshtein.distance(a, b) <= max(1, len(a) // 2):
        return True
    return Levenshtein.distance(target, word) <= max(1, len(target) // 3)


def said_for_sure(heard: str | None, transcripts: list[str]) -> bool:
    """The judge names a heard word only when a free transcription wrote that word too."""
    return bool(heard) and any(sounds_like(heard, heard_word(text)) for text in transcripts)


# --- The verdict -----------------------------------------------------------------------------


def decide(
    target: str, evidence: Evidence, params: JudgeParams | None = None, earlier: Evidence | None = None
) -> Judgement:
    """Verdict from one engine's evidence.

    Without ``earlier``, a borderline margin (within the retry band around the accept
    margin) or an accepted reading whose free transcription is unrelated to the
    target asks for one more reading (``retry``).  With ``earlier`` (the evidence of
    that first reading) the two readings are judged together and the answer is final.
    """
    params = params or JudgeParams.for_engine(evidence.engine)
    target = sounds.normalise_word(target)
    started = time.perf_counter()
    if earlier is not None:
        margin, heard = joint_margins(target, earlier, evidence, params)
    else:
        margin, heard = margins(target, evidence, params)
    score = _score_from_margin(margin, params)
    common = {
        "transcript": evidence.transcript,
        "engine": evidence.engine,
        "seconds": evidence.seconds + (time.perf_counter() - started),
        "margin": margin,
        "evidence": evidence.as_dict(),
        "second_reading": earlier is not None,
    }
    # Unrelated only when no model of the ensemble wrote anything like the word.
    transcripts = evidence.transcripts + (earlier.transcripts if earlier is not None else [])
    unrelated = not any(related_to(target, heard_word(text)) for text in transcripts)
    doubted = unrelated and margin < params.accept_margin + params.heard_check_above
    if margin == -math.inf:  # the engine could not score the target at all (e.g. unknown word)
        return Judgement(UNCLEAR, 0, False, feedback=UNCLEAR_FEEDBACK, heard_as=None, **common)
    if evidence.no_speech_prob > params.max_no_speech and margin < params.accept_margin:
        return Judgement(
            UNCLEAR, min(score, PASS_SCORE - 1), False, feedback=UNCLEAR_FEEDBACK, heard_as=None, **common
        )
    borderline = (
        params.accept_margin - params.retry_below <= margin < params.accept_margin + params.retry_above
    )
    if earlier is None and (borderline or (margin >= params.accept_margin and doubted)):
        return Judgement(
            UNCLEAR,
            min(score, PASS_SCORE - 1),
            False,
            feedback=retry_feedback(target),
            heard_as=None,
            retry=True,
            **common,
        )
    if margin >= params.accept_margin and not doubted:
        return Judgement(
            CORRECT,
            max(score, PASS_SCORE),
            True,
            feedback=f"Well done! You read '{target}'.",
            heard_as=None,
            **common,
        )
    if (margin < params.reject_margin and heard is not None) or margin >= params.accept_margin:
        confident = said_for_sure(heard, evidence.transcripts)
        differences = compare(target, heard) if heard else []
        named = confident and sounds.is_child_safe_word(heard)
        return Judgement(
            NOT_QUITE,
            min(score, PASS_SCORE - 1),
            False,
            feedback=describe(target, heard or target, differences, name_heard=named),
            heard_as=heard if named else None,
            wrong_sounds=[d.as_dict() for d in differences] if confident else [],
            **common,
        )
    return Judgement(
        UNCLEAR, min(score, PASS_SCORE - 1), False, feedback=UNCLEAR_FEEDBACK, heard_as=None, **common
    )


def retry_feedback(target: str) -> str:
    return f"Nearly there! Say '{target}' once more, nice and clearly."
