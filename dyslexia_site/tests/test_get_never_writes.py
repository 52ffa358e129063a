"""A GET never writes: every URL the project serves, asked by every member of the cast,
leaves the application's tables as they were (sessions aside).

The URLs come from the URL configuration itself, so a new view is covered the day it lands.
"""

import hashlib

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session

from learning.actions import apply_judgement

from .sweep import every_url_pattern, fill

pytestmark = pytest.mark.django_db

# Tables a GET may legitimately touch: the session (logging in, messages) and nothing else.
ASIDE = {Session}


def snapshot() -> str:
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model in ASIDE or model._meta.proxy:
            continue
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


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
