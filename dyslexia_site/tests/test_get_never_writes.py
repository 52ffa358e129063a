"""A GET never writes: every URL the project serves, asked by every member of the cast,
leaves the application's tables as they were (sessions aside).

The URLs come from the URL configuration itself, so a new view is covered the day it lands.
"""

import hashlib
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

from learning.actions import apply_judgement
from learning.models import PracticeAttempt, SpeechClip
from mocktest.actions import start_mock_test
from mocktest.tests.sittings import make_level, ready_for_test, say_item
from rewards.summary import unsubscribe_token

pytestmark = pytest.mark.django_db

# Tables a GET may legitimately touch: the session (logging in, messages) and nothing else.
ASIDE = {Session}


def every_url_pattern(resolver=None, prefix=""):
    """(route, name, converters) for every URL, nested includes flattened."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_url_pattern(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def snapshot() -> str:
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model in ASIDE or model._meta.proxy:
            continue
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture
def world(alice, bob, paula, sam):
    """A learner with practice, a test under way, audio made: something behind every URL."""
    # Sign-up makes each user's e-mail row; allauth adds a missing one lazily on its e-mail
    # page, which would be a write for cast users made directly in the database.
    for user in (alice, bob, paula, sam):
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"primary": True})
    level = make_level(1, ["cat", "map"], size=2)
    ready_for_test(alice, level)
    test = start_mock_test(learner=alice, level=level)
    item = say_item(test.items.select_related("test").first())
    attempt = PracticeAttempt(learner=alice, word=level.words.first(), practice_seconds=3)
    attempt.client_token = uuid.uuid4()
    attempt.recording.save("recording.wav", ContentFile(b"RIFF-bytes"), save=False)
    attempt.save()
    clip = SpeechClip.objects.create(text="cat", speed="normal", status="ready", engine="espeak")
    clip.audio.save("tts/espeak/cat.wav", ContentFile(b"RIFF-clip"))
    return {
        "order": level.order,
        "word_id": attempt.word_id,
        "attempt_id": attempt.pk,
        "test_id": test.pk,
        "item_id": item.pk,
        "learner_id": alice.pk,
        "speed": "normal",
        "text": "cat",
        "link_id": paula.child_links.get().pk,
        "token": unsubscribe_token(paula),
    }


def fill(route: str, values: dict) -> str:
    """The route with each <converter:name> replaced by a value from the world (or a stand-in)."""
    import re

    def value(match):
        name = match.group(2)
        if name in values:
            return str(values[name])
        if name == "object_id":
            return "1"
        return "x1"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route).lstrip("^").rstrip("$")


def test_no_get_changes_a_table(client, world, alice, paula, sam, bob):
    urls = sorted({fill(route, world) for route, _ in every_url_pattern()})
    assert len(urls) > 40  # the whole site, admin included, not a handful
    client.raise_request_exception = False
    asked = 0
    for user in (None, alice, bob, paula, sam):
        client.logout()
        if user is not None:
            client.force_login(user)  # logging in writes last_login: that is the login, not a GET
        before = snapshot()
        for url in urls:
            response = client.get(url)
            asked += 1
            assert response.status_code < 500, f"GET {url} as {user}: {response.status_code}"
            assert snapshot() == before, f"GET {url} as {user} wrote to the database"
    assert asked == 5 * len(urls)


def test_a_judged_attempt_page_is_read_only_too(client, alice, world):
    """The result page a learner polls after sending: reading it changes nothing."""
    from mocktest.tests.sittings import judged

    apply_judgement(world["attempt_id"], judged("correct"))
    client.force_login(alice)
    before = snapshot()
    for url in (f"/learn/attempts/{world['attempt_id']}/", f"/mock-tests/{world['test_id']}/result/"):
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
        assert client.get(url).status_code == 200
    assert snapshot() == before
