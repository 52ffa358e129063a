"""Speech recognisers behind one interface.

``Recogniser.evidence(audio, target, candidates) -> Evidence`` listens to one
recording of one word and reports, for the target and each candidate word (the
target's confusable neighbours), how well the audio supports it, plus a free
transcription.  The judge (:mod:`learning.speech.judge`) turns evidence into a verdict.

Engines (chosen by the ``SPEECH_ENGINES`` setting / env var, an ordered list; the
first one that is available is used by :func:`get_recogniser`):

* ``whisper`` — Whisper (CTranslate2, as used by faster-whisper).  The encoder runs
  once on the recording; every candidate transcript is then scored against that
  same encoder output in one batch (teacher forcing through ``Whisper.align``,
  whose ``text_token_probs`` are the decoder's token probabilities).  Each score is
  also computed against silence (the candidate's prior) so that words Whisper
  likes to say anyway (common words) are not favoured.
* ``pocketsphinx`` — CMU PocketSphinx with the en-us model shipped in its wheel:
  forced alignment of each candidate, acoustic scores compared.
* ``vosk`` — Kaldi via Vosk, restricted to a grammar of the candidates; only when a
  model folder exists under ``softwaremodels/vosk/`` (none is installable offline).

Models load once per process (lazy, thread-safe singletons).
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from . import models
from .audio import SAMPLE_RATE, Audio, trim_silence
from .config import setting

DEFAULT_ENGINES = ["whisper"]
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


class Recogniser:
    name = "base"

    @classmethod
    def available(cls) -> bool:
        return False

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        raise NotImplementedError


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))


# --- Whisper ---------------------------------------------------------------------------


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

        path = model_dir or str(models.whisper_model_dir(model_name))
        label = model_name or (models.Path(path).name if model_dir else None)
        label = label or (
            models.Path(setting("WHISPER_MODEL_DIR", "")).name if setting("WHISPER_MODEL_DIR", "") else None
        )
        label = label or setting("WHISPER_MODEL", models.DEFAULT_WHISPER_MODEL)
        self.model_path = path
        self.threads = int(threads or setting("WHISPER_THREADS", 2))
        self.model = ctranslate2.models.Whisper(
            path,
            device="cpu",
            compute_type=compute_type or setting("WHISPER_COMPUTE_TYPE", "int8"),
            intra_threads=self.threads,
        )
        self.window = float(window if window is not None else setting("WHISPER_WINDOW_SECONDS", 30.0))
        hf = tokenizers.Tokenizer.from_file(str(models.Path(path) / "tokenizer.json"))
        self.tokenizer = Tokenizer(hf, self.model.is_multilingual, task="transcribe", language="en")
        self.features = FeatureExtractor(feature_size=self.model.n_mels)
        start = list(self.tokenizer.sot_sequence) + [self.tokenizer.no_timestamps]
        if context:
            start = [self.tokenizer.sot_prev] + self.tokenizer.encode(" " + context.strip()) + start
        self.start_sequence = start
        self.name = f"whisper-{label}"
        self.open_set = int(open_set if open_set is not None else setting("WHISPER_OPEN_SET", 10))
        self._prior_cache: OrderedDict[str, float] = OrderedDict()
        self._null_encoding = None
        self._null_first = None
        self._vocab = None
        self._lock = threading.RLock()

    # encoder --------------------------------------------------------------------
    def _window_samples(self) -> int:
        return int(round(self.window * SAMPLE_RATE))

    def encode(self, samples: np.ndarray):
        import ctranslate2

        n = self._window_samples()
        rng = np.random.default_rng(12345)
        padded = (rng.standard_normal(n) * 1e-4).astype(np.float32)
        clip = samples[:n]
        padded[: len(clip)] += clip
        frames = n // 160
        mel = self.features(padded)[:, :frames]
        mel = np.ascontiguousarray(mel[None].astype(np.float32))
        return self.model.encode(ctranslate2.StorageView.from_array(mel), to_cpu=True)

    def null_encoding(self):
        with self._lock:
            if self._null_encoding is None:
                self._null_encoding = self.encode(np.zeros(SAMPLE_RATE // 2, dtype=np.float32))
            return self._null_encoding

    # vocabulary words --------------------------------------------------------------
    def _vocabulary(self):
        """Token ids that are whole words (leading space + letters) and their word index."""
        with self._lock:
            if self._vocab is None:
                from .lexicon import in_cmudict

                ids, owners, words, index = [], [], [], {}
                for token_id in range(self.tokenizer.eot):
                    text = self.tokenizer.decode([token_id])
                    if not (text.startswith(" ") and _WORD_TOKEN_RE.match(text[1:])):
                        continue
                    word = text[1:].lower()
                    if len(word) < 2 and word not in ("a", "i"):
                        continue  # single letters: Whisper spelling a word out
                    if not in_cmudict(word):
                        continue  # not an English word with a known pronunciation
                    if word not in index:
                        index[word] = len(words)
                        words.append(word)
                    ids.append(token_id)
                    owners.append(index[word])
                self._vocab = (np.asarray(ids), np.asarray(owners), words, index)
            return self._vocab

    def _first_step(self, encoding):
        """Greedy transcript plus log P(first word of the transcript = w) for every vocabulary word."""
        result = self.model.generate(
            encoding,
            [self.start_sequence],
            beam_size=1,
            max_length=len(self.start_sequence) + 12,
            return_scores=True,
            return_no_speech_prob=True,
            return_logits_vocab=True,
        )[0]
        logits = np.asarray(result.logits[0][0], dtype=np.float64)
        top = logits.max()
        logprobs = logits - top - math.log(np.exp(logits - top).sum())
        ids, owners, words, _ = self._vocabulary()
        per_word = np.bincount(owners, weights=np.exp(logprobs[ids]), minlength=len(words))
        text = self.tokenizer.decode(result.sequences_ids[0]).strip()
        score = float(result.scores[0]) if result.scores else 0.0
        return np.log(per_word + 1e-30), text, score, float(result.no_speech_prob)

    def _null_first_step(self):
        if self._null_first is None:
            self._null_first = self._first_step(self.null_encoding())[0]
        return self._null_first

    # multi-token words: teacher forcing -----------------------------------------------
    def prefix_logprobs(self, encoding, words: list[str]) -> dict[str, float]:
        """log P(transcript starts with word) for words that are several tokens long."""
        import ctranslate2

        if not words:
            return {}
        sequences: list[list[int]] = []
        owners: list[int] = []
        for i, word in enumerate(words):
            for spelling in sorted({" " + word, " " + word.capitalize()}):
                sequences.append(self.tokenizer.encode(spelling))
                owners.append(i)
        enc = np.asarray(encoding)
        batch = ctranslate2.StorageView.from_array(
            np.ascontiguousarray(np.repeat(enc, len(sequences), axis=0))
        )
        results = self.model.align(batch, self.start_sequence, sequences, [enc.shape[1]] * len(sequences))
        per_word: list[list[float]] = [[] for _ in words]
        for owner, result in zip(owners, results, strict=True):
            probs = np.maximum(np.asarray(result.text_token_probs, dtype=np.float64), 1e-30)
            per_word[owner].append(float(np.sum(np.log(probs))))
        return {word: _logsumexp(values) for word, values in zip(words, per_word, strict=True)}

    def _null_prefix(self, words: list[str]) -> dict[str, float]:
        missing = [w for w in words if w not in self._prior_cache]
        if missing:
            computed = self.prefix_logprobs(self.null_encoding(), missing)
            with self._lock:
                self._prior_cache.update(computed)
                while len(self._prior_cache) > 20000:
                    self._prior_cache.popitem(last=False)
        return {w: self._prior_cache[w] for w in words}

    def evidence(self, audio: Audio, target: str, candidates: list[str]) -> Evidence:
        """Scores for the target, the candidates and Whisper's own best guesses.

        ``scores[w]`` is log P(the transcript starts with w | audio) and ``priors[w]``
        the same for silence.  Whole-word tokens come from one decoder step (the
        distribution over the first token); longer words are teacher-forced.
        """
        started = time.perf_counter()
        target = target.strip().lower()
        words = [target] + [c.lower() for c in candidates if c.lower() != target]
        encoding = self.encode(trim_silence(audio).samples)
        word_logprobs, transcript, logprob, no_speech = self._first_step(encoding)
        null = self._null_first_step()
        _, _, vocab_words, index = self._vocabulary()
        # Whisper's own guesses, open-set: most likely words with and without the prior.
        guesses = set(np.argsort(-word_logprobs)[: self.open_set].tolist())
        guesses |= set(np.argsort(-(word_logprobs - null))[: self.open_set].tolist())
        wanted = words + [vocab_words[i] for i in sorted(guesses) if vocab_words[i] not in words]
        single = [w for w in wanted if w in index]
        multi = [w for w in wanted if w not in index]
        scores = {w: float(word_logprobs[index[w]]) for w in single}
        priors = {w: float(null[index[w]]) for w in single}
        if multi:
            scores.update(self.prefix_logprobs(encoding, multi))
            priors.update(self._null_prefix(multi))
        return Evidence(
            engine=self.name,
            target=target,
            candidates=tuple(wanted),
            scores=scores,
            priors=priors,
            transcript=transcript,
            transcript_logprob=logprob,
            no_speech_prob=no_speech,
            seconds=time.perf_counter() - started,
            extra={"window": self.window},
        )

    @classmethod
    def available(cls) -> bool:
        try:
            import ctranslate2  # noqa: F401
            import faster_whisper  # noqa: F401

            models.whisper_model_dir()
        except (ImportError, models.ModelNotFound):
            return False
        return True


# --- PocketSphinx ------------------------------------------------------------------------


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
        return models.pocketsphinx_model_dir() is not None


# --- Vosk -------------------------------------------------------------------------------


class VoskRecogniser(Recogniser):
    """Vosk (Kaldi) restricted to a grammar of the candidates; word confidence as score."""

    name = "vosk"

    def __init__(self, model_dir: str | None = None):
        import vosk

        folder = model_dir or models.vosk_model_dir()
        if folder is None:
            raise models.ModelNotFound("no Vosk model under softwaremodels/vosk/")
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
        return models.vosk_model_dir() is not None


ENGINES: dict[str, type[Recogniser]] = {
    "whisper": WhisperRecogniser,
    "pocketsphinx": PocketSphinxRecogniser,
    "vosk": VoskRecogniser,
}

_instances: dict[str, Recogniser] = {}
_instances_lock = threading.Lock()


def get_engine(name: str) -> Recogniser:
    """The process-wide instance of engine ``name`` (loaded on first use)."""
    with _instances_lock:
        instance = _instances.get(name)
        if instance is None:
            instance = ENGINES[name]()
            _instances[name] = instance
        return instance


def engine_names() -> list[str]:
    names = setting("SPEECH_ENGINES", list(DEFAULT_ENGINES))
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    return [n for n in names if n in ENGINES]


def get_recogniser() -> Recogniser:
    """First available engine of ``SPEECH_ENGINES``."""
    for name in engine_names():
        if ENGINES[name].available():
            return get_engine(name)
    raise models.ModelNotFound(f"none of the speech engines {engine_names()} is available")
