"""Every state change of the explorer, one function per event; slow work is queued on
commit by task name (the tasks module imports these actions, never the reverse)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

import speech
from dyslexia_site import queue
from learning.actions import queue_references, request_clips
from learning.recordings import Upload, apply_verdict, attach_recording

from . import difficulty, pictures, wordfacts
from .models import ExplorerEntry, ExplorerTry, PracticeWord
from .rules import Checked

log = logging.getLogger(__name__)

MAKE_PICTURE_TASK = "dynamic.make_picture"


# --- Rate limit ---------------------------------------------------------------------


def spend_lookup(user) -> bool:
    """Count one lookup against the user's allowance for this minute; False when it is used up.

    Kept in the cache, not the database; a cache that is down lets the lookup through
    (a learner is never stopped by our outage).
    """
    limit = settings.EXPLORER_LOOKUPS_PER_MINUTE
    key = f"explorer:lookups:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    try:
        cache.add(key, 0, timeout=120)
        return cache.incr(key) <= limit
    except Exception:  # noqa: BLE001 - any cache failure fails open
        log.warning("Explorer rate limit unavailable; letting the lookup through", exc_info=True)
        return True


# --- Looking a word up ---------------------------------------------------------------


@dataclass(frozen=True)
class Explored:
    entry: ExplorerEntry
    created: bool


def explore_word(checked: Checked) -> Explored:
    """The cached entry for a checked word, or a new one: facts now, picture and audio queued.

    Everything but the picture render and the speech is worked out in the request (fast,
    offline); a second lookup of the same word reads the row.
    """
    existing = ExplorerEntry.objects.filter(word=checked.word).first()
    if existing is not None:
        return Explored(existing, False)
    entry = _new_entry(checked)
    try:
        with transaction.atomic():
            entry.save()
            if entry.picture_pending:
                queue.send_on_commit(MAKE_PICTURE_TASK, entry.pk)
            request_clips(entry.word)
            # "Try saying it" is judged against reference readings: a worker makes them now.
            queue_references([entry.word])
    except IntegrityError:  # another learner looked it up at the same moment
        return Explored(ExplorerEntry.objects.get(word=checked.word), False)
    entry.refresh_from_db()
    return Explored(entry, True)


def _new_entry(checked: Checked) -> ExplorerEntry:
    word = checked.word
    facts = wordfacts.analyse(word)
    entry = ExplorerEntry(word=word, is_name=checked.is_name, facts=facts)
    if checked.is_name:
        entry.facts = {**facts, "meaning": "", "synonyms": [], "example": "", "advice": facts["advice"]}
        entry.picture_kind = ExplorerEntry.PictureKind.NAME_CARD
    else:
        prediction = difficulty.predict(word) if facts["known"] else None
        if prediction is not None:
            entry.level, entry.level_probability = prediction.level, prediction.probability
            entry.level_source = prediction.source
        found = pictures.match(word) if facts["known"] else None
        if found is not None:
            entry.picture_kind = ExplorerEntry.PictureKind.EMOJI
            entry.picture_emoji = found.emoji.hex
            entry.picture_label = found.emoji.label
            entry.picture_status = ExplorerEntry.PictureStatus.READY
        elif settings.OPENAI_API_KEY and facts["known"]:
            entry.picture_kind = ExplorerEntry.PictureKind.AI
    return entry


def make_picture(entry_id: int) -> ExplorerEntry | None:
    """Draw the entry's card (or ask the images API); a failed drawing falls back to the card."""
    entry = ExplorerEntry.objects.filter(pk=entry_id).first()
    if entry is None or entry.picture_ready:
        return entry
    kind, error = entry.picture_kind, ""
    png = None
    if kind == ExplorerEntry.PictureKind.AI:
        try:
            png = pictures.draw_with_openai(
                entry.word,
                api_key=settings.OPENAI_API_KEY,
                model=settings.OPENAI_IMAGE_MODEL,
                base_url=settings.OPENAI_BASE_URL or None,
            )
        except pictures.PictureNotMade as problem:
            kind, error = ExplorerEntry.PictureKind.WORD_CARD, str(problem)[:300]
    if png is None and kind == ExplorerEntry.PictureKind.NAME_CARD:
        png = pictures.name_card(entry.word)
    if png is None:
        kind = ExplorerEntry.PictureKind.WORD_CARD
        png = pictures.word_card(entry.word, entry.facts.get("syllables", []))
    entry.picture_kind = kind
    entry.picture_error = error
    entry.picture_file.save(f"{entry.word}.png", ContentFile(png), save=False)
    entry.picture_status = ExplorerEntry.PictureStatus.READY
    entry.save(
        update_fields=["picture_kind", "picture_error", "picture_file", "picture_status", "updated_at"]
    )
    return entry


def mark_picture_failed(entry_id: int, message: str) -> None:
    ExplorerEntry.objects.filter(pk=entry_id, picture_status=ExplorerEntry.PictureStatus.PENDING).update(
        picture_status=ExplorerEntry.PictureStatus.FAILED, picture_error=message[:300]
    )


# --- The learner's own list ------------------------------------------------------------


def add_practice_word(*, learner, entry: ExplorerEntry) -> PracticeWord:
    with transaction.atomic():
        word, _ = PracticeWord.objects.get_or_create(learner=learner, entry=entry)
    return word


def remove_practice_word(*, learner, entry: ExplorerEntry) -> None:
    PracticeWord.objects.filter(learner=learner, entry=entry).delete()


# --- Try saying it -------------------------------------------------------------------------


def record_try(*, learner, entry: ExplorerEntry, upload: Upload, client_token) -> ExplorerTry:
    """Store a checked recording as a pending try and queue its judging (a repeat post returns the first)."""
    existing = ExplorerTry.objects.filter(learner=learner, client_token=client_token).first()
    if existing:
        return existing
    attempt = ExplorerTry(learner=learner, entry=entry)
    try:
        with transaction.atomic():
            attach_recording(attempt, upload, client_token=client_token)
    except IntegrityError:
        attempt.recording.delete(save=False)
        return ExplorerTry.objects.get(learner=learner, client_token=client_token)
    return attempt


def apply_try_judgement(try_id: int, judgement: speech.Judgement) -> ExplorerTry | None:
    with transaction.atomic():
        attempt = ExplorerTry.objects.select_for_update().select_related("entry").get(pk=try_id)
        if not attempt.is_pending:
            return None
        apply_verdict(attempt, judgement)
    return attempt


def mark_try_failed(try_id: int, message: str) -> None:
    ExplorerTry.objects.filter(pk=try_id, status=ExplorerTry.Status.PENDING).update(
        status=ExplorerTry.Status.FAILED, error_message=message[:300], judged_at=timezone.now()
    )
