"""Access is always scoped, swept over every URL the project serves.

- every URL that names a learner's private object (attempt, test, test word, learner),
  asked with GET and POST by another learner, an unlinked parent, staff on the site,
  or a visitor: 404 (a visitor is sent to log in), never the object;
- every POST without a CSRF token: 403;
- recordings: no media URL serves them, and their views answer 404 to everyone but
  the learner and a linked parent.
"""

import re

import pytest
from django.test import Client

from learning.models import PracticeAttempt

from .sweep import every_url_pattern, fill

pytestmark = pytest.mark.django_db

PRIVATE = {
    "attempt_id",
    "test_id",
    "item_id",
    "learner_id",
    "try_id",
    "conversation_id",
    "message_id",
    "question_id",
}


def private_routes():
    for route, _ in every_url_pattern():
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if names & PRIVATE and not route.startswith("admin/"):
            yield route


def test_no_one_else_reaches_a_learners_objects(client, world, bob, uma, sam):
    routes = sorted(set(private_routes()))
    assert len(routes) >= 7  # attempt, recording, test, test word, result, report, learner…
    client.raise_request_exception = False
    for outsider in (bob, uma, sam, None):
        client.logout()
        if outsider is not None:
            client.force_login(outsider)
        for route in routes:
            url = fill(route, world)
            for method in (client.get, client.post):
                response = method(url)
                if outsider is None:
                    assert response.status_code in (302, 403, 405), (url, response.status_code)
                    if response.status_code == 302:
                        assert "/accounts/login/" in response["Location"], url
                else:
                    assert response.status_code in (404, 405), (url, outsider, response.status_code)


def test_the_owner_and_a_linked_parent_can_read_what_they_should(client, world, alice, paula):
    client.force_login(alice)
    assert client.get(f"/learn/attempts/{world['attempt_id']}/recording/").status_code == 200
    assert client.get(f"/progress/learners/{world['learner_id']}/").status_code in (200, 302)
    client.force_login(paula)
    assert client.get(f"/learn/attempts/{world['attempt_id']}/recording/").status_code == 200
    assert client.get(f"/progress/learners/{world['learner_id']}/").status_code == 200


# Exempt on purpose, each with its own permission: the weekly e-mail's one-click unsubscribe
# (RFC 8058: mail apps post without cookies; the signed token in the URL is the permission).
DELIBERATELY_EXEMPT = {"rewards:unsubscribe"}


def test_every_post_without_a_csrf_token_is_refused(world, alice):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(alice)
    exempt, urls = set(), set()
    for route, pattern in every_url_pattern():
        if getattr(pattern.callback, "csrf_exempt", False):
            exempt.add(route)
            continue
        urls.add(fill(route, world))
    assert len(exempt) == len(DELIBERATELY_EXEMPT), f"CSRF-exempt views: {sorted(exempt)}"
    refused = {url: client.post(url, {"anything": "1"}).status_code for url in sorted(urls)}
    allowed = {url: status for url, status in refused.items() if status != 403}
    assert not allowed, f"POSTs without a CSRF token that were not refused: {allowed}"


def test_the_exempt_unsubscribe_needs_its_signed_token(client):
    assert client.post("/rewards/unsubscribe/not-a-signed-token/").status_code == 404


def test_no_media_url_serves_a_recording(world, alice, bob):
    attempt = PracticeAttempt.objects.get(pk=world["attempt_id"])
    raw = f"/media/{attempt.recording.name}"
    for who in (alice, bob, None):
        client = Client(raise_request_exception=False)
        if who is not None:
            client.force_login(who)
        assert client.get(raw).status_code == 404, who
