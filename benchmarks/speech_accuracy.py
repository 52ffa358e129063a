"""Speech judging accuracy and speed: synthetic voices, real voices, after at most one retry.

    make benchmark                                               # everything (make speech-data first)
    .venv/bin/python benchmarks/speech_accuracy.py --words 4 --voices "espeak en-us,flite awb"
    .venv/bin/python benchmarks/speech_accuracy.py --real benchmarks/data/real/manifest.csv --real-limit 10

Synthetic recordings are made at run time (``benchmarks/speech_data.py``: espeak-ng,
festival, flite and Piper voices, British voices and pitch-raised child-like ones,
room noise, webm/opus); each word is said right and as 1-2 minimal-pair wrong words.
Real recordings come from Debian packages (``benchmarks/real_voices.py``): each clip is
judged as its own word and against rivals a reader might have been asked for.

The decision (margins, transcript bonus, the "say it once more" band) is tuned on the
TUNING words and the real tuning half only; the DEVELOPMENT words and the real
held-out half are reported.  A first reading in the retry band is judged again with
its second reading (the same voice slower; for real clips a slower copy with other
noise), and the table reports the verdicts after at most one retry and how often a
correct reading was asked again.  Speed: a warm judgement against a plain
faster-whisper tiny.en transcription (its defaults: 30 s window, beam 5) of the same
clips with the same threads, interleaved in this run.

The last line printed is one JSON object with every column.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import speech_data  # noqa: E402

from speech import audio as speech_audio  # noqa: E402
from speech import hear  # noqa: E402
from speech.config import setting  # noqa: E402
from speech.judge import (  # noqa: E402
    CORRECT,
    NOT_QUITE,
    UNCLEAR,
    JudgeParams,
    decide,
    margins,
)  # noqa: E402
from speech.recognisers import get_engine  # noqa: E402
from speech.references import prepare  # noqa: E402

QUICK_TUNING = 8
# "Say it once more" must stay rare: at most this share of correct readings asked again
# (on the tuning words; --retry-budget sets a stricter one when the held-out rate runs over).
RETRY_BUDGET_PCT = 10.0
QUICK_DEVELOPMENT = 12


# --- Issue 13: slices, real voices, "say it once more", speed against plain Whisper ----------


class JsonStore:
    """Reference readings kept in one JSON file between benchmark runs (the app keeps them
    in its database); a finished run costs nothing the next time."""

    def __init__(self, path: Path):
        from speech.references import MemoryStore

        self.path, self.memory = path, MemoryStore()
        if path.exists():
            for key, scores in json.loads(path.read_text()).items():
                engine, voice, word = key.split("|")
                self.memory.rows[(engine, voice, word)] = {
                    w: (-math.inf if v is None else v) for w, v in scores.items()
                }

    def load(self, engine, voice, words):
        return self.memory.load(engine, voice, words)

    def save(self, engine, voice, word, scores):
        self.memory.save(engine, voice, word, scores)

    def flush(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        rows = {
            "|".join(key): {w: (None if v == -math.inf else v) for w, v in scores.items()}
            for key, scores in self.memory.rows.items()
        }
        self.path.write_text(json.dumps(rows))


@dataclass(frozen=True)
class Reading:
    """One recording judged against one target, with its second reading for a retry."""

    target: str
    said: str
    correct: bool
    slice: str
    path: Path
    again: Path | None
    item: object = None  # a synthetic item: its second reading is its slow twin


def second_path(reading: Reading) -> Path | None:
    if reading.again is not None:
        return reading.again
    if reading.item is not None:
        return speech_data.slow_twin(reading.item).path
    return None


def synthetic_readings(items) -> list[Reading]:
    """Normal-speed readings; each one's slow twin is made only if a retry needs it."""
    return [
        Reading(
            item.target, item.said, item.correct, speech_data.voice_slice(item.voice), item.path, None, item
        )
        for item in items
        if item.speed == "normal"
    ]


def real_readings(manifest: Path, half: str, limit: int | None = None, rivals: int = 2) -> list[Reading]:
    import csv

    out = []
    with open(manifest) as handle:
        rows = [row for row in csv.DictReader(handle) if row["half"] == half]
    for row in rows[:limit]:
        first, again = manifest.parent / row["file"], manifest.parent / row["again"]
        out.append(Reading(row["word"], row["word"], True, "real", first, again))
        for rival in row["rivals"].split()[:rivals]:
            out.append(Reading(rival, row["word"], False, "real", first, again))
    return out


def hear_file(path: Path, target: str, recogniser):
    audio = speech_audio.load_audio(path.read_bytes())
    return hear(audio, target, recogniser)


def judge_readings(readings: list[Reading], recogniser, log) -> list[dict]:
    rows = []
    for n, reading in enumerate(readings, 1):
        started = time.perf_counter()
        try:
            evidence = hear_file(reading.path, reading.target, recogniser)
        except speech_audio.AudioRejected as rejected:
            rows.append({"reading": reading, "rejected": rejected.code, "seconds": 0.0})
            continue
        rows.append({"reading": reading, "evidence": evidence, "seconds": time.perf_counter() - started})
        if n % 100 == 0:
            log(f"  {n}/{len(readings)}")
    return rows


def load_evidence(path: Path, sets: dict, recogniser, log) -> dict | None:
    """The rows an earlier run judged, if it judged exactly these readings with this
    recogniser (models and window: its fingerprint)."""
    if not path.exists():
        return None
    kept = read_evidence(path)
    rows = kept["rows"]
    same = (
        kept["fingerprint"] == recogniser.fingerprint
        and kept.get("lowering") == lowering()
        and rows.keys() == sets.keys()
        and all([r["reading"].path for r in rows[name]] == [r.path for r in sets[name]] for name in sets)
    )
    if not same:
        log(f"{path} holds other readings or another recogniser's: judging again")
        return None
    log(f"evidence from {path}: not judging again")
    return rows


class _EvidenceUnpickler(pickle.Unpickler):
    """Rows pickled while this script ran as ``__main__`` name its classes there; read them
    back from this module however it was loaded (run, or imported by an experiment)."""

    def find_class(self, module, name):
        if module == "__main__":
            return getattr(sys.modules[__name__], name)
        return super().find_class(module, name)


def read_evidence(path: Path) -> dict:
    """What ``keep_evidence`` wrote: the recogniser's fingerprint and the judged rows."""
    with open(path, "rb") as kept:  # a file this script wrote on this machine
        return _EvidenceUnpickler(kept).load()


def lowering() -> list[float]:
    """Which voices were lowered before Whisper heard them (speech.vocal_tract's settings)."""
    return [setting("SPEECH_LOWER_FORMANTS_ABOVE_HZ"), setting("SPEECH_LOWER_FORMANTS_TO_HZ")]


def keep_evidence(path: Path, rows: dict, recogniser) -> None:
    kept = {"fingerprint": recogniser.fingerprint, "lowering": lowering(), "rows": rows}
    path.write_bytes(pickle.dumps(kept))


def second_readings(rows, params: JudgeParams, recogniser, wanted) -> None:
    """Hear the second reading of every row ``wanted(row)`` says may need one (kept on the row)."""
    for row in rows:
        reading = row["reading"]
        if "evidence" in row and "again" not in row and wanted(row):
            path = second_path(reading)
            if path is None:
                continue
            try:
                row["again"] = hear_file(path, reading.target, recogniser)
            except speech_audio.AudioRejected:
                row["again"] = None


def outcome(row, params: JudgeParams) -> tuple[str, bool]:
    """(final verdict after at most one retry, whether a retry was asked)."""
    if "evidence" not in row:
        return UNCLEAR, False
    reading = row["reading"]
    first = decide(reading.target, row["evidence"], params)
    if not first.retry:
        return first.verdict, False
    again = row.get("again")
    if again is None:
        return UNCLEAR, True
    return decide(reading.target, again, params, earlier=row["evidence"]).verdict, True


def rates(rows, params: JudgeParams) -> dict:
    correct = [outcome(r, params) for r in rows if r["reading"].correct]
    wrong = [outcome(r, params) for r in rows if not r["reading"].correct]
    first_only = replace(params, retry_below=0.0, retry_above=0.0)
    return {
        "accept_pct": round(100 * sum(v == CORRECT for v, _ in correct) / max(1, len(correct)), 1),
        "reject_pct": round(100 * sum(v == NOT_QUITE for v, _ in wrong) / max(1, len(wrong)), 1),
        "retry_pct_of_correct": round(100 * sum(asked for _, asked in correct) / max(1, len(correct)), 1),
        "first_try_accept_pct": round(
            100
            * sum(outcome(r, first_only)[0] == CORRECT for r in rows if r["reading"].correct)
            / max(1, len(correct)),
            1,
        ),
        "n": f"{len(correct)}+{len(wrong)}",
    }


def balance(accept_pct: float, reject_pct: float) -> float:
    """What tuning maximises: the worse of the two rates, ties broken by their sum."""
    return min(accept_pct, reject_pct) + 0.01 * (accept_pct + reject_pct)


def tune_one_reading(rows, base: JudgeParams) -> JudgeParams:
    """The one-reading decision that judges ``rows`` best (the worse of accept and reject):
    the open guard, the neighbour penalty, the transcript bonus and the accept margin."""
    scored = [r for r in rows if "evidence" in r]
    best, best_value = base, -1.0
    for guard in (8.0, 12.0):
        for penalty in (1.0, 2.0, 3.0):
            for bonus in (0.0, 1.0, 2.0, 3.0, 4.0):
                params = replace(base, open_guard=guard, neighbour_penalty=penalty, transcript_bonus=bonus)
                lead = [
                    (r["reading"].correct, margins(r["reading"].target, r["evidence"], params)[0])
                    for r in scored
                ]
                finite = sorted(m for _, m in lead if math.isfinite(m))
                steps = sorted({finite[min(len(finite) - 1, int(q * len(finite) / 60))] for q in range(61)})
                n_correct = sum(c for c, _ in lead) or 1
                n_wrong = sum(not c for c, _ in lead) or 1
                for accept in steps:
                    a = 100 * sum(c and m >= accept for c, m in lead) / n_correct
                    r = 100 * sum((not c) and m < accept for c, m in lead) / n_wrong
                    value = balance(a, r)
                    if value > best_value:
                        best_value, best = value, replace(params, accept_margin=accept, reject_margin=accept)
    return best


def tune(rows, base: JudgeParams, recogniser, log, retry_budget: float = RETRY_BUDGET_PCT) -> JudgeParams:
    """Choose the decision on the TUNING rows only: first the margins (one reading), then
    the "say it once more" band and the reach of the check on what was heard, keeping
    retries within ``retry_budget`` % of correct readings."""
    best = tune_one_reading(rows, base)
    log(f"tuned one-reading decision: {best}")
    # Hear the second reading of every row the widest band or check below could ask again.
    widest = replace(best, retry_below=3.0, retry_above=2.0, heard_check_above=math.inf)
    second_readings(
        rows, best, recogniser, lambda row: decide(row["reading"].target, row["evidence"], widest).retry
    )
    chosen, chosen_value = best, -1.0
    for check in (0.0, 1.0, 2.0, math.inf):
        for below in (0.0, 0.5, 1.0, 1.5, 2.0, 3.0):
            for above in (0.0, 0.5, 1.0, 2.0):
                params = replace(best, retry_below=below, retry_above=above, heard_check_above=check)
                figures = rates(rows, params)
                if figures["retry_pct_of_correct"] > retry_budget:
                    continue
                value = balance(figures["accept_pct"], figures["reject_pct"])
                if value > chosen_value:
                    chosen, chosen_value = params, value
    log(
        f"tuned retry band: below {chosen.retry_below}, above {chosen.retry_above}; "
        f"heard check up to {chosen.heard_check_above} above the margin"
    )
    return chosen


def plain_whisper_seconds(
    paths: list[Path], recogniser, targets: list[str], log
) -> tuple[float, float, float]:
    """Mean seconds of plain faster-whisper tiny.en transcriptions and of a warm judgement
    of the same clips, interleaved so all see the same load.

    Two baselines: faster-whisper's defaults (beam 5, temperature fallback), and a lean
    greedy one (beam 1, one temperature, no timestamps) that is much quicker on short
    clips; the headline ratio is against the lean one, the stricter of the two."""
    from faster_whisper import WhisperModel

    from speech import model_files
    from speech.config import setting

    plain = WhisperModel(
        str(model_files.whisper_model_dir("tiny.en")),
        device="cpu",
        compute_type=setting("WHISPER_COMPUTE_TYPE"),
        cpu_threads=int(setting("WHISPER_THREADS")),
    )

    def transcribe(data: bytes, **options) -> str:
        segments, _ = plain.transcribe(speech_audio.load_audio(data).samples, language="en", **options)
        return " ".join(segment.text for segment in segments)

    lean = {
        "beam_size": 1,
        "temperature": 0.0,
        "without_timestamps": True,
        "condition_on_previous_text": False,
    }
    transcribe(paths[0].read_bytes())
    transcribe(paths[0].read_bytes(), **lean)
    defaults, greedy, judged = [], [], []
    for path, target in zip(paths, targets, strict=True):
        data = path.read_bytes()
        started = time.perf_counter()
        transcribe(data)
        defaults.append(time.perf_counter() - started)
        started = time.perf_counter()
        transcribe(data, **lean)
        greedy.append(time.perf_counter() - started)
        started = time.perf_counter()
        decide(target, hear(speech_audio.load_audio(data), target, recogniser))
        judged.append(time.perf_counter() - started)
    figures = statistics.fmean(defaults), statistics.fmean(greedy), statistics.fmean(judged)
    log("speed: plain tiny.en {:.3f} s (defaults), {:.3f} s (greedy); judgement {:.3f} s".format(*figures))
    return figures


def first_judgement_ratio(paths: list[Path], targets: list[str], recogniser, store, log) -> float:
    """A word's first judgement after a restart (its references read back from the store,
    nothing in memory: as for a new word whose references a worker made) over the same
    judgement again, warm. 1.0: a new word is judged as quickly as a known one."""
    from speech import references as speech_references

    firsts, agains = [], []
    for path, target in zip(paths, targets, strict=True):
        data = speech_audio.load_audio(path.read_bytes())
        speech_references.use_store(store)  # forgets every reading held in this process
        started = time.perf_counter()
        decide(target, hear(data, target, recogniser))
        firsts.append(time.perf_counter() - started)
        started = time.perf_counter()
        decide(target, hear(data, target, recogniser))
        agains.append(time.perf_counter() - started)
    first, again = statistics.fmean(firsts), statistics.fmean(agains)
    log(f"first judgement after a restart {first:.3f} s, warm {again:.3f} s")
    return first / again


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, help="only the first N tuning and development words")
    parser.add_argument("--voices", help="comma-separated voice labels (default: all)")
    parser.add_argument("--engine", default="whisper-ensemble")
    parser.add_argument("--data-dir", help="keep/reuse the synthesised recordings here")
    parser.add_argument("--real", help="manifest.csv of the real voices (make speech-data)")
    parser.add_argument("--real-limit", type=int, help="only the first N real clips per half")
    parser.add_argument("--real-rivals", type=int, default=2, help="rival targets per real clip")
    parser.add_argument("--references", help="keep the reference readings in this JSON file")
    parser.add_argument("--speed-clips", type=int, default=60, help="clips timed against plain Whisper")
    parser.add_argument(
        "--evidence", help="keep every reading's evidence in this file; a later run re-tunes without judging"
    )
    parser.add_argument(
        "--retry-budget", type=float, default=RETRY_BUDGET_PCT, help="most retries %% of correct (tuning)"
    )
    parser.add_argument("--no-tune", action="store_true", help="judge with the shipped parameters")
    args = parser.parse_args(argv)

    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    missing = speech_data.check_tools()
    if missing:
        log(f"missing tools: {', '.join(missing)}; their voices are left out")
    from speech import references as speech_references

    store = JsonStore(Path(args.references)) if args.references else None
    if store is not None:
        speech_references.use_store(store)
    else:
        speech_references.use_store(speech_references.MemoryStore())

    tuning, development = speech_data.TUNING_WORDS, speech_data.DEVELOPMENT_WORDS
    if args.words:
        tuning, development = tuning[: args.words], development[: args.words]
    voices = speech_data.VOICES
    if args.voices:
        wanted = {v.strip() for v in args.voices.split(",")}
        voices = [v for v in voices if v[0] in wanted]
    recogniser = get_engine(args.engine)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="speech-bench-") as tmp:
        folder = Path(args.data_dir) if args.data_dir else Path(tmp)
        sets = {
            "tuning": synthetic_readings(speech_data.build(tuning, voices, ("normal",), folder)),
            "development": synthetic_readings(speech_data.build(development, voices, ("normal",), folder)),
        }
        if args.real:
            sets["real tuning"] = real_readings(Path(args.real), "tuning", args.real_limit, args.real_rivals)
            sets["real held-out"] = real_readings(
                Path(args.real), "held-out", args.real_limit, args.real_rivals
            )
        counts = {k: len(v) for k, v in sets.items()}
        log(f"recordings ready in {time.perf_counter() - started:.0f} s: {counts}")
        warm = sets["tuning"][0]
        hear_file(warm.path, warm.target, recogniser)
        reference_seconds = []
        for target in dict.fromkeys(r.target for rs in sets.values() for r in rs):
            began = time.perf_counter()
            prepare(target, recogniser)
            reference_seconds.append(time.perf_counter() - began)
            if store is not None and len(reference_seconds) % 5 == 0:
                store.flush()  # a run cut short keeps what it made
                log(f"  references: {len(reference_seconds)} words")
        if store is not None:
            store.flush()
        log(f"references ready: {sum(reference_seconds):.0f} s for {len(reference_seconds)} words")
        rows = load_evidence(Path(args.evidence), sets, recogniser, log) if args.evidence else None
        if rows is None:
            rows = {}
            for name, readings in sets.items():
                log(f"judging {name}: {len(readings)} readings")
                rows[name] = judge_readings(readings, recogniser, log)
        shipped = JudgeParams.for_engine(recogniser.name)
        tuning_rows = rows["tuning"] + rows.get("real tuning", [])
        params = shipped if args.no_tune else tune(tuning_rows, shipped, recogniser, log, args.retry_budget)
        for name in sets:
            second_readings(
                rows[name],
                params,
                recogniser,
                lambda row: decide(row["reading"].target, row["evidence"], params).retry,
            )
        if store is not None:
            store.flush()
        if args.evidence:
            keep_evidence(Path(args.evidence), rows, recogniser)
        speed_rows = [r for r in rows["development"] if "evidence" in r][: args.speed_clips]
        default_baseline, baseline, judged = plain_whisper_seconds(
            [r["reading"].path for r in speed_rows],
            recogniser,
            [r["reading"].target for r in speed_rows],
            log,
        )
        distinct = list({r["reading"].target: r for r in speed_rows}.values())
        first_ratio = first_judgement_ratio(
            [r["reading"].path for r in distinct],
            [r["reading"].target for r in distinct],
            recogniser,
            store if store is not None else speech_references.current_store(),
            log,
        )

    table: list[tuple[str, dict]] = []
    for name in sets:
        table.append((name, rates(rows[name], params)))
        for slice_name in ("american", "british", "child"):
            part = [r for r in rows[name] if r["reading"].slice == slice_name]
            if part and not name.startswith("real"):
                table.append((f"  {slice_name}", rates(part, params)))
    decision = (
        "the shipped decision (--no-tune)"
        if args.no_tune
        else "decision tuned on the tuning words (synthetic) and the real tuning half"
    )
    print(f"\nengine {recogniser.name}; {decision}")
    print(f"parameters: {params}\n")
    header = f"{'set':<16} {'accept%':>8} {'reject%':>8} {'retry%':>7} {'1st-try accept%':>16}   n"
    print(header)
    print("-" * len(header))
    for name, f in table:
        print(
            f"{name:<16} {f['accept_pct']:>8.1f} {f['reject_pct']:>8.1f} {f['retry_pct_of_correct']:>7.1f} "
            f"{f['first_try_accept_pct']:>16.1f}   {f['n']}"
        )
    judge_seconds = [r["seconds"] for rs in rows.values() for r in rs if "evidence" in r]
    print(
        f"\nspeed: a warm judgement {judged:.3f} s; plain Whisper tiny.en transcription of the same "
        f"{len(speed_rows)} clips {baseline:.3f} s greedy (ratio {judged / baseline:.2f}), "
        f"{default_baseline:.3f} s with faster-whisper's defaults (ratio {judged / default_baseline:.2f})"
    )
    figures = dict(table)
    summary = {"engine": recogniser.name}
    for name, key in (("development", "synthetic"), ("real held-out", "real")):
        if name in figures:
            summary[f"{key}_accept_pct"] = figures[name]["accept_pct"]
            summary[f"{key}_reject_pct"] = figures[name]["reject_pct"]
            summary[f"{key}_retry_pct"] = figures[name]["retry_pct_of_correct"]
    development_rows = rows["development"]
    for slice_name in ("american", "british", "child"):
        part = [r for r in development_rows if r["reading"].slice == slice_name]
        if part:
            f = rates(part, params)
            summary[f"{slice_name}_accept_pct"] = f["accept_pct"]
            summary[f"{slice_name}_reject_pct"] = f["reject_pct"]
    summary.update(
        {
            "speed_ratio_to_plain_whisper": round(judged / baseline, 2),
            "speed_ratio_to_default_whisper": round(judged / default_baseline, 2),
            "first_judgement_ratio_new_to_known": round(first_ratio, 2),
            "default_whisper_seconds": round(default_baseline, 3),
            "judge_seconds": round(judged, 3),
            "plain_whisper_seconds": round(baseline, 3),
            "mean_seconds_all": round(statistics.fmean(judge_seconds), 3),
            "reference_seconds_per_new_word": round(statistics.fmean(reference_seconds), 2),
            "recordings": {k: len(v) for k, v in sets.items()},
            "params": {k: v for k, v in params.__dict__.items()},
        }
    )
    print()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
