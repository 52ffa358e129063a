import time
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from dyslexia_site.files import file_response
from learning.forms import RecordingForm

from . import actions, rules
from .forms import LookupForm
from .models import ExplorerEntry, ExplorerTry

# A picture still pending after this long is probably waiting for a worker that is down.
PICTURE_SLOW_AFTER = timedelta(seconds=20)


def _entry(word) -> ExplorerEntry:
    return get_object_or_404(ExplorerEntry, word=word.lower())


def _entry_context(request, entry: ExplorerEntry, **extra) -> dict:
    context = {
        "entry": entry,
        "facts": entry.facts,
        "form": LookupForm(initial={"word": entry.shown_word}),
        "picture_slow": entry.picture_pending and timezone.now() - entry.created_at > PICTURE_SLOW_AFTER,
        "may_practise": rules.may_practise(request.user),
        "spoken": {"text": entry.word},
    }
    if context["may_practise"]:
        context["on_list"] = rules.is_on_list(request.user, entry)
        context["recording_form"] = RecordingForm.fresh(opened_at=time.time())
        context["attempt"] = rules.latest_try(request.user, entry)
    context.update(extra)
    return context


@login_required
@require_GET
def explorer(request):
    return render(request, "dynamic/explorer.html", {"form": LookupForm()})


@login_required
@require_POST
def lookup(request):
    form = LookupForm(request.POST)
    typed = request.POST.get("word", "")
    checked = rules.check_input(typed[:200])
    if not checked.ok:
        return _refused(request, form, checked.message, checked.suggestion, status=422)
    if not actions.spend_lookup(request.user):
        message = "That's a lot of words in a minute! Take a breath and try again in a moment."
        return _refused(request, form, message, "", status=429)
    explored = actions.explore_word(checked)
    if not request.htmx:
        return redirect(explored.entry)
    return render(request, "dynamic/explorer.html#entry", _entry_context(request, explored.entry))


def _refused(request, form, message, suggestion, *, status):
    context = {"form": form, "problem": message, "suggestion": suggestion}
    if not request.htmx:
        return render(request, "dynamic/explorer.html", context, status=status)
    response = render(request, "dynamic/explorer.html#lookup", context, status=status)
    return reswap(retarget(response, "#lookup-slot"), "innerHTML")


@login_required
@require_GET
def entry(request, word):
    return render(request, "dynamic/explorer.html", _entry_context(request, _entry(word)))


@login_required
@require_GET
def picture(request, word):
    """Polled while the picture is drawn: it only reads."""
    item = _entry(word)
    context = {
        "entry": item,
        "picture_slow": item.picture_pending and timezone.now() - item.created_at > PICTURE_SLOW_AFTER,
    }
    if not request.htmx:
        return redirect(item)
    return render(request, "dynamic/explorer.html#picture", context)


@login_required
@require_GET
def picture_file(request, word):
    item = _entry(word)
    if not (item.picture_ready and item.picture_file):
        raise Http404("The picture isn't ready yet.")
    return file_response(item.picture_file, content_type="image/png", private_seconds=86400)


def _learner_entry(request, word) -> ExplorerEntry:
    if not rules.may_practise(request.user):
        raise Http404("Only learners keep a list of words.")
    return _entry(word)


@login_required
@require_POST
def add_word(request, word):
    item = _learner_entry(request, word)
    actions.add_practice_word(learner=request.user, entry=item)
    if request.htmx:
        return render(request, "dynamic/explorer.html#list_button", _entry_context(request, item))
    return redirect(item)


@login_required
@require_POST
def remove_word(request, word):
    item = _learner_entry(request, word)
    actions.remove_practice_word(learner=request.user, entry=item)
    if request.htmx:
        return render(request, "dynamic/explorer.html#list_button", _entry_context(request, item))
    return redirect("dynamic:my_words")


@login_required
@require_POST
def submit_try(request, word):
    item = _learner_entry(request, word)
    form = RecordingForm(request.POST, request.FILES)
    if not form.is_valid():
        shown = RecordingForm.fresh(opened_at=time.time()) if form.token_error else form
        context = _entry_context(request, item, recording_form=shown, attempt=None)
        if not request.htmx:
            return render(request, "dynamic/explorer.html", context, status=422)
        response = render(request, "dynamic/explorer.html#recorder", context, status=422)
        return reswap(retarget(response, "#recorder-slot"), "innerHTML")
    attempt = actions.record_try(
        learner=request.user, entry=item, upload=form.upload, client_token=form.cleaned_data["client_token"]
    )
    if not request.htmx:
        return redirect(attempt)
    attempt.refresh_from_db()
    context = {
        "entry": item,
        "spoken": {"text": item.word},
        "attempt": attempt,
        "fresh_recorder": True,
        "recording_form": RecordingForm.fresh(opened_at=time.time()),
    }
    return render(request, "dynamic/explorer.html#result", context)


@login_required
@require_GET
def try_detail(request, try_id):
    attempt = get_object_or_404(ExplorerTry.objects.owned_by(request.user).select_related("entry"), pk=try_id)
    if request.htmx:
        context = {"entry": attempt.entry, "spoken": {"text": attempt.entry.word}, "attempt": attempt}
        return render(request, "dynamic/explorer.html#result", context)
    return render(request, "dynamic/explorer.html", _entry_context(request, attempt.entry, attempt=attempt))


@login_required
@require_GET
def my_words(request):
    words = rules.practice_words(request.user) if rules.may_practise(request.user) else []
    return render(request, "dynamic/my_words.html", {"words": words})
