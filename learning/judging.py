"""Judging stored recordings: shared by word practice and mock tests."""

from celery.exceptions import SoftTimeLimitExceeded


class RecordingNotJudged(Exception):
    """The recording couldn't be judged; `message` is safe to show the learner."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def judge_stored_recording(recording, word_text: str):
    """Read a stored recording and judge it against `word_text` (a speech Judgement)."""
    from speech import judge_audio
    from speech.audio import AudioRejected

    try:
        with recording.open("rb") as stored:
            data = stored.read()
        return judge_audio(data, word_text)
    except AudioRejected as rejected:
        raise RecordingNotJudged(rejected.message) from None
    except SoftTimeLimitExceeded:
        raise RecordingNotJudged("Checking took too long. Please try again.") from None


def judgement_fields(judgement) -> dict:
    """The judge's findings as model field values (attempts and mock-test items store the same)."""
    return {
        "verdict": judgement.verdict,
        "transcript": (judgement.transcript or "")[:200],
        "heard_as": (judgement.heard_as or "")[:60],
        "feedback": judgement.feedback or "",
        "wrong_sounds": list(judgement.wrong_sounds or []),
        "engine": (getattr(judgement, "engine", "") or "")[:60],
    }
