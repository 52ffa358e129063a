"""Kaldi via Vosk, only when a model folder is present."""

from __future__ import annotations

import json
import math
import time

from .. import model_files
from ..audio import SAMPLE_RATE, Audio, trim_silence
from .base import (
    Evidence,
    Recogniser,
)


class VoskRecogniser(Recogniser):
    """Vosk (Kaldi) restricted to a grammar of the candidates; word confidence as score."""

    name = "vosk"

    def __init__(self, model_dir: str | None = None):
        import vosk

        folder = model_dir or model_files.vosk_model_dir()
        if folder is None:
            raise model_files.ModelNotFound("no Vosk model under softwaremodels/vosk/")
        vosk.SetLogLevel(-1)
        self.model = vosk.Model(str(folder))

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        import vosk

        started = time.perf_counter()
        words = [target] + [c for c in candidates if c != target]
        recogniser = vosk.KaldiRecognizer(self.model, SAMPLE_RATE, json.dumps(words + ["[unk]"]))
        recogniser.SetWords(True)
        recogniser.AcceptWaveform(trim_silence(audio).pcm16())
        result = json.loads(recogniser.FinalResult())
        heard = [w for w in result.get("result", []) if w.get("word") != "[unk]"]
        scores = dict.fromkeys(words, math.log(1e-3))
        transcript = " ".join(w["word"] for w in heard)
        for item in heard:
            if item["word"] in scores:
                scores[item["word"]] = math.log(max(float(item.get("conf", 0.0)), 1e-3))
        return Evidence(
            engine=self.name,
            target=target,
            candidates=tuple(words),
            scores=scores,
            transcript=transcript,
            seconds=time.perf_counter() - started,
        )

    @classmethod
    def available(cls) -> bool:
        try:
            import vosk  # noqa: F401
        except ImportError:
            return False
        return model_files.vosk_model_dir() is not None
