"""CMU PocketSphinx with the en-us model shipped in its wheel."""

from __future__ import annotations

import math
import threading
import time

import numpy as np

from .. import model_files
from ..audio import SAMPLE_RATE, Audio, trim_silence
from .base import (
    Evidence,
    Recogniser,
)


class PocketSphinxRecogniser(Recogniser):
    """PocketSphinx forced alignment of each candidate; acoustic scores compared.

    TTS and some browsers give digital silence, which upsets PocketSphinx's cepstral
    mean normalisation: a faint noise floor is added and the CMN is primed by a
    first pass over the same recording.
    """

    name = "pocketsphinx"

    def __init__(self):
        from pocketsphinx import Decoder

        self.decoder = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL", lm=None)
        self._lock = threading.Lock()

    def _pcm(self, audio: Audio) -> bytes:
        samples = trim_silence(audio, margin=0.25).samples
        noise = np.random.default_rng(7).standard_normal(len(samples)).astype(np.float32) * 3e-3
        return (np.clip(samples + noise, -1, 1) * 32767).astype("<i2").tobytes()

    def _known(self, word: str) -> bool:
        return self.decoder.lookup_word(word.lower()) is not None

    def _align_score(self, pcm: bytes, word: str) -> float:
        self.decoder.set_align_text(word.lower())
        for _ in range(2):  # first pass primes CMN on this recording
            self.decoder.start_utt()
            self.decoder.process_raw(pcm, full_utt=True)
            self.decoder.end_utt()
        hyp = self.decoder.hyp()
        return float(hyp.best_score) if hyp is not None else -math.inf

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        started = time.perf_counter()
        words = [w for w in [target] + [c for c in candidates if c != target] if self._known(w)]
        pcm = self._pcm(audio)
        scale = math.log(1.0001)  # PocketSphinx scores are in log base 1.0001
        with self._lock:
            scores = {w: self._align_score(pcm, w) * scale for w in words}
        if target not in scores:
            scores[target] = -math.inf
        best = max(scores, key=scores.get)
        return Evidence(
            engine=self.name,
            target=target,
            candidates=tuple([target] + [w for w in words if w != target]),
            scores=scores,
            transcript=best,
            seconds=time.perf_counter() - started,
        )

    @classmethod
    def available(cls) -> bool:
        return model_files.pocketsphinx_model_dir() is not None


# --- Vosk -------------------------------------------------------------------------------
