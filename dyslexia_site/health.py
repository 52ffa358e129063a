"""/healthz: is this web process able to serve? For load balancers and compose.

Checks: the database, the cache, the broker, and judging (the age of the oldest
recording waiting for a verdict: a worker that is up but never finishes shows here).
Anyone sees ok / error for each check. The details (timings, error text, which
can name hosts and internals) are shown only to logged-in staff, or to a probe
that sends settings.HEALTHZ_TOKEN as the X-Healthz-Token header or ?token=.
"""

import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = "healthz:probe"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_broker():
    from dyslexia_site.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _check_judging():
    """Workers alive but stuck (or none running) leave recordings waiting: say so."""
    from learning.recordings import oldest_pending_seconds

    waited = oldest_pending_seconds()
    if waited > settings.HEALTHZ_MAX_PENDING_SECONDS:
        raise RuntimeError(f"the oldest recording has waited {waited:.0f} s for a verdict")
    return {"oldest_pending_seconds": round(waited)}


def _run(check) -> dict:
    started = time.perf_counter()
    try:
        found = check() or {}
    except Exception as exc:  # noqa: BLE001 - any failure is reported, never raised
        return {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
    return {"status": "ok", "ms": round((time.perf_counter() - started) * 1000, 1), **found}


def may_see_details(request) -> bool:
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("X-Healthz-Token") or request.GET.get("token") or ""
    if token and hmac.compare_digest(given.encode(), token.encode()):
        return True
    try:
        user = request.user  # reads the session, which may be in the database that is down
        return user.is_authenticated and user.is_active and user.is_staff
    except Exception:  # noqa: BLE001 - no way to tell who asks: show no details
        return False


@never_cache
def healthz(request):
    checks = {"database": _run(_check_database), "cache": _run(_check_cache), "judging": _run(_check_judging)}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = {"status": "skipped", "reason": "tasks run in-process"}
    else:
        checks["broker"] = _run(_check_broker)
    healthy = all(check["status"] != "error" for check in checks.values())
    if not may_see_details(request):
        checks = {name: {"status": check["status"]} for name, check in checks.items()}
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
