from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from . import actions, limits
from .forms import (
    ChildAccountForm,
    ChildLoginForm,
    DeleteAccountForm,
    LinkCodeForm,
    PinForm,
    PreferencesForm,
    RenameForm,
)
from .models import LinkCode, ParentLink
from .preferences import ReadingStyle
from .rules import children_managed_by


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


# --- Family links ---------------------------------------------------------------------


def _family_context(request, **forms) -> dict:
    user = request.user
    context = {"links": [], "code": None, **forms}
    if user.is_learner:
        context["links"] = list(user.parent_links.select_related("parent").order_by("created_at"))
        context["code"] = LinkCode.objects.filter(learner=user).usable().first()
    elif user.is_parent:
        context["links"] = list(user.child_links.select_related("learner").order_by("created_at"))
        context["managed_ids"] = set(children_managed_by(user).values_list("pk", flat=True))
        context.setdefault("code_form", LinkCodeForm())
        context.setdefault("child_form", ChildAccountForm())
    return context


def _learner_or_parent(request):
    if not (request.user.is_learner or request.user.is_parent):
        raise Http404("Staff link accounts in the admin.")


@login_required
@require_http_methods(["GET"])
def family(request):
    """Learners make link codes and see who follows them; parents enter codes and make child accounts."""
    _learner_or_parent(request)
    return render(request, "accounts/family.html", _family_context(request))


@login_required
@require_POST
def make_code(request):
    if not request.user.is_learner:
        raise Http404
    actions.make_link_code(learner=request.user, by=request.user)
    return redirect("accounts:family")


@login_required
@require_POST
def enter_code(request):
    if not request.user.is_parent:
        raise Http404
    form = LinkCodeForm(request.POST)
    who = (limits.client_ip(request), f"user:{request.user.pk}")
    if limits.LINK_CODE_TRIES.is_blocked(*who):
        form.add_error(None, "Too many codes were tried. Please wait 15 minutes and try again.")
        return render(request, "accounts/family.html", _family_context(request, code_form=form), status=429)
    if form.is_valid():
        try:
            link = actions.redeem_link_code(parent=request.user, code=form.cleaned_data["code"])
        except actions.LinkRefused as refused:
            limits.LINK_CODE_TRIES.hit(*who)
            form.add_error("code", refused.message)
        else:
            messages.success(request, f"You now follow {link.learner.name}.")
            return redirect("accounts:family")
    return render(request, "accounts/family.html", _family_context(request, code_form=form), status=422)


@login_required
@require_POST
def remove_link(request, link_id):
    link = get_object_or_404(
        ParentLink.objects.select_related("learner", "parent").filter(
            pk=link_id, **({"learner": request.user} if request.user.is_learner else {"parent": request.user})
        )
    )
    try:
        actions.remove_link(link=link, by=request.user)
    except actions.LinkRefused as refused:
        messages.error(request, refused.message)
    else:
        other = link.parent if request.user.is_learner else link.learner
        messages.success(request, f"{other.name} is no longer linked to you.")
    return redirect("accounts:family")


@login_required
@require_POST
def new_child(request):
    if not request.user.is_parent:
        raise Http404
    form = ChildAccountForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/family.html", _family_context(request, child_form=form), status=422)
    child = actions.create_child_account(
        parent=request.user,
        display_name=form.cleaned_data["display_name"],
        login_name=form.cleaned_data["login_name"],
        pin=form.cleaned_data["pin"],
    )
    messages.success(request, f"{child.name} can now log in as “{child.login_name}” with the PIN you chose.")
    return redirect("accounts:child", child.pk)


def _managed_child(request, learner_id):
    return get_object_or_404(children_managed_by(request.user), pk=learner_id)


@login_required
@require_http_methods(["GET", "POST"])
def child(request, learner_id):
    """A parent looks after a child's PIN account: rename it, or set a new PIN."""
    child = _managed_child(request, learner_id)
    rename_form = RenameForm(initial={"display_name": child.display_name})
    pin_form = PinForm()
    if request.method == "POST":
        if "display_name" in request.POST:
            rename_form = RenameForm(request.POST)
            if rename_form.is_valid():
                actions.rename_child(child=child, display_name=rename_form.cleaned_data["display_name"])
                messages.success(request, "The name is changed.")
                return redirect("accounts:child", child.pk)
        else:
            pin_form = PinForm(request.POST)
            if pin_form.is_valid():
                actions.set_child_pin(child=child, pin=pin_form.cleaned_data["pin"])
                messages.success(request, f"{child.name}'s new PIN is set.")
                return redirect("accounts:child", child.pk)
        status = 422
    else:
        status = 200
    context = {"child": child, "rename_form": rename_form, "pin_form": pin_form}
    return render(request, "accounts/child.html", context, status=status)


@require_http_methods(["GET", "POST"])
def child_login(request):
    """Children without e-mail log in with the login name and PIN their parent set (rate-limited)."""
    form = ChildLoginForm(request.POST or None)
    if request.method == "GET":
        return render(request, "accounts/child_login.html", {"form": form})
    if not form.is_valid():
        return render(request, "accounts/child_login.html", {"form": form}, status=422)
    name = form.cleaned_data["login_name"].strip().lower()
    ip = limits.client_ip(request)
    if limits.PIN_LOGIN_PER_NAME.is_blocked(name) or limits.PIN_LOGIN_PER_IP.is_blocked(ip):
        form.add_error(None, "Too many tries. Please wait five minutes, or ask your grown-up for help.")
        return render(request, "accounts/child_login.html", {"form": form}, status=429)
    user = authenticate(request, login_name=name, pin=form.cleaned_data["pin"])
    if user is None:
        limits.PIN_LOGIN_PER_NAME.hit(name)
        limits.PIN_LOGIN_PER_IP.hit(ip)
        form.add_error(None, "That login name and PIN don't match. Please try again.")
        return render(request, "accounts/child_login.html", {"form": form}, status=422)
    limits.PIN_LOGIN_PER_NAME.clear(name)
    login(request, user)
    return redirect("home")
