"""The interface every engine implements, and what it reports."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..audio import Audio
from ..config import SETTINGS, setting

DEFAULT_ENGINES = SETTINGS["SPEECH_ENGINES"].default
_WORD_TOKEN_RE = re.compile(r"^[A-Za-z][A-Za-z']*$")


@dataclass
class Evidence:
    """What one engine heard in one recording."""

    engine: str
    target: str
    candidates: tuple[str, ...]  # target first
    # log P(word | audio) per candidate (engine-specific scale, higher is better)
    scores: dict[str, float]
    # log P(word | no speech) per candidate (0 when the engine has no prior)
    priors: dict[str, float] = field(default_factory=dict)
    transcript: str = ""
    transcript_logprob: float = 0.0
    no_speech_prob: float = 0.0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)
    # word -> its scores when the recogniser hears a clear reading of that word
    # (see speech.references); empty when the engine has none
    references: dict[str, dict[str, float]] = field(default_factory=dict)
    # the same, read in each further accent (SPEECH_REFERENCE_ACCENTS), e.g. British English
    accent_references: list[dict[str, dict[str, float]]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """What was heard, small enough to keep beside a recording (no reference tables:
        they are the same for every reading of the word and are looked up again)."""
        return {
            "engine": self.engine,
            "target": self.target,
            "candidates": list(self.candidates),
            "scores": {w: (None if s == -math.inf else round(s, 4)) for w, s in self.scores.items()},
            "transcript": self.transcript,
            "transcripts": self.transcripts,
            "no_speech_prob": round(self.no_speech_prob, 4),
        }

    @property
    def transcripts(self) -> list[str]:
        """Every free transcription (one per model of an ensemble), best first."""
        return list(self.extra.get("transcripts") or [self.transcript])

    @classmethod
    def from_dict(cls, data: dict) -> Evidence:
        return cls(
            engine=data["engine"],
            target=data["target"],
            candidates=tuple(data.get("candidates", ())),
            scores={w: (-math.inf if s is None else float(s)) for w, s in data["scores"].items()},
            transcript=data.get("transcript", ""),
            no_speech_prob=float(data.get("no_speech_prob", 0.0)),
            extra={"transcripts": list(data.get("transcripts") or [data.get("transcript", "")])},
        )


class Recogniser:
    name = "base"

    @classmethod
    def available(cls) -> bool:
        return False

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        raise NotImplementedError


def _first_word(text: str) -> str:
    for token in text.lower().replace("-", " ").split():
        cleaned = "".join(ch for ch in token if ch.isalpha() or ch == "'").strip("'")
        if cleaned:
            return cleaned
    return ""


def _list_setting(name: str) -> list[str]:
    """A list setting; a Django setting may also be written as one comma-separated string."""
    names = setting(name)
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    return list(names)


def _ensemble_names() -> list[str]:
    return _list_setting("WHISPER_ENSEMBLE")


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))


# --- Whisper ---------------------------------------------------------------------------
