from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


class HtmxLoginRedirectMiddleware:
    """An HTMX request from an expired session would swap the login page into a
    fragment of the old page. Send the whole browser to log in instead, and come
    back to the page the learner was on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.status_code != 302:
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response.get("Location", "")).path != login_path:
            return response
        came_from = urlsplit(request.htmx.current_url or "/")
        next_url = came_from.path + (f"?{came_from.query}" if came_from.query else "")
        messages.info(request, "You were logged out, so that wasn't saved. Please log in and try again.")
        return HttpResponseClientRedirect(f"{login_path}?{urlencode({'next': next_url})}")
