"""Batch judging: does scoring several recordings in one model call judge more a second?

    .venv/bin/python benchmarks/batch_judging.py [--words 16] [--repeats 3]

The capacity model names batch judging as the first change at scale (CTranslate2
runs one encoder call, one first decoding step and one teacher-forcing call for a
batch of recordings). This measures it for each Whisper model of the judge on
espeak-ng readings made here (American and British voices alternating): the
Whisper work of a judgement (encoder, first step, candidate scoring; not the
decision) one recording at a time against the same recordings in batches of 2, 4,
8 and 16, interleaved in one run and the best of ``--repeats`` kept, so the shared
machine's noise falls on both alike. Printed: milliseconds a recording each way and
the speed-up (sequential time / batched time), and how far the batched scores
moved from the one-at-a-time ones (int8 kernels round batches differently). The
last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyslexia_site.settings")

WORDS = [
    "cat",
    "dog",
    "ship",
    "fish",
    "jump",
    "blend",
    "thing",
    "rabbit",
    "sun",
    "map",
    "hat",
    "bag",
    "frog",
    "chip",
    "lamp",
    "tree",
]
BATCHES = (2, 4, 8, 16)


def readings(words: list[str]):
    from speech.audio import load_audio, trim_silence

    clips = []
    with tempfile.TemporaryDirectory() as folder:
        for index, word in enumerate(words):
            path = Path(folder) / f"{index}.wav"
            voice = ("en-us", "en-gb")[index % 2]
            subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), word], check=True)
            clips.append(trim_silence(load_audio(path.read_bytes())).samples)
    return clips


def one_at_a_time(recogniser, clips, words) -> list[dict[str, float]]:
    from speech.judge import candidates_for

    scores = []
    for samples, word in zip(clips, words, strict=True):
        encoding = recogniser.encode(samples)
        first, transcript, _, _ = recogniser._first_step(encoding)
        heard = {"first": first, "transcript": transcript}
        candidates = recogniser.candidate_words(heard, word, candidates_for(word))
        scores.append(recogniser.word_logprobs(encoding, first, candidates))
    return scores


def batched(recogniser, clips, words) -> list[dict[str, float]]:
    """The same work as ``one_at_a_time``, three model calls for the whole batch."""
    import ctranslate2

    from speech.judge import candidates_for

    mels = np.ascontiguousarray(np.stack([recogniser.mel(samples) for samples in clips]))
    encoded = recogniser.model.encode(ctranslate2.StorageView.from_array(mels), to_cpu=True)
    results = recogniser.first_steps(encoded, len(clips))
    planned, rows, sequences = [], [], []
    for row, (result, word) in enumerate(zip(results, words, strict=True)):
        first, transcript, _, _ = recogniser.first_step_of(result)
        heard = {"first": first, "transcript": transcript}
        candidates = recogniser.candidate_words(heard, word, candidates_for(word))
        out, pending = recogniser.spelled(first, candidates)
        planned.append((out, pending))
        rows += [row] * len(pending)
        sequences += [tokens for _, tokens in pending]
    values = iter(recogniser.forced_rows(np.asarray(encoded), rows, sequences))
    return [recogniser.add_forced(out, pending, [next(values) for _ in pending]) for out, pending in planned]


def largest_difference(one: list[dict], other: list[dict]) -> float:
    return max(
        (abs(a[w] - b[w]) for a, b in zip(one, other, strict=True) for w in a if math.isfinite(a[w])),
        default=0.0,
    )


def measure(recogniser, clips, words, repeats: int) -> dict:
    def timed(judge, size):
        started = time.perf_counter()
        for start in range(0, len(clips), size):
            judge(recogniser, clips[start : start + size], words[start : start + size])
        return (time.perf_counter() - started) / len(clips)

    one_at_a_time(recogniser, clips[:2], words[:2])  # warm: priors, vocabulary, kernels
    batched(recogniser, clips[:2], words[:2])
    figures = {
        "max_score_difference_nats": round(
            largest_difference(one_at_a_time(recogniser, clips, words), batched(recogniser, clips, words)), 3
        )
    }
    for size in BATCHES:
        sequential, together = [], []
        for _ in range(repeats):
            sequential.append(timed(one_at_a_time, size))
            together.append(timed(batched, size))
        figures[f"batch_{size}"] = {
            "sequential_ms": round(1000 * min(sequential), 1),
            "batched_ms": round(1000 * min(together), 1),
            "speedup": round(min(sequential) / min(together), 2),
        }
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=len(WORDS))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from speech.recognisers.base import _ensemble_names
    from speech.recognisers.whisper import WhisperRecogniser

    words = (WORDS * math.ceil(args.words / len(WORDS)))[: args.words]
    clips = readings(words)
    figures: dict = {"recordings": len(clips)}
    print(f"{'model':<10} {'batch':>5} {'one at a time':>14} {'batched':>9} {'speed-up':>9}")
    for name in _ensemble_names():
        measured = measure(WhisperRecogniser(model_name=name), clips, words, args.repeats)
        figures[name] = measured
        for size in BATCHES:
            row = measured[f"batch_{size}"]
            print(
                f"{name:<10} {size:>5} {row['sequential_ms']:>11.0f} ms {row['batched_ms']:>6.0f} ms "
                f"{row['speedup']:>8.2f}×"
            )
        print(f"{name:<10} batched scores moved by at most {measured['max_score_difference_nats']} nats")
    # The judge runs every model on every recording: its speed-up is the summed times' ratio.
    for size in BATCHES:
        rows = [figures[name][f"batch_{size}"] for name in _ensemble_names()]
        figures[f"judge_speedup_batch_{size}"] = round(
            sum(r["sequential_ms"] for r in rows) / sum(r["batched_ms"] for r in rows), 2
        )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
