import time

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import push_url

from dyslexia_site.limits import limited
from learning.forms import RecordingForm
from learning.models import Level
from learning.rules import next_level

from .actions import DuplicateSubmission, MockTestClosed, expire_if_overdue, start_mock_test, submit_item
from .models import LevelProgress, MockTest, MockTestItem
from .report import build_report
from .rules import MockTestNotOpen, eligibility, next_item


def _open_level(request, order) -> Level:
    return get_object_or_404(Level.objects.open_to(request.user), order=order)


def _my_test(request, test_id) -> MockTest:
    """Saying words and reading the live result are for the learner alone; everyone else gets 404."""
    return get_object_or_404(MockTest.objects.owned_by(request.user).select_related("level"), pk=test_id)


def _intro_context(request, level: Level) -> dict:
    return {
        "level": level,
        "check": eligibility(request.user, level),
        "past_tests": MockTest.objects.filter(
            learner=request.user, level=level, status=MockTest.Status.FINISHED
        ).order_by("-finished_at")[:10],
        "progress": LevelProgress.objects.filter(learner=request.user, level=level).first(),
    }


@login_required
@require_GET
def level_intro(request, order):
    level = _open_level(request, order)
    return render(request, "mocktest/intro.html", _intro_context(request, level))


@login_required
@require_POST
def start(request, order):
    level = _open_level(request, order)
    try:
        test = start_mock_test(learner=request.user, level=level)
    except MockTestNotOpen:
        return render(request, "mocktest/intro.html", _intro_context(request, level), status=409)
    return redirect(test)


def _item_context(test: MockTest, item: MockTestItem | None, *, form=None) -> dict:
    items = list(
        test.items.select_related("word").only("pk", "status", "position", "retries", "test_id", "word__text")
    )
    said = sum(1 for i in items if not i.is_waiting)
    # A reading test: the word on screen is never spoken before it is said. The word said last may
    # be heard now (a word back for saying again has more retries, so it sorts after the first round).
    said_items = sorted((i for i in items if not i.is_waiting), key=lambda i: (i.retries, i.position))
    return {
        "test": test,
        "level": test.level,
        "item": item,
        "items": items,
        "just_said": said_items[-1] if said_items else None,
        "number": min(said + 1, len(items)),
        "total": len(items),
        "form": form or RecordingForm.fresh(opened_at=time.time()),
    }


@login_required
@require_GET
def take(request, test_id):
    """The test, one word per screen: always the first word still to say, so a reload resumes."""
    test = _my_test(request, test_id)
    if test.status == MockTest.Status.EXPIRED or test.is_overdue:
        return render(request, "mocktest/take.html", {"test": test, "level": test.level, "expired": True})
    item = next_item(test) if test.status == MockTest.Status.IN_PROGRESS else None
    if item is None:
        return redirect(test.get_result_url())
    template = "mocktest/take.html#item" if request.htmx else "mocktest/take.html"
    return render(request, template, _item_context(test, item))


@login_required
@require_POST
@limited("uploads", "UPLOAD_RATE_LIMIT")
def submit(request, test_id, item_id):
    test = expire_if_overdue(_my_test(request, test_id))
    item = get_object_or_404(test.items.select_related("word", "test"), pk=item_id)
    form = RecordingForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _item_context(test, item, form=form)
        if form.token_error:
            # An old or tampered form: a fresh one keeps the learner going.
            context.update(form=RecordingForm.fresh(opened_at=time.time()), stale_form=True)
        template = "mocktest/take.html#item" if request.htmx else "mocktest/take.html"
        return render(request, template, context, status=422)
    try:
        submit_item(item=item, upload=form.upload, client_token=form.cleaned_data["client_token"])
    except DuplicateSubmission:
        pass  # the first post counted; carry on from wherever the test is now
    except MockTestClosed:
        pass  # the take page explains
    if not request.htmx:
        return redirect(test)
    test.refresh_from_db()
    upcoming = next_item(test) if test.status == MockTest.Status.IN_PROGRESS else None
    if upcoming is not None:
        return render(request, "mocktest/take.html#item", _item_context(test, upcoming))
    if test.status == MockTest.Status.EXPIRED:
        return render(
            request, "mocktest/take.html#item", {"test": test, "level": test.level, "expired": True}
        )
    response = render(request, "mocktest/result.html#result", _result_context(test))
    return push_url(response, test.get_result_url())


def _result_context(test: MockTest) -> dict:
    items = list(test.items.select_related("word").order_by("position"))
    context = {
        "test": test,
        "level": test.level,
        "items": items,
        "pending": [item for item in items if item.is_pending],
        "delayed": any(item.is_delayed for item in items),
        "say_again": [item for item in items if item.needs_saying_again],
        "not_said": [item for item in items if item.is_waiting and not item.problem],
    }
    if test.is_finished:
        context["report"] = build_report(test, items)
        context["next_level"] = next_level(test.level) if test.passed else None
    return context


@login_required
@require_GET
def result(request, test_id):
    """Checks until every word is judged (HTMX polls this URL), then the result and what to practise."""
    test = _my_test(request, test_id)
    template = "mocktest/result.html#result" if request.htmx else "mocktest/result.html"
    return render(request, template, _result_context(test))


@login_required
@require_GET
def report(request, test_id):
    """A printable report for the learner and their linked parents or teachers."""
    test = get_object_or_404(
        MockTest.objects.visible_to(request.user).select_related("level", "learner"), pk=test_id
    )
    context = {"test": test, "level": test.level, "learner": test.learner}
    if test.is_finished:
        context["report"] = build_report(test)
    return render(request, "mocktest/report.html", context)
