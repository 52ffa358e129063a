"""An experiment, not a benchmark: which voices should be lowered before Whisper hears them?

Lowering every recording helps the child-like voices and hurts adults (README, stop 24),
and pitch does not pick the child-like voices out. ``speech.vocal_tract`` lowers only a
voice whose median third formant is high (a short vocal tract). This reads the evidence a
run of ``speech_accuracy.py`` kept (``--evidence``, made with lowering off), measures each
recording's third formant, judges the lowered copy of every recording above the lowest
threshold tried, and for each threshold swaps those in. For each it re-tunes the
one-reading decision on the tuning rows, as the benchmark does, and prints first-reading
accept / reject on the development slices and the real voices' held-out half, with the
share of each group lowered.

    SPEECH_LOWER_FORMANTS_ABOVE_HZ=0 .venv/bin/python benchmarks/speech_accuracy.py ... \\
        --evidence benchmarks/data/evidence-asrecorded.pickle
    .venv/bin/python benchmarks/experiment_vocal_tract.py \\
        --evidence benchmarks/data/evidence-asrecorded.pickle --references benchmarks/data/references.json

Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speech_accuracy import JsonStore, hear_file, rates, read_evidence, tune_one_reading  # noqa: E402

from speech import audio as speech_audio  # noqa: E402
from speech.judge import JudgeParams  # noqa: E402
from speech.recognisers import get_engine  # noqa: E402
from speech.vocal_tract import formants  # noqa: E402

THRESHOLDS = [None, 3600, 3500, 3400, 3300, 3200, 3100, 3000]


def third_formant(path: Path) -> float:
    try:
        audio = speech_audio.load_audio(path.read_bytes())
    except speech_audio.AudioRejected:
        return 0.0
    found = formants(audio.samples, audio.sample_rate)
    return found[2] if found else 0.0


def lowered_evidence(rows: dict, f3: dict, lowest: float, to: float, recogniser, log) -> dict:
    """(path, target) -> the evidence of the recording lowered to ``to`` Hz, for every row
    above ``lowest``."""
    os.environ["SPEECH_LOWER_FORMANTS_ABOVE_HZ"] = str(lowest)
    os.environ["SPEECH_LOWER_FORMANTS_TO_HZ"] = str(to)
    out = {}
    todo = [r for rs in rows.values() for r in rs if "evidence" in r and f3[r["reading"].path] > lowest]
    log(f"judging {len(todo)} lowered readings")
    for n, row in enumerate(todo, 1):
        reading = row["reading"]
        out[(reading.path, reading.target)] = hear_file(reading.path, reading.target, recogniser)
        if n % 100 == 0:
            log(f"  {n}/{len(todo)}")
    return out


def swapped(rows: list[dict], f3: dict, lowered: dict, threshold: float | None) -> list[dict]:
    out = []
    for row in rows:
        reading = row["reading"]
        if threshold is not None and "evidence" in row and f3[reading.path] > threshold:
            row = {"reading": reading, "evidence": lowered[(reading.path, reading.target)]}
        out.append(row)
    return out


def lowered_pct(rows: list[dict], f3: dict, threshold: float | None) -> float:
    if threshold is None or not rows:
        return 0.0
    return round(100 * sum(f3[r["reading"].path] > threshold for r in rows) / len(rows), 1)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--evidence", required=True, help="evidence file of a run with lowering off")
    parser.add_argument("--references", help="the reference readings that run kept (JSON)")
    parser.add_argument("--engine", default="whisper-ensemble")
    parser.add_argument("--to", type=float, default=2900.0, help="where a lowered third formant goes (Hz)")
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    if args.references:
        from speech import references as speech_references

        speech_references.use_store(JsonStore(Path(args.references)))
    rows = read_evidence(Path(args.evidence))["rows"]
    paths = {r["reading"].path for rs in rows.values() for r in rs}
    f3 = {path: third_formant(path) for path in paths}
    recogniser = get_engine(args.engine)
    lowered = lowered_evidence(rows, f3, min(t for t in THRESHOLDS if t), args.to, recogniser, log)

    base = replace(JudgeParams.for_engine(recogniser.name), retry_below=0.0, retry_above=0.0)
    columns = ("tuning", "dev", "american", "british", "child", "real")
    print(
        f"{'lower above':<12} "
        + " ".join(f"{c:>11}" for c in columns)
        + "   lowered % (adult / child / real)"
    )
    figures = {}
    for threshold in THRESHOLDS:
        now = {name: swapped(rs, f3, lowered, threshold) for name, rs in rows.items()}
        tuning = now["tuning"] + now.get("real tuning", [])
        params = replace(tune_one_reading(tuning, base), heard_check_above=0.0)
        dev = now["development"]
        by_slice = {s: [r for r in dev if r["reading"].slice == s] for s in ("american", "british", "child")}
        cells = {
            "tuning": rates(tuning, params),
            "dev": rates(dev, params),
            **{s: rates(part, params) for s, part in by_slice.items()},
            "real": rates(now.get("real held-out", []), params),
        }
        adults = by_slice["american"] + by_slice["british"]
        real = now.get("real held-out", []) + now.get("real tuning", [])
        share = [
            lowered_pct(adults, f3, threshold),
            lowered_pct(by_slice["child"], f3, threshold),
            lowered_pct(real, f3, threshold),
        ]
        label = "never" if threshold is None else f"{threshold} Hz"
        print(
            f"{label:<12} "
            + " ".join(f"{c['accept_pct']:>5}/{c['reject_pct']:<5}" for c in cells.values())
            + f"   {share[0]} / {share[1]} / {share[2]}"
        )
        figures[label] = {k: [c["accept_pct"], c["reject_pct"]] for k, c in cells.items()}
        figures[label]["lowered_pct_adult_child_real"] = share
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
