from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget, trigger_client_event

from . import actions
from .forms import DeleteAccountForm, PreferencesForm
from .preferences import ReadingStyle


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "GET":
        context = {"form": form, "retention_days": settings.RECORDING_RETENTION_DAYS}
        return render(request, "accounts/preferences.html", context)

    if not form.is_valid():
        if request.htmx:
            response = render(request, "accounts/preferences.html#settings", {"form": form}, status=422)
            return reswap(retarget(response, "#preferences-form"), "outerHTML")
        return render(request, "accounts/preferences.html", {"form": form}, status=422)

    form.save()
    if not request.htmx:
        messages.success(request, "Your reading settings are saved.")
        return redirect("accounts:preferences")
    # The partial says "Saved" and swaps the page's reading style out of band.
    style = ReadingStyle.for_user(request.user)
    response = render(request, "accounts/preferences.html#saved", {"reading_style": style})
    return trigger_client_event(
        response, "reading-style-changed", {"dark": style.is_dark, "lineFocus": style.line_focus}
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete my account and everything in it, after typing the password."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "GET":
        return render(request, "accounts/delete_account.html", {"form": form})
    if not form.is_valid():
        return render(request, "accounts/delete_account.html", {"form": form}, status=422)
    user = request.user
    logout(request)
    actions.delete_account(user)
    messages.success(request, "Your account and everything in it have been deleted.")
    return redirect("home")
