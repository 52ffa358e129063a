"""Error views Django can't render in the site's layout by itself."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """Django's own CSRF page renders without the request; ours uses the site's layout."""
    return render(request, "403_csrf.html", status=403)
