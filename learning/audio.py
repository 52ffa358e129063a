"""Spoken words for the pages: text-to-speech clips made in Celery and cached."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q

from speech import tts

from .models import SpeechClip, Word


def request_clips(text: str, *, force: bool = False) -> list[SpeechClip]:
    """Make sure both speeds of `text` exist or are being made; queue what's missing.

    Cheap enough to call on every page view: existing clips cost one query.
    """
    from .tasks import make_speech_clip

    clips = []
    for speed in (SpeechClip.Speed.NORMAL, SpeechClip.Speed.SLOW):
        try:
            with transaction.atomic():
                clip, created = SpeechClip.objects.get_or_create(text=text, speed=speed)
        except IntegrityError:  # another request made it a moment ago
            clip, created = SpeechClip.objects.get(text=text, speed=speed), False
        needs_work = created or force or clip.status == SpeechClip.Status.FAILED
        if needs_work:
            if not created:
                SpeechClip.objects.filter(pk=clip.pk).update(
                    status=SpeechClip.Status.PENDING, error_message=""
                )
            transaction.on_commit(lambda clip_id=clip.pk: make_speech_clip.delay(clip_id, force=force))
        clips.append(clip)
    return clips


def clips_for_words(words) -> dict[tuple[str, str], SpeechClip]:
    texts = [word.text for word in words]
    return {(clip.text, clip.speed): clip for clip in SpeechClip.objects.filter(text__in=texts)}


def make_clip(clip_id: int, *, force: bool = False) -> SpeechClip | None:
    """Synthesise one clip and store it; a ready clip is left alone unless forced."""
    clip = SpeechClip.objects.filter(pk=clip_id).first()
    if clip is None or (clip.status == SpeechClip.Status.READY and not force):
        return clip
    try:
        speech = tts.synthesise(clip.text, clip.speed)
    except tts.TTSFailed as error:
        clip.status = SpeechClip.Status.FAILED
        clip.error_message = str(error)[:300]
        clip.save(update_fields=["status", "error_message", "updated_at"])
        _update_word_status(clip.text)
        return clip
    old_file = clip.audio.name if clip.audio else None
    name = f"tts/{speech.engine}/{tts.cache_key(clip.text, clip.speed, speech.engine)}.{speech.extension}"
    clip.audio.save(name, ContentFile(speech.audio), save=False)
    clip.engine = speech.engine
    clip.status = SpeechClip.Status.READY
    clip.error_message = ""
    clip.save(update_fields=["audio", "engine", "status", "error_message", "updated_at"])
    if old_file and old_file != clip.audio.name:
        clip.audio.storage.delete(old_file)
    _update_word_status(clip.text)
    return clip


def _update_word_status(text: str) -> None:
    statuses = set(SpeechClip.objects.filter(text=text).values_list("status", flat=True))
    if SpeechClip.Status.FAILED in statuses:
        status = Word.AudioStatus.FAILED
    elif statuses == {SpeechClip.Status.READY}:
        status = Word.AudioStatus.READY
    else:
        status = Word.AudioStatus.PENDING
    Word.objects.filter(Q(text=text) & ~Q(audio_status=status)).update(audio_status=status)
