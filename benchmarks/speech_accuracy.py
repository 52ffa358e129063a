"""Speech judging accuracy and speed on synthetic readings (correct and minimal-pair wrong).

    .venv/bin/python benchmarks/speech_accuracy.py            # full: ~20-30 min on 2 cores
    .venv/bin/python benchmarks/speech_accuracy.py --quick    # small subset: ~1-2 min

Recordings are synthesised at run time into a temporary folder (see
``benchmarks/speech_data.py``; nothing is committed): espeak-ng and festival voices,
two speeds, room noise, webm/opus like a browser.  For each word there is the
correct reading and 1-2 WRONG readings (a confusable word said instead).

For every engine the same recognition pass feeds several methods:

* ``judge``     — the product's judge (``speech``), default parameters.
* ``naive``     — the original design: free transcription + fuzzy text ratio >= 70.
* ``exact``     — free transcription, first word equals the target (or a homophone).

Figures: accept % (correct readings judged correct), reject % (wrong readings
judged not_quite), unclear % (all readings judged unclear / rejected as audio), mean
and p95 seconds per word (decode + recognition + judgement, model already loaded).
TUNING and DEVELOPMENT words are reported separately; the parameters were chosen on
the tuning words only.  ``--retune`` also grid-searches the judge parameters on the
tuning words and reports the development figures with them.

The last line printed is one JSON object with the development figures of the
default engine's judge.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import speech_data  # noqa: E402

from speech import audio as speech_audio  # noqa: E402
from speech import hear  # noqa: E402
from speech.judge import (  # noqa: E402
    CORRECT,
    NOT_QUITE,
    UNCLEAR,
    JudgeParams,
    candidates_for,
    decide,
    margins,
    sounds_like,
)  # noqa: E402
from speech.recognisers import ENGINES, get_engine  # noqa: E402
from speech.references import prepare, uses_references  # noqa: E402

QUICK_TUNING = 8
QUICK_DEVELOPMENT = 12


def first_word(text: str) -> str:
    for token in text.lower().replace("-", " ").split():
        cleaned = "".join(ch for ch in token if ch.isalpha() or ch == "'")
        if cleaned:
            return cleaned
    return ""


def naive_verdict(target: str, transcript: str) -> str:
    text = " ".join(transcript.lower().split()).strip(" .,!?")
    ratio = difflib.SequenceMatcher(None, text, target.lower()).ratio() * 100
    return CORRECT if ratio >= 70 else NOT_QUITE


def exact_verdict(target: str, transcript: str) -> str:
    word = first_word(transcript)
    if not word:
        return UNCLEAR
    return CORRECT if sounds_like(word, target) else NOT_QUITE


def prepare_references(recogniser, items) -> list[float]:
    """Build each target's reference readings once; seconds per new word."""
    if not uses_references(recogniser):
        return []
    spent = []
    for target in dict.fromkeys(item.target for item in items):
        started = time.perf_counter()
        prepare(target, recogniser)
        spent.append(time.perf_counter() - started)
    return spent


def run_engine(engine_name: str, items, log) -> tuple[list[dict], list[float]]:
    recogniser = get_engine(engine_name)
    # Warm up: the first call builds caches (vocabulary, priors of silence).
    warm = speech_audio.load_audio(items[0].path.read_bytes())
    recogniser.evidence(warm, items[0].target, candidates_for(items[0].target))
    reference_seconds = prepare_references(recogniser, items)
    rows = []
    for n, item in enumerate(items, 1):
        data = item.path.read_bytes()
        started = time.perf_counter()
        try:
            audio = speech_audio.load_audio(data)
        except speech_audio.AudioRejected as rejected:
            rows.append({"item": item, "rejected": rejected.code, "seconds": time.perf_counter() - started})
            continue
        evidence = hear(audio, item.target, recogniser)
        judgement = decide(item.target, evidence, JudgeParams.for_engine(recogniser.name))
        seconds = time.perf_counter() - started
        rows.append({"item": item, "evidence": evidence, "judgement": judgement, "seconds": seconds})
        if n % 100 == 0:
            log(f"  {engine_name}: {n}/{len(items)}")
    return rows, reference_seconds


def verdicts(rows, method: str, params: JudgeParams | None = None) -> list[tuple[object, str]]:
    out = []
    for row in rows:
        item = row["item"]
        if "rejected" in row:
            out.append((item, UNCLEAR))
            continue
        if method == "judge":
            verdict = (
                row["judgement"].verdict
                if params is None
                else decide(item.target, row["evidence"], params).verdict
            )
        elif method == "naive":
            verdict = naive_verdict(item.target, row["evidence"].transcript)
        else:
            verdict = exact_verdict(item.target, row["evidence"].transcript)
        out.append((item, verdict))
    return out


def figures(pairs, seconds: list[float]) -> dict:
    correct = [v for item, v in pairs if item.correct]
    wrong = [v for item, v in pairs if not item.correct]
    unclear = sum(v == UNCLEAR for _, v in pairs)
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0
    return {
        "accept_pct": round(100 * sum(v == CORRECT for v in correct) / max(1, len(correct)), 1),
        "reject_pct": round(100 * sum(v == NOT_QUITE for v in wrong) / max(1, len(wrong)), 1),
        "false_accept_pct": round(100 * sum(v == CORRECT for v in wrong) / max(1, len(wrong)), 1),
        "unclear_pct": round(100 * unclear / max(1, len(pairs)), 1),
        "mean_seconds": round(statistics.fmean(seconds), 3) if seconds else 0.0,
        "p95_seconds": round(p95, 3),
        "n_correct": len(correct),
        "n_wrong": len(wrong),
    }


def retune(rows) -> JudgeParams:
    """Grid search on the tuning rows: maximise min(accept, reject) with unclear <= 5 %."""
    scored = [row for row in rows if "evidence" in row]
    if not scored:
        return JudgeParams()
    base = JudgeParams.for_engine(scored[0]["evidence"].engine)
    best, best_value = base, -1.0
    total = len(rows)
    rejected = total - len(scored)
    calibrated = bool(scored[0]["evidence"].references)
    # With reference readings the prior weight plays no part; the open-set guard and
    # the neighbour penalty do.
    grid = (
        [
            replace(base, beta=0.0, open_guard=guard, neighbour_penalty=penalty)
            for guard in (4.0, 8.0, 12.0)
            for penalty in (0.0, 1.0, 2.0, 3.0, 5.0)
        ]
        if calibrated
        else [replace(base, beta=beta) for beta in (0.0, 0.25, 0.5, 0.75, 1.0)]
    )
    for params in grid:
        lead = [
            (row["item"].correct, margins(row["item"].target, row["evidence"], params)[0]) for row in scored
        ]
        finite = sorted(m for _, m in lead if math.isfinite(m))
        # Thresholds at every 2.5 % quantile of the margins: works for any engine's scale.
        steps = (
            sorted({finite[min(len(finite) - 1, int(q * len(finite) / 40))] for q in range(41)})
            if finite
            else [0.0]
        )
        n_correct = sum(c for c, _ in lead) or 1
        n_wrong = sum(not c for c, _ in lead) or 1
        for accept in steps:
            for reject in steps:
                if reject > accept:
                    break
                ok = sum(c and m >= accept for c, m in lead)
                no = sum((not c) and m < reject for c, m in lead)
                unclear = sum(reject <= m < accept for _, m in lead) + rejected
                if 100 * unclear / total > 5.0:
                    continue
                a, r = 100 * ok / n_correct, 100 * no / n_wrong
                value = min(a, r) + 0.01 * (a + r)
                if value > best_value:
                    best_value = value
                    best = replace(params, accept_margin=accept, reject_margin=reject)
    return best


def print_table(title: str, table: list[tuple[str, str, dict]]) -> None:
    print(f"\n{title}")
    header = (
        f"{'engine':<22} {'method':<8} {'accept%':>8} {'reject%':>8} {'unclear%':>9} {'falseOK%':>9} "
        f"{'mean s':>7} {'p95 s':>7}   n"
    )
    print(header)
    print("-" * len(header))
    for engine, method, f in table:
        print(
            f"{engine:<22} {method:<8} {f['accept_pct']:>8.1f} {f['reject_pct']:>8.1f} "
            f"{f['unclear_pct']:>9.1f} "
            f"{f['false_accept_pct']:>9.1f} {f['mean_seconds']:>7.3f} {f['p95_seconds']:>7.3f}   "
            f"{f['n_correct']}+{f['n_wrong']}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a small subset (3 voices, normal speed, few words)"
    )
    parser.add_argument(
        "--engines",
        default=None,
        help="comma-separated engines (default: whisper-ensemble,whisper; "
        "--quick adds whisper-base,pocketsphinx)",
    )
    parser.add_argument(
        "--data-dir", help="keep/reuse the synthesised recordings here (default: a temp folder)"
    )
    parser.add_argument(
        "--retune", action="store_true", help="grid-search judge parameters on the tuning words"
    )
    args = parser.parse_args(argv)

    missing = speech_data.check_tools()
    if missing:
        print(f"missing tools: {', '.join(missing)} (apt-get install espeak-ng ffmpeg sox festival ...)")
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731

    tuning, development = speech_data.TUNING_WORDS, speech_data.DEVELOPMENT_WORDS
    voices, speeds = speech_data.VOICES, speech_data.SPEEDS
    if args.quick:
        tuning, development = tuning[:QUICK_TUNING], development[:QUICK_DEVELOPMENT]
        voices, speeds = speech_data.QUICK_VOICES, ("normal",)

    with tempfile.TemporaryDirectory(prefix="speech-bench-") as tmp:
        folder = Path(args.data_dir) if args.data_dir else Path(tmp)
        started = time.perf_counter()
        sets = {
            "tuning": speech_data.build(tuning, voices, speeds, folder),
            "development": speech_data.build(development, voices, speeds, folder),
        }
        log(f"synthesised {sum(map(len, sets.values()))} recordings in {time.perf_counter() - started:.0f} s")
        default_engines = "whisper-ensemble,whisper" + (",whisper-base,pocketsphinx" if args.quick else "")
        engines = [e.strip() for e in (args.engines or default_engines).split(",") if e.strip() in ENGINES]
        engines = [e for e in engines if ENGINES[e].available()]
        results: dict[str, dict[str, list[tuple[str, str, dict]]]] = {}
        summary = None
        for engine in engines:
            runs = {name: run_engine(engine, items, log) for name, items in sets.items()}
            rows_by_set = {name: rows for name, (rows, _) in runs.items()}
            reference_seconds = [s for _, spent in runs.values() for s in spent]
            label = (
                rows_by_set["tuning"][0]["evidence"].engine
                if "evidence" in rows_by_set["tuning"][0]
                else engine
            )
            tuned = retune(rows_by_set["tuning"]) if args.retune else None
            for name, rows in rows_by_set.items():
                seconds = [row["seconds"] for row in rows]
                table = results.setdefault(name, [])
                methods = ("judge", "naive", "exact") if label.startswith("whisper") else ("judge",)
                for method in methods:
                    table.append((label, method, figures(verdicts(rows, method), seconds)))
                if tuned is not None:
                    table.append((label, "retuned", figures(verdicts(rows, "judge", tuned), seconds)))
                if name == "development" and summary is None:
                    # With --retune the summary reports the parameters tuned on the tuning words.
                    summary = {"engine": label, **figures(verdicts(rows, "judge", tuned), seconds)}
                    if reference_seconds:
                        summary["reference_seconds_per_new_word"] = round(
                            statistics.fmean(reference_seconds), 2
                        )
            if tuned is not None:
                print(f"\n{label}: parameters re-tuned on the tuning words: {tuned}")
        for name in ("tuning", "development"):
            voices_label = ", ".join(v[0] for v in voices)
            print_table(
                f"{name.upper()} set: {len(sets[name])} recordings "
                f"({voices_label}; speeds {', '.join(speeds)})",
                results.get(name, []),
            )
        if summary is None:
            summary = {"engine": "none", "error": "no speech engine available"}
        summary["quick"] = bool(args.quick)
        summary["recordings"] = {k: len(v) for k, v in sets.items()}
        summary["threads"] = os.cpu_count()
        print()
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
