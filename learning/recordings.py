"""The one recording pipeline: store a checked upload → judge it in a worker → apply the verdict.

Practice attempts and mock-test items (and every later kind of judged recording)
subclass :class:`JudgedRecording` for their columns and :class:`JudgeRecordingTask`
for their Celery task, so a fix to storing, judging, sweeping or deleting
recordings lands once. Files go through the ``recordings`` storage (never a local
path): a worker on another host reads them the same way.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models, transaction
from django.utils import timezone

import speech
from dyslexia_site import queue

log = logging.getLogger(__name__)

# Pending recordings older than this were probably lost with a worker: queue them again…
STALE_AFTER = timedelta(minutes=2)
# …and after this long, give up and tell the learner.
GIVE_UP_AFTER = timedelta(minutes=15)
FAILED_MESSAGE = "Sorry, something went wrong while checking your recording. Please try again."
# Shown while a recording waits longer than usual (a broker outage, a busy or restarting worker).
DELAYED_AFTER = timedelta(seconds=20)
# A waiting page asks every second for this long after sending, then every two seconds.
POLL_SOON_SECONDS = 4
DELAYED_NOTE = "queue-delayed"
TOO_SLOW_MESSAGE = "Checking took too long. Please try again."


def recordings_storage():
    return storages["recordings"]


def recording_path(row, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{row.RECORDING_FOLDER}/{row.owner_id}/{row.client_token}.{extension}"


@dataclass(frozen=True)
class Upload:
    """A recording that passed the checks (type, size, length, silence): safe to store."""

    data: bytes
    extension: str
    seconds: float

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class RecordingNotJudged(Exception):
    """The recording couldn't be judged; ``message`` is safe to show the learner."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class JudgedRecording(models.Model):
    """The columns every judged recording has: the file, its state and the judge's findings."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a recording"
        PENDING = "pending", "Being checked"
        JUDGED = "judged", "Judged"
        FAILED = "failed", "Could not be checked"

    class Verdict(models.TextChoices):
        CORRECT = speech.Verdict.CORRECT.value, speech.Verdict.CORRECT.label
        NOT_QUITE = speech.Verdict.NOT_QUITE.value, speech.Verdict.NOT_QUITE.label
        UNCLEAR = speech.Verdict.UNCLEAR.value, speech.Verdict.UNCLEAR.label

    # Subclasses name the folder their files go in and the task that judges them.
    RECORDING_FOLDER = "recordings"
    JUDGE_TASK = ""

    recording = models.FileField(storage=recordings_storage, upload_to=recording_path, blank=True)
    recording_sha256 = models.CharField(max_length=64, blank=True)
    recording_seconds = models.FloatField(default=0)
    recording_deleted_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    transcript = models.CharField(max_length=200, blank=True)
    heard_as = models.CharField(max_length=60, blank=True)
    feedback = models.TextField(blank=True)
    wrong_sounds = models.JSONField(default=list, blank=True)
    engine = models.CharField(max_length=60, blank=True)
    judge_seconds = models.FloatField(null=True, blank=True)
    error_message = models.CharField(max_length=300, blank=True)
    judged_at = models.DateTimeField(null=True, blank=True)
    # "Say it once more": the judge was unsure, and keeps what it heard (scores, not audio)
    # to judge the next reading of the word together with this one.
    needs_retry = models.BooleanField(default=False)
    evidence = models.JSONField(default=dict, blank=True)

    # What apply_verdict writes, in one list so no caller forgets a column.
    JUDGEMENT_FIELDS = [
        "status",
        "verdict",
        "score",
        "transcript",
        "heard_as",
        "feedback",
        "wrong_sounds",
        "engine",
        "judge_seconds",
        "judged_at",
        "error_message",
        "needs_retry",
        "evidence",
    ]

    class Meta:
        abstract = True
        # /healthz and the sweeper look for the oldest waiting recording of every kind: a small
        # index of the waiting ones only ("%(class)s" keeps each kind's name its own).
        indexes = [
            models.Index(
                fields=["submitted_at"], condition=models.Q(status="pending"), name="%(class)s_waiting"
            )
        ]

    @property
    def owner_id(self) -> int:
        """The learner whose voice this is (the folder their files go in)."""
        raise NotImplementedError

    @property
    def target_text(self) -> str:
        """The word the learner was asked to read."""
        raise NotImplementedError

    def earlier_evidence(self) -> dict | None:
        """What the judge heard in the first reading this one answers ("say it once more").

        A row re-recorded in place (a mock-test word) holds it itself; practice attempts
        point to the attempt that asked.
        """
        return self.evidence if self.needs_retry and self.evidence else None

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_judged(self) -> bool:
        return self.status == self.Status.JUDGED

    def seconds_waiting(self) -> float | None:
        """How long the recording has waited since it was sent (for its verdict)."""
        if self.submitted_at is None:
            return None
        return (timezone.now() - self.submitted_at).total_seconds()

    @property
    def is_delayed(self) -> bool:
        """Still waiting, and longer than a judgement takes: the page says so kindly."""
        if not self.is_pending:
            return False
        waited_long = self.submitted_at is not None and timezone.now() - self.submitted_at > DELAYED_AFTER
        return self.error_message == DELAYED_NOTE or waited_long

    @property
    def poll_seconds(self) -> int:
        """How long a waiting page pauses before asking again: at once at first (most
        verdicts take a second), then less often, so a busy queue isn't asked twice as often
        as it answers."""
        if self.is_delayed:
            return 5
        if self.submitted_at is None:
            return 1
        return 1 if (timezone.now() - self.submitted_at).total_seconds() < POLL_SOON_SECONDS else 2

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_correct_verdict(self) -> bool:
        return self.verdict == self.Verdict.CORRECT

    @property
    def is_unclear(self) -> bool:
        return self.verdict == self.Verdict.UNCLEAR

    @property
    def has_recording(self) -> bool:
        return bool(self.recording) and self.recording_deleted_at is None


# --- Store ------------------------------------------------------------------


def attach_recording(row: JudgedRecording, upload: Upload, *, client_token) -> None:
    """Store ``upload`` as ``row``'s recording, mark it pending and queue its judging on commit.

    Call inside the caller's transaction; the row is saved here. A recording the row
    had before (an unclear try being replaced) is deleted with it.
    """
    if row.recording:
        row.recording.delete(save=False)
    row.client_token = client_token
    row.recording_sha256 = upload.sha256
    row.recording_seconds = round(upload.seconds, 2)
    row.recording_deleted_at = None
    row.recording.save(f"recording.{upload.extension}", ContentFile(upload.data), save=False)
    row.status = JudgedRecording.Status.PENDING
    row.submitted_at = timezone.now()
    row.error_message = ""
    row.save()
    model, pk = type(row), row.pk
    queue.send_on_commit(
        row.JUDGE_TASK,
        pk,
        if_not_sent=lambda: model.objects.filter(pk=pk, status=JudgedRecording.Status.PENDING).update(
            error_message=DELAYED_NOTE
        ),
    )


# --- Judge ------------------------------------------------------------------


def judge(row: JudgedRecording) -> speech.Judgement:
    """Read the stored recording through its storage and judge it against the row's word."""
    try:
        with row.recording.open("rb") as stored:
            data = stored.read()
        return speech.judge_audio(
            data, row.target_text, earlier=row.earlier_evidence(), waited=row.seconds_waiting()
        )
    except speech.AudioRejected as rejected:
        raise RecordingNotJudged(rejected.message) from None
    except SoftTimeLimitExceeded:
        raise RecordingNotJudged(TOO_SLOW_MESSAGE) from None


def transcribe(row: JudgedRecording) -> str:
    """Read the stored recording through its storage and transcribe it freely (no target word)."""
    try:
        with row.recording.open("rb") as stored:
            data = stored.read()
        return speech.transcribe(data)
    except speech.AudioRejected as rejected:
        raise RecordingNotJudged(rejected.message) from None
    except SoftTimeLimitExceeded:
        raise RecordingNotJudged(TOO_SLOW_MESSAGE) from None


def apply_verdict(row: JudgedRecording, judgement: speech.Judgement) -> None:
    """Write the judge's findings on a locked, pending row (the caller holds the transaction)."""
    row.status = JudgedRecording.Status.JUDGED
    row.verdict = judgement.verdict
    unclear = judgement.verdict == speech.Verdict.UNCLEAR
    row.score = None if unclear else max(0, min(100, int(judgement.score)))
    row.transcript = (judgement.transcript or "")[:200]
    row.heard_as = (judgement.heard_as or "")[:60]
    row.feedback = judgement.feedback or ""
    row.wrong_sounds = list(judgement.wrong_sounds or [])
    row.engine = (judgement.engine or "")[:60]
    row.judge_seconds = round(judgement.seconds, 3) if judgement.seconds is not None else None
    row.judged_at = timezone.now()
    row.error_message = ""
    keep_for_retry(row, judgement)
    row.save(update_fields=JudgedRecording.JUDGEMENT_FIELDS)


def keep_for_retry(row: JudgedRecording, judgement: speech.Judgement) -> None:
    """Mark whether the judge asked to say it once more (not saved: the caller saves)."""
    # Judgements made before "say it once more" existed (and test doubles) have no retry.
    row.needs_retry = bool(getattr(judgement, "retry", False))
    # Only an unsure first reading's evidence is needed later; nothing else is kept.
    row.evidence = dict(getattr(judgement, "evidence", None) or {}) if row.needs_retry else {}


class JudgeRecordingTask(Task):
    """One task shell for every kind of judged recording: by id, idempotent, never a silent hole.

    A subclass names its ``model`` and says what ``judged`` and ``failed`` do (both
    actions of its app, each exactly-once on a pending row); its task is a one-line
    ``@shared_task(base=…, bind=True, name=Model.JUDGE_TASK)`` that calls ``self.judge(pk)``.
    """

    model: type[JudgedRecording]
    acks_late = True
    autoretry_for = (OSError,)
    retry_backoff = True
    max_retries = 5
    time_limit = 90
    soft_time_limit = 60

    def judge(self, pk: int) -> str:
        row = self.model.objects.filter(pk=pk).first()
        if row is None or not row.is_pending:
            return "skipped"  # judged already: running twice is harmless
        try:
            judgement = self.listen(row)
        except RecordingNotJudged as problem:
            self.failed(pk, problem.message)
            return "not judged"
        self.judged(pk, judgement)
        return "judged"

    def listen(self, row: JudgedRecording):
        """The judging step: against the row's word. A free question overrides it with a transcription."""
        return judge(row)

    def judged(self, pk: int, judgement: speech.Judgement) -> None:
        raise NotImplementedError

    def failed(self, pk: int, message: str) -> None:
        raise NotImplementedError

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries used up or an unexpected error: the learner sees it, nothing hangs.
        pk = args[0] if args else kwargs.get("pk")
        if pk is not None:
            self.failed(pk, FAILED_MESSAGE)


# --- Sweep, retain, delete -------------------------------------------------------


def judged_recording_models() -> list[type[JudgedRecording]]:
    return [model for model in apps.get_models() if issubclass(model, JudgedRecording)]


def judge_tasks() -> list[JudgeRecordingTask]:
    from celery import current_app

    return [task for task in current_app.tasks.values() if isinstance(task, JudgeRecordingTask)]


def sweep_stale(task: JudgeRecordingTask, *, now=None) -> dict:
    """Queue again what a dead worker left pending; give up (kindly) on the hopeless ones."""
    now = now or timezone.now()
    pending = task.model.objects.filter(status=JudgedRecording.Status.PENDING)
    given_up = list(pending.filter(submitted_at__lt=now - GIVE_UP_AFTER).values_list("pk", flat=True))
    for pk in given_up:
        task.failed(pk, FAILED_MESSAGE)
    stale = list(pending.filter(submitted_at__lt=now - STALE_AFTER).values_list("pk", flat=True))
    for pk in stale:
        queue.send(task.name, pk)
    return {"requeued": len(stale), "failed": len(given_up)}


def oldest_pending_seconds(*, now=None) -> float:
    """How long the oldest recording has waited for a verdict (0 when none waits)."""
    now = now or timezone.now()
    oldest = [
        model.objects.filter(status=JudgedRecording.Status.PENDING)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
        for model in judged_recording_models()
    ]
    waits = [(now - when).total_seconds() for when in oldest if when is not None]
    return max(waits, default=0.0)


def delete_old_recordings(*, older_than_days: int, now=None) -> int:
    """Delete raw recordings past the retention period, of every kind; verdicts stay."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    deleted = 0
    for model in judged_recording_models():
        old = (
            model.objects.filter(submitted_at__lt=cutoff, recording_deleted_at__isnull=True)
            .exclude(recording="")
            .exclude(status=JudgedRecording.Status.PENDING)
        )
        for row in old.iterator():
            row.recording.delete(save=False)
            row.recording_deleted_at = now
            row.save(update_fields=["recording", "recording_deleted_at"])
            deleted += 1
    return deleted


def delete_file_with_row(sender, instance, **kwargs) -> None:
    """post_delete: a deleted row (or a deleted account's rows) takes its recording with it."""
    if instance.recording:
        name, storage = instance.recording.name, instance.recording.storage
        transaction.on_commit(lambda: storage.delete(name))


def connect_file_deletion() -> None:
    from django.db.models.signals import post_delete

    for model in judged_recording_models():
        post_delete.connect(
            delete_file_with_row, sender=model, dispatch_uid=f"recording-file-{model._meta.label}"
        )
