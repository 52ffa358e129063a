"""Headers, error pages, /healthz privacy, a cache that fails open, and `check --deploy`."""

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


# --- Headers --------------------------------------------------------------------


def test_it_sends_a_content_security_policy_without_inline_scripts(client, alice):
    client.force_login(alice)
    response = client.get(reverse("home"))
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["media-src"] == ["'self'", "blob:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_it_lets_only_the_reading_style_through_with_this_requests_nonce(client, alice):
    client.force_login(alice)
    response = client.get(reverse("home"))
    nonce = _directives(response["Content-Security-Policy"])["style-src"][1].removeprefix("'nonce-")[:-1]
    page = response.content.decode()
    assert f'<style id="reading-style" nonce="{nonce}">' in page
    assert page.count("<style") == 1
    assert "onclick=" not in page
    second = client.get(reverse("home"))
    assert nonce not in second["Content-Security-Policy"]


def test_it_keeps_htmx_from_writing_inline_styles(client):
    page = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles":false' in page
    # Settling would copy an old element's style attribute (e.g. the recorder's level meter).
    assert '"attributesToSettle":["class","width","height"]' in page


def test_it_allows_the_microphone_only_for_its_own_pages(client):
    response = client.get(reverse("home"))
    policy = response["Permissions-Policy"]
    assert "microphone=(self)" in policy
    for feature in ("camera=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_sends_hsts_when_the_environment_asks(db, settings):
    assert "Strict-Transport-Security" not in Client().get(reverse("home"), secure=True)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get(reverse("home"), secure=True)  # middleware reads settings when it starts
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_mock_test_reports_print_button_needs_no_inline_script():
    report = (ROOT / "mocktest/templates/mocktest/report.html").read_text()
    assert 'data-action="print"' in report and "onclick" not in report
    assert "data-action='print'" in (ROOT / "static/js/site/main.js").read_text()


# --- Error pages ------------------------------------------------------------------


def test_it_shows_a_kind_404_page_in_the_sites_layout(client, alice):
    client.force_login(alice)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We can't find that page" in page
    assert '<main id="main"' in page and "My reading settings" in page


def test_it_shows_a_kind_403_page(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403
    assert "isn't open to you" in response.content.decode()


def test_it_explains_a_csrf_failure_kindly(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x@example.com", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Please try that again" in page and '<main id="main"' in page


def test_it_shows_a_self_contained_500_page_when_the_site_breaks(db, settings, monkeypatch):
    from progress import views

    def broken(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "continue_point", broken)
    client = Client(raise_request_exception=False)
    client.force_login(_learner())
    response = client.get(reverse("home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "secret internals" not in page and "Traceback" not in page
    assert "/static/css/site.css" in page and "<style" not in page
    assert "Content-Security-Policy" in response


def _learner():
    from accounts.tests.factories import UserFactory

    return UserFactory()


# --- /healthz ---------------------------------------------------------------------


@pytest.fixture
def broken_database(monkeypatch):
    from dyslexia_site import health

    def broken():
        raise ConnectionError("db.internal:5432 refused, user hub")

    monkeypatch.setattr(health, "_check_database", broken)


def test_healthz_shows_only_ok_or_not_to_the_public(client, db, broken_database):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {
            "database": {"status": "error"},
            "cache": {"status": "ok"},
            "judging": {"status": "ok"},
            "broker": {"status": "skipped"},
        },
    }


def test_healthz_shows_details_to_staff(client, sam, broken_database):
    client.force_login(sam)
    body = client.get(reverse("healthz")).json()
    assert body["checks"]["database"]["error"] == "ConnectionError: db.internal:5432 refused, user hub"


def test_healthz_shows_details_with_the_token_and_not_without(client, db, settings, broken_database):
    settings.HEALTHZ_TOKEN = "probe-token-123"
    url = reverse("healthz")
    assert (
        "error"
        in client.get(url, headers={"X-Healthz-Token": "probe-token-123"}).json()["checks"]["database"]
    )
    assert "error" in client.get(url, {"token": "probe-token-123"}).json()["checks"]["database"]
    assert "error" not in client.get(url, {"token": "guess"}).json()["checks"]["database"]
    settings.HEALTHZ_TOKEN = ""
    assert "error" not in client.get(url, {"token": ""}).json()["checks"]["database"]


def test_healthz_keeps_details_from_learners(client, alice, broken_database):
    client.force_login(alice)
    assert client.get(reverse("healthz")).json()["checks"]["database"] == {"status": "error"}


# --- Redis away -------------------------------------------------------------------


@pytest.fixture
def unreachable_redis(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the socket closes
    settings.CACHES = {
        "default": {
            "BACKEND": "dyslexia_site.resilient_cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from dyslexia_site.resilient_cache import FailOpenRedisCache

    FailOpenRedisCache._down_until.clear()
    yield
    FailOpenRedisCache._down_until.clear()


def test_it_still_logs_in_when_redis_is_unreachable(client, alice, unreachable_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="dyslexia_site.resilient_cache"):
        response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == alice
    warnings = [r for r in caplog.records if "Redis cache unreachable" in r.getMessage()]
    assert len(warnings) == 1  # one warning per outage, not one per cache call


def test_healthz_reports_the_unreachable_cache(client, db, unreachable_redis):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"status": "error"}


# --- manage.py check --deploy -------------------------------------------------------

PRODUCTION_LIKE = {
    "DEBUG": "0",
    "SECRET_KEY": "k3v!x9#q-production-like-secret-key-for-the-deploy-check-7Hn2@pLw5zR8",
    "ALLOWED_HOSTS": "hub.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://hub.example.org",
    "REDIS_URL": "redis://redis.invalid:6379/0",  # never contacted by the check
    "SECURE_SSL_REDIRECT": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def _check_deploy(overrides: dict) -> subprocess.CompletedProcess:
    # Not the test run's own settings, nor the flag the browser tests set for Playwright.
    unset = ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "dyslexia_site.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _check_deploy(PRODUCTION_LIKE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_rate_limits_are_counted_per_process():
    result = _check_deploy({k: v for k, v in PRODUCTION_LIKE.items() if k != "REDIS_URL"})
    assert result.returncode != 0
    assert "dyslexia_site.W001" in result.stderr
    # …and without a broker, judging would run inside web requests: refused outright.
    assert "dyslexia_site.E002" in result.stderr


def test_it_points_favicon_ico_at_the_sites_icon(client):
    # The admin has no icon link: without this, its pages log a 404 in the console.
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
