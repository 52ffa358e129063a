"""The speech benchmark re-tunes from kept evidence only when it is the same readings heard
by the same recogniser (models and window)."""

from pathlib import Path

from benchmarks import speech_accuracy


class Recogniser:
    def __init__(self, fingerprint):
        self.fingerprint = fingerprint


def readings(*names):
    return [speech_accuracy.Reading("cat", "cat", True, "american", Path(n), None) for n in names]


def test_evidence_kept_by_one_run_is_read_back_by_the_next(tmp_path):
    sets = {"tuning": readings("a.webm", "b.webm")}
    rows = {"tuning": [{"reading": r, "evidence": {"cat": -1.0}, "seconds": 0.4} for r in sets["tuning"]]}
    kept = tmp_path / "evidence.pickle"
    speech_accuracy.keep_evidence(kept, rows, Recogniser("whisper-tiny.en@5s"))

    again = speech_accuracy.load_evidence(kept, sets, Recogniser("whisper-tiny.en@5s"), print)

    assert again == rows


def test_evidence_of_another_window_or_other_readings_is_judged_again(tmp_path):
    sets = {"tuning": readings("a.webm")}
    rows = {"tuning": [{"reading": sets["tuning"][0], "evidence": {"cat": -1.0}, "seconds": 0.4}]}
    kept = tmp_path / "evidence.pickle"
    speech_accuracy.keep_evidence(kept, rows, Recogniser("whisper-tiny.en@5s"))

    assert speech_accuracy.load_evidence(kept, sets, Recogniser("whisper-tiny.en@2s"), print) is None
    other = {"tuning": readings("b.webm")}
    assert speech_accuracy.load_evidence(kept, other, Recogniser("whisper-tiny.en@5s"), print) is None
    assert speech_accuracy.load_evidence(tmp_path / "none.pickle", sets, Recogniser("x"), print) is None


def test_evidence_heard_with_other_voices_lowered_is_judged_again(tmp_path, monkeypatch):
    sets = {"tuning": readings("a.webm")}
    rows = {"tuning": [{"reading": sets["tuning"][0], "evidence": {"cat": -1.0}, "seconds": 0.4}]}
    kept = tmp_path / "evidence.pickle"
    monkeypatch.setenv("SPEECH_LOWER_FORMANTS_ABOVE_HZ", "0")
    speech_accuracy.keep_evidence(kept, rows, Recogniser("whisper-tiny.en@5s"))

    monkeypatch.setenv("SPEECH_LOWER_FORMANTS_ABOVE_HZ", "3300")
    assert speech_accuracy.load_evidence(kept, sets, Recogniser("whisper-tiny.en@5s"), print) is None
