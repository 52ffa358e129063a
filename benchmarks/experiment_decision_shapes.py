"""An experiment, not a benchmark: is the shape of the decision what holds the synthetic
voices back, or the evidence?

The shipped judge (``speech.judge``) takes, for each rival, the target's lead past the
half-way point between how Whisper hears a clear target and a clear rival, adds the
neighbour penalty, keeps the closest rival, and judges the reading in the accent whose
references fit it best. This reads the evidence a run of ``speech_accuracy.py`` kept
(``--evidence``) and tries other shapes on the same evidence, each with its accept margin
re-tuned on the tuning rows (synthetic tuning words and the real tuning half; first
readings only, as ``experiment_vocal_tract.py`` does):

* **scaled**: each rival's lead measured in half-gaps, where the gap is how far apart its
  two references sit (never less than ``floor`` nats), so a pair Whisper tells apart
  widely must be missed by more before it decides, and a pair it barely separates
  decides less;
* **per-rival accent**: each rival judged in the accent where the target leads it most,
  instead of one accent for every rival;
* **mean of accents**: each rival's lead averaged over the accents;
* the **open guard** and **neighbour penalty** on a grid (the benchmark's tuning tries a
  few of these with the retry band; here with one reading, on their own).

    .venv/bin/python benchmarks/speech_accuracy.py ... --evidence benchmarks/data/evidence-5s.pickle
    .venv/bin/python benchmarks/experiment_decision_shapes.py --evidence benchmarks/data/evidence-5s.pickle

Last line: one JSON object, each shape's accept / reject % per set.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speech_accuracy import balance, read_evidence  # noqa: E402

from speech.judge import JudgeParams, calibrated_leads, likely_misreadings  # noqa: E402
from speech.recognisers import Evidence  # noqa: E402

Shape = Callable[[str, Evidence], float]
SETS = ("tuning", "development", "american", "british", "child", "real held-out")


def half_gap(refs: dict[str, dict[str, float]], target: str, rival: str) -> float | None:
    """Half the distance between the target's lead on a clear target and on a clear rival
    (None when the references do not hold both readings)."""
    try:
        gap = (refs[target][target] - refs[target][rival]) - (refs[rival][target] - refs[rival][rival])
    except KeyError:
        return None
    return gap / 2 if math.isfinite(gap) else None


def scaled_leads(
    target: str, leads: dict[str, float], refs: dict, floor: float, penalty: float
) -> dict[str, float]:
    """Calibrated leads in units of each pair's half-gap (times ``floor``, so a pair whose
    references sit ``2 * floor`` apart keeps its lead in nats); the neighbour penalty and
    the leads of words without references are left as they are."""
    likely = set(likely_misreadings(target))
    out = {}
    for word, lead in leads.items():
        half = half_gap(refs, target, word)
        if half is None:
            out[word] = lead
            continue
        extra = 0.0 if word in likely else penalty
        out[word] = (lead - extra) * floor / max(half, floor) + extra
    return out


def accent_leads(
    target: str, evidence: Evidence, guard: float, penalty: float, floor: float | None = None
) -> list[dict[str, float]]:
    """The target's lead over each rival in each accent the references were read in."""
    out = []
    for refs in [evidence.references, *evidence.accent_references]:
        leads = calibrated_leads(target, evidence.scores, refs, guard, penalty)
        if leads and floor is not None:
            leads = scaled_leads(target, leads, refs, floor, penalty)
        if leads:
            out.append(leads)
    return out


def best_accent(per_accent: list[dict[str, float]]) -> float:
    """The shipped way: the closest rival, in the accent where it is furthest behind."""
    return max((min(leads.values()) for leads in per_accent), default=-math.inf)


def per_rival_accent(per_accent: list[dict[str, float]]) -> float:
    words = set().union(*per_accent)
    return min((max(leads.get(w, -math.inf) for leads in per_accent) for w in words), default=-math.inf)


def mean_of_accents(per_accent: list[dict[str, float]]) -> float:
    words = [w for w in set().union(*per_accent) if all(w in leads for leads in per_accent)]
    return min((sum(leads[w] for leads in per_accent) / len(per_accent) for w in words), default=-math.inf)


def shape(combine, guard: float, penalty: float, floor: float | None = None) -> Shape:
    return lambda target, evidence: combine(accent_leads(target, evidence, guard, penalty, floor))


def shapes(shipped: JudgeParams) -> dict[str, Shape]:
    guard, penalty = shipped.open_guard, shipped.neighbour_penalty
    found = {"shipped": shape(best_accent, guard, penalty)}
    for floor in (1.0, 2.0, 3.0, 5.0):
        found[f"scaled, floor {floor:g}"] = shape(best_accent, guard, penalty, floor)
    found["per-rival accent"] = shape(per_rival_accent, guard, penalty)
    found["mean of accents"] = shape(mean_of_accents, guard, penalty)
    for g in (8.0, 12.0, 16.0):
        for p in (0.0, 1.0, 2.0, 3.0):
            if (g, p) != (guard, penalty):
                found[f"guard {g:g}, penalty {p:g}"] = shape(best_accent, g, p)
    return found


def accept_threshold(leads: list[tuple[bool, float]]) -> float:
    """The accept margin that judges these (correct?, margin) pairs best, as the benchmark's
    tuning chooses (the worse of accept and reject, ties broken by their sum)."""
    finite = sorted(m for _, m in leads if math.isfinite(m))
    if not finite:
        return 0.0
    steps = sorted({finite[min(len(finite) - 1, q * len(finite) // 200)] for q in range(201)})
    return max(steps, key=lambda threshold: balance(*rates(leads, threshold)))


def rates(leads: list[tuple[bool, float]], threshold: float) -> tuple[float, float] | None:
    """(accept % of correct readings, reject % of wrong ones); None for an empty set."""
    correct = [m for c, m in leads if c]
    wrong = [m for c, m in leads if not c]
    if not correct or not wrong:
        return None
    accept = 100 * sum(m >= threshold for m in correct) / len(correct)
    reject = 100 * sum(m < threshold for m in wrong) / len(wrong)
    return round(accept, 1), round(reject, 1)


def voice_of(row: dict) -> str:
    reading = row["reading"]
    return reading.item.voice if reading.item is not None else reading.path.name.split("_")[0]


def grouped(rows: dict) -> dict[str, list[dict]]:
    """The experiment's sets from the benchmark's rows: judged readings only."""
    judged = {name: [r for r in part if "evidence" in r] for name, part in rows.items()}
    development = judged.get("development", [])
    return {
        "tuning": judged.get("tuning", []) + judged.get("real tuning", []),
        "development": development,
        **{s: [r for r in development if r["reading"].slice == s] for s in ("american", "british", "child")},
        "real held-out": judged.get("real held-out", []),
    }


def leads_of(rows: list[dict], margin_of: Shape) -> list[tuple[bool, float]]:
    """(correct?, margin) of each reading."""
    return [(r["reading"].correct, margin_of(r["reading"].target, r["evidence"])) for r in rows]


def measure(sets: dict[str, list[dict]], margin_of: Shape) -> dict[str, tuple[float, float]]:
    leads = {name: leads_of(part, margin_of) for name, part in sets.items()}
    threshold = accept_threshold(leads["tuning"])
    return {"accept_margin": round(threshold, 2), **{n: rates(v, threshold) for n, v in leads.items()}}


def measure_per_voice(sets: dict[str, list[dict]], margin_of: Shape) -> dict[str, tuple[float, float]]:
    """An upper bound, not a judge: each voice's accept margin tuned on its own tuning
    readings (the labels a judge never has), so it says how much adapting to the reader
    could buy at most with this evidence."""
    thresholds = {}
    for voice in {voice_of(r) for r in sets["tuning"]}:
        own = [r for r in sets["tuning"] if voice_of(r) == voice]
        thresholds[voice] = accept_threshold(leads_of(own, margin_of))

    def verdicts(rows: list[dict]) -> list[tuple[bool, float]]:
        # 0 where the reading's own voice's margin accepts it, -1 where it does not.
        return [
            (correct, 0.0 if margin >= thresholds.get(voice_of(row), math.inf) else -1.0)
            for row, (correct, margin) in zip(rows, leads_of(rows, margin_of), strict=True)
        ]

    return {"accept_margin": None, **{name: rates(verdicts(part), 0.0) for name, part in sets.items()}}


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--evidence", required=True, help="evidence file of a speech_accuracy.py run")
    parser.add_argument("--engine", default="whisper-ensemble")
    args = parser.parse_args(argv)
    sets = grouped(read_evidence(Path(args.evidence))["rows"])
    shipped = replace(JudgeParams.for_engine(args.engine), retry_below=0.0, retry_above=0.0)
    print(f"{'shape':<26} {'margin':>6}  " + "  ".join(f"{s[:11]:>11}" for s in SETS))
    figures = {}
    found_shapes = shapes(shipped)
    runs = [(name, lambda m=margin_of: measure(sets, m)) for name, margin_of in found_shapes.items()]
    runs.append(("shipped, margin per voice", lambda: measure_per_voice(sets, found_shapes["shipped"])))
    for name, run in runs:
        found = run()
        cells = ["      -    " if found[s] is None else f"{found[s][0]:>5}/{found[s][1]:<5}" for s in SETS]
        print(f"{name:<26} {found['accept_margin'] or '':>6}  " + "  ".join(cells), flush=True)
        figures[name] = found
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
