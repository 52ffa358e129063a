from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.models import User
from learning.rules import continue_point
from mocktest.models import MockTest

from .export import learner_archive
from .rules import family_cards, learner_dashboard


def home(request):
    """The front door: a welcome for visitors, where to carry on for learners, children for parents."""
    if not request.user.is_authenticated:
        return render(request, "progress/landing.html")
    context = {}
    if request.user.is_learner:
        context["level"], context["next_word"] = continue_point(request.user)
    elif request.user.is_parent:
        context["child_links"] = request.user.child_links.select_related("learner")
    return render(request, "progress/home.html", context)


@login_required
def dashboard(request):
    """A learner's own progress. Parents go to their family overview."""
    if request.user.is_parent:
        return redirect("progress:family")
    if not request.user.is_learner:
        raise Http404("Staff follow progress in the admin.")
    context = {"dashboard": learner_dashboard(request.user), "own": True}
    return render(request, "progress/dashboard.html", context)


@login_required
def learner(request, learner_id):
    """A linked learner's progress, read-only, for their parent or teacher."""
    learner = get_object_or_404(User.objects.visible_to(request.user), pk=learner_id)
    if learner == request.user:
        return redirect("progress:dashboard")
    mock_tests = MockTest.objects.filter(learner=learner).select_related("level").order_by("-started_at")
    context = {"dashboard": learner_dashboard(learner), "own": False, "mock_tests": mock_tests}
    return render(request, "progress/dashboard.html", context)


@login_required
def family(request):
    """A parent's overview: one card per linked learner."""
    if not request.user.is_parent:
        raise Http404("Only parents and teachers have a family page.")
    return render(request, "progress/family.html", {"cards": family_cards(request.user)})


@login_required
def export(request, learner_id):
    """Download everything kept about a learner (the learner, or a parent who follows them)."""
    learner = get_object_or_404(User.objects.visible_to(request.user), pk=learner_id)
    stamp = timezone.localdate().isoformat()
    return FileResponse(learner_archive(learner), as_attachment=True, filename=f"my-reading-data-{stamp}.zip")
