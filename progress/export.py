"""Everything the site keeps about a learner, as one zip: data.json and their recordings.

Read-only. Built in a spooled temporary file, so a learner with many recordings
does not hold the web process's memory.
"""

import json
import tempfile
import zipfile

from django.utils import timezone

from accounts.models import User
from learning.models import LevelUnlock, PracticeAttempt, WordProgress
from mocktest.models import LevelProgress, MockTest, MockTestItem

JUDGED = [
    "status",
    "verdict",
    "score",
    "transcript",
    "heard_as",
    "feedback",
    "wrong_sounds",
    "judged_at",
    "needs_retry",
    "evidence",
]


def _when(value):
    return value.isoformat() if value else None


def _judged(row) -> dict:
    data = {name: getattr(row, name) for name in JUDGED}
    data["judged_at"] = _when(row.judged_at)
    data["submitted_at"] = _when(row.submitted_at)
    data["recording_seconds"] = row.recording_seconds
    return data


def learner_data(learner: User) -> tuple[dict, list[tuple[str, object]]]:
    """The learner's data as plain JSON-ready values, and the recordings to add: (name in zip, file)."""
    recordings = []

    def recording(row, folder) -> str | None:
        if not row.has_recording:
            return None
        extension = row.recording.name.rsplit(".", 1)[-1]
        name = f"recordings/{folder}/{row.pk}.{extension}"
        recordings.append((name, row.recording))
        return name

    attempts = []
    for attempt in (
        PracticeAttempt.objects.filter(learner=learner).select_related("word").order_by("created_at")
    ):
        attempts.append(
            {"word": attempt.word.text, **_judged(attempt), "recording": recording(attempt, "practice")}
        )
    items_by_test: dict[int, list] = {}
    items = (
        MockTestItem.objects.filter(test__learner=learner).select_related("word").order_by("test", "position")
    )
    for item in items:
        items_by_test.setdefault(item.test_id, []).append(
            {"word": item.word.text, **_judged(item), "recording": recording(item, "mock-tests")}
        )
    tests = [
        {
            "level": test.level.order,
            "attempt_number": test.attempt_number,
            "status": test.status,
            "started_at": _when(test.started_at),
            "finished_at": _when(test.finished_at),
            "score": test.score,
            "passed": test.passed,
            "words": items_by_test.get(test.pk, []),
        }
        for test in MockTest.objects.filter(learner=learner).select_related("level").order_by("started_at")
    ]
    data = {
        "exported_at": _when(timezone.now()),
        "account": {
            "name": learner.display_name,
            "email": learner.email,
            "role": learner.role,
            "joined": _when(learner.date_joined),
            "reading_preferences": {
                name: getattr(learner, name)
                for name in (
                    "font",
                    "text_size",
                    "letter_spacing",
                    "word_spacing",
                    "line_spacing",
                    "background",
                )
            },
            # Other people's details are theirs: only how many follow this learner.
            "followed_by_parents_or_teachers": learner.parent_links.count(),
        },
        "words": [
            {
                "word": progress.word.text,
                "attempts": progress.attempts,
                "best_score": progress.best_score,
                "last_score": progress.last_score,
                "first_mastered_at": _when(progress.first_mastered_at),
                "seconds_practising": round(progress.seconds_practising, 1),
            }
            for progress in WordProgress.objects.filter(learner=learner)
            .select_related("word")
            .order_by("word__text")
        ],
        "levels_opened": [
            {"level": unlock.level.order, "when": _when(unlock.unlocked_at), "why": unlock.reason}
            for unlock in LevelUnlock.objects.filter(learner=learner).select_related("level")
        ],
        "mock_test_records": [
            {"level": record.level.order, "tests": record.attempts, "best_score": record.best_score}
            for record in LevelProgress.objects.filter(learner=learner).select_related("level")
        ],
        "practice_attempts": attempts,
        "mock_tests": tests,
    }
    return data, recordings


def learner_archive(learner: User):
    """A file object (rewound) holding the zip."""
    data, recordings = learner_data(learner)
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        for name, stored in recordings:
            try:
                with stored.open("rb") as source, archive.open(name, "w") as target:
                    for chunk in iter(lambda: source.read(64 * 1024), b""):  # noqa: B023
                        target.write(chunk)
            except FileNotFoundError:
                continue  # removed by retention a moment ago: the data still says it existed
    spool.seek(0)
    return spool
