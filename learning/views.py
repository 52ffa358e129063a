import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

import lexicon
from dyslexia_site.files import file_response
from dyslexia_site.limits import limited

from .actions import DuplicateAttempt, record_attempt
from .forms import RecordingForm
from .models import Level, PracticeAttempt, SpeechClip, Word, WordProgress
from .recommending import reminder_for
from .rules import (
    level_state,
    level_states,
    may_speak,
    recommended_word,
    word_standings,
    words_with_progress,
)


def _open_word(request, word_id) -> Word:
    return get_object_or_404(Word.objects.open_to(request.user).select_related("level"), pk=word_id)


def _practice_context(request, word: Word, *, form=None, attempt=None) -> dict:
    progress = WordProgress.objects.filter(learner=request.user, word=word).first()
    return {
        "word": word,
        "level": word.level,
        "progress": progress,
        "form": form or RecordingForm.fresh(opened_at=time.time()),
        "attempt": attempt,
        "next_word": recommended_word(request.user, word.level, after=word),
        # What the page says about this word follows the one mastery rule (recommender.mastery).
        "standing": word_standings(request.user).get(word.pk) if progress else None,
    }


def _result_context(word: Word, attempt: PracticeAttempt, *, fresh_recorder: bool) -> dict:
    """What the result partial needs: polls every second, so none of the full page's lookups
    until the verdict is in; then the mistake reminder and the next word with its reason."""
    context = {"word": word, "attempt": attempt, "fresh_recorder": fresh_recorder}
    if attempt.is_judged:
        context["reminder"] = reminder_for(attempt.learner, word, before=attempt)
        context["result_next_word"] = recommended_word(attempt.learner, word.level, after=word)
    if fresh_recorder:
        context["form"] = RecordingForm.fresh(opened_at=time.time())
    return context


@login_required
@require_GET
def levels(request):
    context = {"states": level_states(request.user), "opens_at_percent": Level.MOCK_TEST_OPENS_AT_PERCENT}
    return render(request, "learning/levels.html", context)


@login_required
@require_GET
def level_detail(request, order):
    level = get_object_or_404(Level.objects.open_to(request.user), order=order)
    standings = word_standings(request.user)
    return render(
        request,
        "learning/level.html",
        {
            "level": level,
            "state": level_state(request.user, level, standings=standings),
            "words": words_with_progress(request.user, level, standings=standings),
            "recommended": recommended_word(request.user, level),
        },
    )


@login_required
@require_GET
def practice(request, word_id):
    word = _open_word(request, word_id)
    return render(request, "learning/practice.html", _practice_context(request, word))


@login_required
@require_POST
@limited("uploads", "UPLOAD_RATE_LIMIT")
def submit_attempt(request, word_id):
    word = _open_word(request, word_id)
    form = RecordingForm(request.POST, request.FILES)
    if not form.is_valid():
        # An old or tampered form: a fresh one keeps the learner going.
        shown = RecordingForm.fresh(opened_at=time.time()) if form.token_error else form
        if not request.htmx:
            context = _practice_context(request, word, form=shown)
            return render(request, "learning/practice.html", context, status=422)
        context = {"word": word, "form": shown}
        response = render(request, "learning/practice.html#recorder", context, status=422)
        return reswap(retarget(response, "#recorder-slot"), "innerHTML")
    opened_at = form.cleaned_data["opened"]
    try:
        attempt = record_attempt(
            learner=request.user,
            word=word,
            upload=form.upload,
            client_token=form.cleaned_data["client_token"],
            practice_seconds=(time.time() - opened_at) if opened_at else 0.0,
        )
    except DuplicateAttempt as duplicate:
        attempt = duplicate.attempt
    if not request.htmx:
        return redirect(attempt)
    attempt.refresh_from_db()
    context = _result_context(word, attempt, fresh_recorder=True)
    return _announce_judged(render(request, "learning/practice.html#result", context), attempt)


def _announce_judged(response, attempt: PracticeAttempt):
    """Tell the page a verdict arrived (apps above, e.g. rewards' toast, listen; learning knows none)."""
    if attempt.is_judged:
        trigger_client_event(response, "attempt-judged", {"attempt": attempt.pk})
    return response


@login_required
@require_GET
def attempt_detail(request, attempt_id):
    attempt = get_object_or_404(
        PracticeAttempt.objects.visible_to(request.user).select_related("word__level"), pk=attempt_id
    )
    if attempt.learner_id != request.user.pk:
        # Parents read attempts from the history pages; the practice page is the learner's own.
        raise Http404
    if request.htmx:
        context = _result_context(attempt.word, attempt, fresh_recorder=False)
        return _announce_judged(render(request, "learning/practice.html#result", context), attempt)
    context = _practice_context(request, attempt.word, attempt=attempt)
    return render(request, "learning/practice.html", context)


@login_required
@require_GET
def attempt_recording(request, attempt_id):
    attempt = get_object_or_404(PracticeAttempt.objects.visible_to(request.user), pk=attempt_id)
    if not attempt.has_recording:
        raise Http404("This recording has been deleted.")
    return file_response(attempt.recording)


@login_required
@require_GET
def word_history(request, word_id):
    word = _open_word(request, word_id)
    attempts = PracticeAttempt.objects.filter(learner=request.user, word=word).order_by("-created_at")[:50]
    progress = WordProgress.objects.filter(learner=request.user, word=word).first()
    context = {
        "word": word,
        "attempts": attempts,
        "progress": progress,
        "standing": word_standings(request.user).get(word.pk) if progress else None,
        "retention_days": settings.RECORDING_RETENTION_DAYS,
    }
    return render(request, "learning/history.html", context)


@login_required
@require_GET
@limited("audio", "AUDIO_RATE_LIMIT")
def speech(request, speed, text):
    """A curriculum (or explorer) word spoken; clips are made ahead by a worker, so this only reads.

    Not ready yet (a new word, a worker catching up): 503 with Retry-After at once,
    and the listen button says so kindly.
    """
    text = lexicon.normalise(text)
    if text is None or speed not in SpeechClip.Speed.values or not may_speak(text):
        raise Http404("We don't know this word yet.")
    clip = SpeechClip.objects.filter(text=text, speed=speed).first()
    if clip is None or not clip.is_ready:
        response = HttpResponse(
            "Sorry, the voice isn't ready yet. Please try again in a moment.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "2"
        return response
    extension = clip.audio.name.rsplit(".", 1)[-1]
    return file_response(clip.audio, content_type=_AUDIO_TYPES.get(extension), private_seconds=86400)


_AUDIO_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg"}
