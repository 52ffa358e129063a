from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from learning.models import PracticeAttempt

from .actions import unsubscribe_weekly_summary
from .rules import awards_for_attempt, rewards_page
from .summary import parent_for_token


@login_required
@require_GET
def my_rewards(request):
    if not request.user.is_learner:
        if request.user.is_parent:
            return redirect("progress:family")
        raise Http404("Staff see rewards in the admin.")
    return render(request, "rewards/rewards.html", {"page": rewards_page(request.user), "own": True})


@login_required
@require_GET
def learner_rewards(request, learner_id):
    """A linked learner's rewards, read-only, for their parent."""
    learner = get_object_or_404(get_user_model().objects.visible_to(request.user), pk=learner_id)
    if learner == request.user:
        return redirect("rewards:mine")
    return render(request, "rewards/rewards.html", {"page": rewards_page(learner), "own": False})


@login_required
@require_GET
def toast(request, attempt_id):
    """What one of the learner's own tries just earned: the calm message after a result."""
    attempt = get_object_or_404(PracticeAttempt.objects.owned_by(request.user), pk=attempt_id)
    return render(request, "rewards/toast.html", {"awards": awards_for_attempt(request.user, attempt.pk)})


# The link in the e-mail works without logging in: the signed token is the permission. The GET
# only asks; the POST unsubscribes, and mail apps' one-click unsubscribe (RFC 8058) posts with
# no CSRF cookie, so it is exempt (the worst a forged post can do is stop that parent's e-mail).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    parent = parent_for_token(token)
    if parent is None:
        return render(request, "rewards/unsubscribe.html", {"bad_link": True}, status=404)
    if request.method == "POST":
        unsubscribe_weekly_summary(parent=parent)
        return render(request, "rewards/unsubscribe.html", {"done": True})
    return render(
        request, "rewards/unsubscribe.html", {"parent": parent, "subscribed": parent.weekly_summary}
    )
