"""Every state change of the learning app, one function per event.

Each runs in one transaction and queues slow work on commit (by task name, so the
tasks module imports these actions and never the other way round).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

import lexicon
import speech
from dyslexia_site import queue
from speech.config import setting as speech_setting

from . import events
from .models import Level, LevelUnlock, PracticeAttempt, SpeechClip, Word, WordProgress
from .recordings import Upload, apply_verdict, attach_recording
from .rules import next_level

MAKE_CLIP_TASK = "learning.make_speech_clip"
PREPARE_WORDS_TASK = "learning.prepare_words"
PREPARE_REFERENCES_TASK = "learning.prepare_word_references"

# --- Levels -----------------------------------------------------------------


def unlock_level(*, learner, level: Level, reason=LevelUnlock.Reason.MOCK_TEST) -> bool:
    """Open a level for a learner. Returns False when it was open already (safe to repeat)."""
    _, created = LevelUnlock.objects.get_or_create(learner=learner, level=level, defaults={"reason": reason})
    return created


def unlock_next_level(*, learner, level: Level) -> Level | None:
    """Passing a level's mock test opens the next one; returns it only the first time."""
    following = next_level(level)
    if following is not None and unlock_level(learner=learner, level=following):
        return following
    return None


# --- Practice attempts --------------------------------------------------------


class DuplicateAttempt(Exception):
    """The same recording (or the same form) was sent twice; `attempt` is the first one."""

    def __init__(self, attempt: PracticeAttempt):
        self.attempt = attempt
        super().__init__(f"duplicate of attempt {attempt.pk}")


def _first_attempt_like(learner, client_token, digest: str) -> PracticeAttempt | None:
    return PracticeAttempt.objects.filter(
        Q(client_token=client_token) | Q(recording_sha256=digest), learner=learner
    ).first()


def _asked_to_say_again(learner, word: Word) -> PracticeAttempt | None:
    """The learner's unsure reading of this word, if the judge just asked for one more."""
    since = timezone.now() - timedelta(seconds=int(speech_setting("SPEECH_RETRY_SECONDS")))
    return (
        PracticeAttempt.objects.filter(
            learner=learner, word=word, needs_retry=True, judged_at__gte=since, second_reading__isnull=True
        )
        .order_by("-judged_at")
        .first()
    )


def record_attempt(
    *, learner, word: Word, upload: Upload, client_token, practice_seconds: float
) -> PracticeAttempt:
    """Store a checked recording as a pending attempt and queue its judging.

    The row and the file exist before the task runs, so nothing is lost if a
    worker dies. Sending the same form or the same recording again raises
    DuplicateAttempt with the first attempt instead of making a second one.
    A reading just after "say it once more" is judged together with the unsure one.
    """
    existing = _first_attempt_like(learner, client_token, upload.sha256)
    if existing:
        raise DuplicateAttempt(existing)
    attempt = PracticeAttempt(
        learner=learner,
        word=word,
        retry_of=_asked_to_say_again(learner, word),
        practice_seconds=min(max(practice_seconds, 0.0), WordProgress.MAX_SECONDS_PER_ATTEMPT),
    )
    try:
        with transaction.atomic():
            attach_recording(attempt, upload, client_token=client_token)
    except IntegrityError:
        # Two tabs raced past the check above; the other one won.
        attempt.recording.delete(save=False)
        raise DuplicateAttempt(_first_attempt_like(learner, client_token, upload.sha256)) from None
    return attempt


@dataclass(frozen=True)
class AttemptOutcome:
    attempt: PracticeAttempt
    progress: WordProgress | None
    newly_mastered: bool


def apply_judgement(attempt_id: int, judgement: speech.Judgement) -> AttemptOutcome | None:
    """Save the judge's verdict and update the learner's word record, exactly once.

    Returns None if the attempt was judged already (a retried task).
    """
    with transaction.atomic():
        attempt = PracticeAttempt.objects.select_for_update().select_related("word").get(pk=attempt_id)
        if not attempt.is_pending:
            return None
        apply_verdict(attempt, judgement)
        if attempt.retry_of_id and getattr(judgement, "second_reading", False):
            # Used: what the judge heard in the unsure reading is not kept any longer.
            PracticeAttempt.objects.filter(pk=attempt.retry_of_id).update(evidence={})
        progress, before, newly_mastered = _add_to_progress(attempt)
        events.send(
            events.attempt_judged,
            attempt=attempt,
            progress=progress,
            before=before,
            newly_mastered=newly_mastered,
        )
        if newly_mastered and _level_fully_mastered(attempt):
            events.send(
                events.level_completed, learner=attempt.learner, level=attempt.word.level, attempt=attempt
            )
    return AttemptOutcome(attempt, progress, newly_mastered)


def _level_fully_mastered(attempt: PracticeAttempt) -> bool:
    level_id = attempt.word.level_id
    mastered = WordProgress.objects.filter(
        learner=attempt.learner, word__level_id=level_id, first_mastered_at__isnull=False
    ).count()
    return mastered == Word.objects.filter(level_id=level_id).count()


def _add_to_progress(attempt: PracticeAttempt) -> tuple[WordProgress, events.ProgressBefore, bool]:
    progress, _ = WordProgress.objects.select_for_update().get_or_create(
        learner=attempt.learner, word=attempt.word
    )
    before = events.ProgressBefore(
        attempts=progress.attempts,
        last_score=progress.last_score,
        best_score=progress.best_score,
        was_mastered=progress.is_mastered,
        last_practised_at=progress.last_practised_at,
    )
    # Time spent counts even when we couldn't hear clearly; the try itself doesn't.
    progress.seconds_practising += attempt.practice_seconds
    progress.last_practised_at = attempt.judged_at
    if not attempt.counts:
        progress.save()
        return progress, before, False
    progress.attempts += 1
    progress.last_score = attempt.score
    progress.best_score = max(progress.best_score or 0, attempt.score)
    newly_mastered = not progress.is_mastered and WordProgress.is_mastery_score(attempt.score)
    if newly_mastered:
        progress.first_mastered_at = attempt.judged_at
        progress.seconds_to_master = progress.seconds_practising
    progress.save()
    return progress, before, newly_mastered


def mark_attempt_failed(attempt_id: int, message: str) -> None:
    """A recording that could not be judged: visible to the learner, never a silent hole."""
    PracticeAttempt.objects.filter(pk=attempt_id, status=PracticeAttempt.Status.PENDING).update(
        status=PracticeAttempt.Status.FAILED, error_message=message[:300], judged_at=timezone.now()
    )


# --- Words ------------------------------------------------------------------


def fill_word_details(word: Word, *, overwrite: bool = False) -> list[str]:
    """Fill a word's phonetic data from the lexicon; returns the fields it changed.

    With overwrite=False only empty fields are filled, so staff corrections stay.
    Words the lexicon doesn't know keep whatever staff typed. ``synonyms_override`` is
    staff's alone: no fill, with or without overwrite, ever writes it.
    """
    info = lexicon.lookup(word.text)
    if not info.known:
        return []
    derived = {
        "phonemes": " ".join(info.phonemes),
        "sound_spelling": info.sound_spelling,
        "syllables": list(info.syllables),
        "synonyms": list(info.synonyms),
        "frequency": round(info.frequency, 2),
    }
    changed = []
    for field, value in derived.items():
        current = getattr(word, field)
        if value and (overwrite or not current) and current != value:
            setattr(word, field, value)
            changed.append(field)
    if not word.example_sentence:
        sentence = lexicon.example_sentence(word.text)
        if sentence:
            word.example_sentence = sentence
            changed.append("example_sentence")
    difficulty = lexicon.difficulty(word.text, word.phoneme_list, word.syllables, word.frequency)
    if difficulty != word.difficulty:
        word.difficulty = difficulty
        changed.append("difficulty")
    if changed and word.pk:
        word.save(update_fields=[*changed, "updated_at"])
    return changed


def prepare_words(word_ids: list[int]) -> int:
    """Fill what the listed words lack and ask for their audio; returns how many changed.

    Idempotent: words that already have their details keep them (staff edits stay).
    """
    changed = 0
    for word in Word.objects.filter(pk__in=word_ids).order_by("pk"):
        with transaction.atomic():
            if fill_word_details(word):
                changed += 1
            request_clips(word.text)
            queue_references([word.text])
    return changed


def queue_prepare_words(word_ids: list[int]) -> None:
    """After an import or a staff request: fill details and make audio in a worker."""
    queue.send_on_commit(PREPARE_WORDS_TASK, list(word_ids))


def add_word(word: Word) -> Word:
    """A word staff just saved: its details now, its audio and the judge's references in a worker."""
    fill_word_details(word)
    request_clips(word.text)
    queue_references([word.text])
    return word


def queue_references(texts: list[str]) -> None:
    """Have a worker make the judge's reference readings of these words (kept in the
    database), so their first judgement is as quick as any other. Also for words an
    explorer looks up. A worker finds those already made and skips them."""
    texts = [text for text in dict.fromkeys(lexicon.normalise(t) for t in texts) if text]
    if texts:
        queue.send_on_commit(PREPARE_REFERENCES_TASK, texts)


def change_word_text(word: Word, new_text: str) -> Word:
    """Renaming a word re-derives everything that came from its old spelling."""
    word.text = new_text
    word.phonemes = word.sound_spelling = ""
    word.syllables, word.synonyms = [], []
    word.save()
    fill_word_details(word, overwrite=True)
    request_clips(word.text)
    queue_references([word.text])
    return word


# --- Spoken words (text-to-speech clips) ----------------------------------------


def request_clips(text: str, *, force: bool = False) -> list[SpeechClip]:
    """Make sure both speeds of `text` exist or are being made; queue what's missing.

    Called when a word is saved or prepared, never from a page view: a page only
    reads clips (the audio URL answers "not ready yet" until the worker is done).
    """
    clips = []
    for speed in (SpeechClip.Speed.NORMAL, SpeechClip.Speed.SLOW):
        try:
            with transaction.atomic():
                clip, created = SpeechClip.objects.get_or_create(text=text, speed=speed)
        except IntegrityError:  # another request made it a moment ago
            clip, created = SpeechClip.objects.get(text=text, speed=speed), False
        if created or force or clip.status == SpeechClip.Status.FAILED:
            if not created:
                SpeechClip.objects.filter(pk=clip.pk).update(
                    status=SpeechClip.Status.PENDING, error_message=""
                )
            queue.send_on_commit(MAKE_CLIP_TASK, clip.pk, force)
        clips.append(clip)
    return clips


def requeue_stuck_clips(*, older_than, now=None) -> int:
    """Clips left pending (a broker outage, a dead worker) are queued again."""
    now = now or timezone.now()
    stuck = list(
        SpeechClip.objects.filter(
            status=SpeechClip.Status.PENDING, updated_at__lt=now - older_than
        ).values_list("pk", flat=True)
    )
    for clip_id in stuck:
        queue.send(MAKE_CLIP_TASK, clip_id, False)
    return len(stuck)


def request_missing_clips(*, retry_failed_after=timedelta(minutes=30), now=None) -> int:
    """Clips for every curriculum word that has none yet, or whose last try failed a while ago."""
    now = now or timezone.now()
    have = set(
        SpeechClip.objects.exclude(
            status=SpeechClip.Status.FAILED, updated_at__lt=now - retry_failed_after
        ).values_list("text", "speed")
    )
    texts = Word.objects.order_by().values_list("text", flat=True).distinct()
    missing = [text for text in texts if any((text, speed) not in have for speed in SpeechClip.Speed.values)]
    for text in missing:
        request_clips(text)
    return len(missing)


def make_clip(clip_id: int, *, force: bool = False) -> SpeechClip | None:
    """Synthesise one clip and store it; a ready clip is left alone unless forced."""
    clip = SpeechClip.objects.filter(pk=clip_id).first()
    if clip is None or (clip.status == SpeechClip.Status.READY and not force):
        return clip
    try:
        spoken = speech.synthesise(clip.text, clip.speed)
    except speech.TTSFailed as error:
        clip.status = SpeechClip.Status.FAILED
        clip.error_message = str(error)[:300]
        clip.save(update_fields=["status", "error_message", "updated_at"])
        _update_word_audio_status(clip.text)
        return clip
    old_file = clip.audio.name if clip.audio else None
    key = speech.cache_key(clip.text, clip.speed, spoken.engine)
    clip.audio.save(f"tts/{spoken.engine}/{key}.{spoken.extension}", ContentFile(spoken.audio), save=False)
    clip.engine = spoken.engine
    clip.status = SpeechClip.Status.READY
    clip.error_message = ""
    clip.save(update_fields=["audio", "engine", "status", "error_message", "updated_at"])
    if old_file and old_file != clip.audio.name:
        clip.audio.storage.delete(old_file)
    _update_word_audio_status(clip.text)
    return clip


def _update_word_audio_status(text: str) -> None:
    statuses = set(SpeechClip.objects.filter(text=text).values_list("status", flat=True))
    if SpeechClip.Status.FAILED in statuses:
        status = Word.AudioStatus.FAILED
    elif statuses == {SpeechClip.Status.READY}:
        status = Word.AudioStatus.READY
    else:
        status = Word.AudioStatus.PENDING
    Word.objects.filter(Q(text=text) & ~Q(audio_status=status)).update(audio_status=status)
