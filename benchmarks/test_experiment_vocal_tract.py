"""The vocal-tract experiment swaps in a lowered reading's evidence only for recordings whose
third formant is above the threshold tried, and says what share it lowered."""

from pathlib import Path

from benchmarks.experiment_vocal_tract import lowered_pct, swapped
from benchmarks.speech_accuracy import Reading

ADULT = Reading("cat", "cat", True, "american", Path("adult.webm"), None)
CHILD = Reading("cat", "cat", True, "child", Path("child.webm"), None)
QUIET = Reading("cat", "cat", True, "child", Path("quiet.webm"), None)
F3 = {ADULT.path: 2600.0, CHILD.path: 3500.0, QUIET.path: 3600.0}
ROWS = [
    {"reading": ADULT, "evidence": "adult as recorded"},
    {"reading": CHILD, "evidence": "child as recorded"},
    {"reading": QUIET, "rejected": "silent"},
]
LOWERED = {(ADULT.path, "cat"): "adult lowered", (CHILD.path, "cat"): "child lowered"}


def evidence(rows):
    return [row.get("evidence") for row in rows]


def test_only_voices_above_the_threshold_are_heard_lowered():
    assert evidence(swapped(ROWS, F3, LOWERED, 3300)) == ["adult as recorded", "child lowered", None]
    assert evidence(swapped(ROWS, F3, LOWERED, 2500)) == ["adult lowered", "child lowered", None]


def test_never_lowering_keeps_every_reading_as_recorded():
    assert swapped(ROWS, F3, LOWERED, None) == ROWS
    assert lowered_pct(ROWS, F3, None) == 0.0


def test_the_share_lowered_counts_readings_above_the_threshold():
    assert lowered_pct(ROWS, F3, 3300) == 66.7
    assert lowered_pct([], F3, 3300) == 0.0
