"""Speech for Dyslexia Empower Hub: hear a learner say one word and judge it.

Public API::

    import speech
    speech.validate(upload_bytes)                   # -> Audio, or raises AudioRejected (kind message)
    judgement = speech.judge_audio(upload_bytes, "bad")   # -> Judgement
    judgement.retry                                 # unsure: ask the learner to say it once more…
    speech.judge_audio(again_bytes, "bad", earlier=judgement.evidence)  # …and judge both together
    speech.judge_audio(upload_bytes, "bad", waited=4.2)  # waited long for a worker: the quicker engine
    judgement.verdict                               # a speech.Verdict: CORRECT, NOT_QUITE or UNCLEAR
    speech.compare("bad", "dad"); speech.describe(...)    # which sounds differ, in words for a child
    clip = speech.synthesise("bad", "slow")         # -> Speech(audio, mime_type, engine)
    speech.transcribe(upload_bytes)                 # -> "how do i say elephant" (a free transcript)

Settings are declared once, with defaults, in :mod:`speech.config`.

Everything here is plain Python (no Django models); settings are read from Django
only when it is configured, otherwise from environment variables.  No model or data
is ever downloaded at run time: see :mod:`speech.model_files`.
"""

from __future__ import annotations

from .audio import Audio, AudioRejected, Limits, load_audio, validate
from .judge import CORRECT, NOT_QUITE, PASS_SCORE, UNCLEAR, Judgement, JudgeParams, Verdict
from .phonetics import compare, describe, is_reversal
from .recognisers import Evidence
from .sounds import VOWELS, phonemes, sound_name
from .tts import TTSFailed, cache_key, synthesise

__all__ = [
    "CORRECT",
    "NOT_QUITE",
    "PASS_SCORE",
    "UNCLEAR",
    "VOWELS",
    "Verdict",
    "phonemes",
    "sound_name",
    "TTSFailed",
    "cache_key",
    "compare",
    "describe",
    "is_reversal",
    "synthesise",
    "Audio",
    "Evidence",
    "AudioRejected",
    "JudgeParams",
    "Judgement",
    "Limits",
    "judge",
    "judge_audio",
    "judge_audio_pair",
    "choose_recogniser",
    "hear",
    "load_audio",
    "transcribe",
    "validate",
    "warm_up",
]


def hear(audio: Audio, word: str, recogniser=None) -> Evidence:
    """What the recogniser heard in a recording of ``word``: scores for the word, its
    candidates and the recogniser's own guesses, with reference readings when the
    engine supports them (``SPEECH_REFERENCES``, on by default). A child's voice is
    lowered towards an adult's first (:mod:`speech.vocal_tract`)."""
    from .judge import candidates_for, closed_set
    from .recognisers import get_recogniser
    from .references import reference_tables, uses_references
    from .vocal_tract import normalised

    recogniser = recogniser or get_recogniser()
    evidence = recogniser.evidence(normalised(audio), word, candidates_for(word))
    if uses_references(recogniser):
        evidence.references, *evidence.accent_references = reference_tables(recogniser, closed_set(word))
    return evidence


def _earlier(earlier: Evidence | dict | None, now: Evidence) -> Evidence | None:
    """The first reading's evidence, with the reference tables of this reading (same word)."""
    if earlier is None:
        return None
    if isinstance(earlier, dict):
        earlier = Evidence.from_dict(earlier)
    if earlier.engine != now.engine:
        return None  # another engine's scores are on another scale: judge this reading alone
    earlier.references, earlier.accent_references = now.references, now.accent_references
    return earlier


def choose_recogniser(*, waited: float | None = None, earlier: Evidence | dict | None = None):
    """The engine for one reading: the one that heard the first reading when this is a second
    one (their scores are combined); else, for a reading that ``waited`` for a worker at least
    ``SPEECH_BUSY_AFTER_SECONDS``, the quicker ``SPEECH_BUSY_ENGINE`` (the queue is backed up:
    a verdict in time is worth more to a child than a slightly finer one); else the default."""
    from .config import setting
    from .recognisers import judging_recognisers

    default, *others = judging_recognisers()
    if not others:
        return default
    quick = others[0]
    if earlier is not None:
        engine = earlier.engine if isinstance(earlier, Evidence) else earlier.get("engine")
        return quick if engine == quick.name else default
    busy = waited is not None and waited >= float(setting("SPEECH_BUSY_AFTER_SECONDS"))
    return quick if busy else default


def judge(
    audio: Audio,
    word: str,
    params: JudgeParams | None = None,
    earlier: Evidence | dict | None = None,
    *,
    waited: float | None = None,
) -> Judgement:
    """Judge an already decoded and validated recording of ``word``; with ``earlier`` (the
    ``evidence`` of a first reading that asked to say it once more) both are judged together.
    ``waited``: seconds the reading waited for a worker (see :func:`choose_recogniser`)."""
    import time

    from .judge import decide
    from .sounds import normalise_word

    word = normalise_word(word)
    if not word:
        raise ValueError("judge needs the word the learner was asked to read")
    started = time.perf_counter()
    evidence = hear(audio, word, choose_recogniser(waited=waited, earlier=earlier))
    judgement = decide(word, evidence, params, earlier=_earlier(earlier, evidence))
    judgement.seconds = time.perf_counter() - started
    return judgement


def warm_up() -> str:
    """Load the speech models and fill their caches (call once when a worker starts)."""
    import numpy as np

    from .audio import from_samples
    from .judge import candidates_for
    from .recognisers import judging_recognisers

    recognisers = judging_recognisers()
    noise = (np.random.default_rng(0).standard_normal(8000) * 0.01).astype(np.float32)
    for recogniser in recognisers:
        recogniser.evidence(from_samples(noise), "ship", candidates_for("ship"))
    return ", ".join(recogniser.name for recogniser in recognisers)


def judge_audio(
    data: bytes,
    word: str,
    params: JudgeParams | None = None,
    earlier: Evidence | dict | None = None,
    *,
    waited: float | None = None,
) -> Judgement:
    """The single entry point: upload bytes + target word -> :class:`Judgement`.

    Raises :class:`AudioRejected` (with a message for the learner) when the bytes are
    not an acceptable recording; nothing should be stored in that case.
    """
    import time

    started = time.perf_counter()
    judgement = judge(load_audio(data), word, params, earlier, waited=waited)
    judgement.seconds = time.perf_counter() - started  # decoding included
    return judgement


def transcribe(data: bytes) -> str:
    """The free transcript of a short spoken question (upload bytes -> text; "" for no speech).

    Not judged against a word: Whisper tiny.en's greedy transcript, the engine the judge
    loads anyway. A child's voice is lowered first, as for a reading
    (:mod:`speech.vocal_tract`; see ``benchmarks/voice_questions.py``). Raises
    :class:`AudioRejected` (with a message for the learner) for bytes that are not an
    acceptable recording, and ``model_files.ModelNotFound`` without Whisper.
    """
    from .recognisers import get_engine
    from .vocal_tract import normalised

    return get_engine("whisper").transcribe(normalised(load_audio(data)))


def judge_audio_pair(first: bytes, second: bytes, word: str, params: JudgeParams | None = None) -> Judgement:
    """Two readings of ``word`` judged together (the second after "say it once more")."""
    return judge_audio(second, word, params, earlier=judge_audio(first, word, params).evidence)
