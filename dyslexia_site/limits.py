"""Limits that keep one visitor from using up the site: request size and per-user rates.

Rates are counted in Django's cache (Redis on the full stack, so every web process
counts the same requests). If the cache is unreachable the limit fails open with a
logged warning: a learner is never locked out because Redis is down.
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render

log = logging.getLogger(__name__)


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/m' -> (20, 60): that many requests per window of seconds (s, m, h or d)."""
    count, _, period = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[:1]]
    return int(count), seconds


def over_limit(scope: str, who: str, rate: str) -> bool:
    limit, window = parse_rate(rate)
    key = f"limit:{scope}:{who}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, window + 5)
        return cache.incr(key) > limit
    except Exception:  # noqa: BLE001 - a dead cache must not lock learners out
        log.warning("Rate limit %s not counted: the cache is unreachable", scope, exc_info=True)
        return False


def limited(scope: str, setting_name: str):
    """View decorator: at most settings.<setting_name> requests per user (or address) per window."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            who = (
                f"user-{request.user.pk}"
                if request.user.is_authenticated
                else request.META.get("REMOTE_ADDR", "")
            )
            if over_limit(scope, who, getattr(settings, setting_name)):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def too_many(request):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


class RequestSizeLimitMiddleware:
    """Refuse a body over MAX_REQUEST_BYTES from its Content-Length, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                "That is too big to send. A recording of one word is much smaller: please try again.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
