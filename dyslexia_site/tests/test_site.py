import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import ParentLink, User

ROOT = Path(__file__).resolve().parents[2]


def test_it_reports_health_as_json(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "skipped"


def test_it_reports_a_broken_database_as_unhealthy(client, db, monkeypatch):
    from dyslexia_site import health

    def broken():
        raise ConnectionError("database is away")

    monkeypatch.setattr(health, "_check_database", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"status": "error"}


def test_it_reports_recordings_waiting_too_long_for_a_verdict(client, alice, sam, settings):
    import uuid
    from datetime import timedelta

    from django.utils import timezone

    from learning.models import PracticeAttempt
    from learning.tests.factories import WordFactory

    settings.HEALTHZ_MAX_PENDING_SECONDS = 300
    assert client.get(reverse("healthz")).json()["checks"]["judging"] == {"status": "ok"}
    PracticeAttempt.objects.create(
        learner=alice,
        word=WordFactory(text="cat"),
        client_token=uuid.uuid4(),
        submitted_at=timezone.now() - timedelta(minutes=10),
    )
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["judging"] == {"status": "error"}  # no details for strangers
    client.force_login(sam)
    details = client.get(reverse("healthz")).json()["checks"]["judging"]
    assert "waited 600 s" in details["error"] or "waited 60" in details["error"]


def test_every_page_has_the_accessible_layout(client, alice):
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert 'role="status" aria-live="polite"' in page
    assert "hx-headers" in page and "X-CSRFToken" in page
    assert "vendor/htmx/htmx.min.js" in page
    assert 'lang="en-GB"' in page


def test_it_creates_demo_accounts_and_running_twice_is_harmless(db, capsys):
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    assert (
        User.objects.filter(
            email__in=["learner@example.com", "parent@example.com", "admin@example.com"]
        ).count()
        == 3
    )
    assert User.objects.get(email="admin@example.com").is_staff
    assert ParentLink.objects.count() == 1
    out = capsys.readouterr().out
    assert "learner@example.com" in out and "learn-words-2026" in out
    assert User.objects.get(email="learner@example.com").check_password("learn-words-2026")


def _settings_probe(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL")
    }
    env.update(env_overrides)
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
        "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "dyslexia_site.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_a_secret_key_unless_debugging():
    result = _settings_probe({})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
    assert _settings_probe({"DEBUG": "1"}).returncode == 0


def test_it_runs_embedded_by_default_and_switches_stack_from_the_environment():
    embedded = json.loads(_settings_probe({"SECRET_KEY": "x"}).stdout)
    assert embedded == {
        "db": "django.db.backends.sqlite3",
        "eager": True,
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "debug": False,
    }
    full = json.loads(
        _settings_probe(
            {
                "SECRET_KEY": "x",
                "DATABASE_URL": "postgres://u@db:5432/hub",
                "REDIS_URL": "redis://cache:6379/0",
            }
        ).stdout
    )
    assert full["db"] == "django.db.backends.postgresql"
    assert full["eager"] is False
    assert full["cache"] == "dyslexia_site.resilient_cache.FailOpenRedisCache"


def test_it_collects_static_files_with_hashed_names(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "dyslexia_site.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/htmx/htmx.min.js" in manifest
    assert "css/fonts.css" in manifest
    assert (tmp_path / manifest["css/site.css"]).exists()


def test_it_points_module_imports_at_hashed_files(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "dyslexia_site.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    entry = (tmp_path / manifest["js/recorder/main.js"]).read_text()
    hashed_recorder = Path(manifest["js/recorder/recorder.js"]).name
    assert f'from "./{hashed_recorder}"' in entry
    assert 'from "./recorder.js"' not in entry


@pytest.mark.parametrize(
    ("template", "folder"),
    [("templates/partials/recorder_scripts.html", "recorder"), ("templates/base.html", "site")],
)
def test_it_preloads_every_module_a_page_script_imports(template, folder):
    # A module missing here still loads, just one round trip later.
    named = set(re.findall(rf"js/{folder}/([\w-]+\.js)", (ROOT / template).read_text()))
    assert named == {path.name for path in (ROOT / "static/js" / folder).glob("*.js")}
