"""The cast every test can call on, and the integration tier's real Celery worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from accounts.tests.factories import ParentLinkFactory, UserFactory

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic first; test_static_files.py covers it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_curriculum():
    # Each test's words are its own: no process copy of another test's curriculum.
    from learning.recommending import curriculum_changed, forget_replays

    curriculum_changed()
    forget_replays()


@pytest.fixture(autouse=True)
def _eager_tasks_inline(settings):
    # In-process tasks run inside the test, so it can see what they did; the background
    # thread the embedded site uses for slow preparation has tests of its own.
    settings.EAGER_IN_BACKGROUND = []


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    # Tests never write into the developer's media/ folder. The integration tier
    # sets MEDIA_ROOT in the environment so the worker process shares it.
    if settings.CELERY_TASK_ALWAYS_EAGER:
        settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def alice(db):
    """A learner."""
    return UserFactory(email="alice@example.com", display_name="Alice", role=User.Role.LEARNER)


@pytest.fixture
def bob(db):
    """Another learner, who must never see Alice's things."""
    return UserFactory(email="bob@example.com", display_name="Bob", role=User.Role.LEARNER)


@pytest.fixture
def paula(db, alice):
    """Alice's parent."""
    parent = UserFactory(email="paula@example.com", display_name="Paula", role=User.Role.PARENT)
    ParentLinkFactory(parent=parent, learner=alice)
    return parent


@pytest.fixture
def uma(db):
    """A parent linked to nobody."""
    return UserFactory(email="uma@example.com", display_name="Uma", role=User.Role.PARENT)


@pytest.fixture
def sam(db):
    """Staff who curates words, with an authenticator app set up (the admin requires one)."""
    staff = UserFactory(
        email="sam@example.com", display_name="Sam", role=User.Role.STAFF, is_staff=True, is_superuser=True
    )
    TOTP.activate(staff, SAM_TOTP_SECRET)
    return staff


SAM_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _force_login_passes_two_factors():
    """client.force_login() skips every login step, the password included: let it
    count as the two-step login too, so tests can open the admin as sam.
    Real logins (through allauth's pages) are untouched: their request has a path."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.signals import user_logged_in

    def passed(sender, request, user, **kwargs):
        if (
            not request.path
            and Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            record_authentication(request, user, method="mfa", type="totp")

    user_logged_in.connect(passed, dispatch_uid="tests-force-login-mfa")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-force-login-mfa")


# --- Speech made at test time -------------------------------------------------


@pytest.fixture(scope="session")
def spoken(tmp_path_factory):
    """spoken("ship", voice="en-us", lead=0.0, tail=0.0) -> WAV bytes of espeak-ng saying the word.

    Lead and tail add silence (the browser's fake microphone starts playing at
    getUserMedia, so its file needs time before the word).
    """
    folder = tmp_path_factory.mktemp("spoken")
    made: dict[tuple, bytes] = {}

    def make(
        word: str, voice: str = "en-us", lead: float = 0.0, tail: float = 0.0, speed: int = 150
    ) -> bytes:
        key = (word, voice, lead, tail, speed)
        if key not in made:
            raw = folder / f"{len(made)}-raw.wav"
            out = folder / f"{len(made)}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), word], check=True, timeout=30
            )
            pad = f"adelay={int(lead * 1000)},apad=pad_dur={tail}"
            subprocess.run(
                [
                    "ffmpeg",
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-y",
                    "-i",
                    str(raw),
                    "-af",
                    pad,
                    "-ar",
                    "22050",
                    "-ac",
                    "1",
                    str(out),
                ],
                check=True,
                timeout=30,
            )
            made[key] = out.read_bytes()
        return made[key]

    return make


# --- Integration tier -------------------------------------------------------


def _worker_env(database_name: str) -> dict:
    from django.conf import settings

    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{database_name}"
    env["CONN_MAX_AGE"] = "0"
    # Another host, as far as files go: a disk of its own; recordings only through object storage.
    env["MEDIA_ROOT"] = os.environ.get("WORKER_MEDIA_ROOT", env.get("MEDIA_ROOT", ""))
    return env


@pytest.fixture(scope="session")
def object_storage():
    """The integration tier's S3-compatible bucket (moto on loopback, started by `make integration`)."""
    from django.conf import settings

    if not settings.AWS_STORAGE_BUCKET_NAME:
        return None
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            s3.list_buckets()
            break
        except Exception:  # noqa: BLE001 - the server is still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    if settings.AWS_STORAGE_BUCKET_NAME not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=settings.AWS_STORAGE_BUCKET_NAME)
    return s3


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory, object_storage):
    """A real `celery worker` process against the test database and Redis."""
    from django.conf import settings
    from django.db import connection

    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("The integration tier needs REDIS_URL: run it with `make integration`.")
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dyslexia_site",
            "worker",
            "--loglevel=INFO",
            "--concurrency=1",
            "--queues=speech,media,training,celery",
            "--pool=prefork",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=tests-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=_worker_env(connection.settings_dict["NAME"]),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    from dyslexia_site.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The Celery worker exited early:\n{log_path.read_text()}")
        if app.control.ping(timeout=1.0):
            break
    else:
        process.terminate()
        pytest.fail(f"The Celery worker did not answer within 60 s:\n{log_path.read_text()}")
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# --- Browser tier -----------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run: its sync API refuses to start a second one while the
    first is running, so every browser (shared or with a fake microphone) comes from this one."""
    from playwright.sync_api import expect, sync_playwright

    # CI machines are shared and noisy: a page that answers in 1 s here can take 6 s there,
    # so assertions wait up to 15 s instead of Playwright's 5 s (a passing test waits no longer).
    expect.set_options(timeout=15_000)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_session):
    """Debian's Chromium driven by Playwright (Playwright's own browsers can't be downloaded here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make test` (it installs it) or set CHROMIUM_PATH."
        )
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


class PageErrors(list):
    """JavaScript errors and failed requests a page produced; every browser test asserts it empty."""


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors = PageErrors()
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"))
    page.errors = errors
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def microphone_browser(live_server, tmp_path, playwright_session):
    """microphone_browser(wav_bytes) -> a Playwright page whose microphone plays that WAV.

    Chromium takes the fake microphone's file at launch, so each call launches
    its own browser. The file starts at getUserMedia: give it leading silence.
    """
    playwright = playwright_session
    opened = []

    def launch(wav: bytes, storage_state=None):
        path = tmp_path / f"microphone-{len(opened)}.wav"
        path.write_bytes(wav)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-audio-capture={path}%noloop",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1100, "height": 900}, storage_state=storage_state
        )
        context.grant_permissions(["microphone"], origin=live_server.url)
        page = context.new_page()
        page.errors = PageErrors()
        page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and page.errors.append(f"console: {msg.text}"))
        opened.append((browser, page))
        return page

    yield launch
    errors = [error for _, page in opened for error in page.errors]
    for browser, _ in opened:
        browser.close()
    assert not errors, errors


def screenshot(page, name: str) -> Path:
    """Save a screenshot under test-artifacts/ (or SCREENSHOT_DIR, used by `make screenshots`)."""
    folder = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    # After a click on a link the page may still be loading: wait for its scripts to have
    # run, or the picture is measured before the recorder appears and cut short.
    page.wait_for_load_state("load")
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, user, password=None):
    from accounts.tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
