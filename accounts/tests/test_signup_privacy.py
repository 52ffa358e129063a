"""Sign-up tells nobody which addresses have accounts, and can't be hammered."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email, ip="10.0.0.1"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "a-long-quiet-river",
            "password2": "a-long-quiet-river",
            "display_name": "Nia",
            "role": "learner",
            "consent": "on",
        },
        REMOTE_ADDR=ip,
    )


def what_they_see(client, email) -> str:
    response = sign_up(client, email)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    shown = page[page.index('<div id="messages"') : page.index("</main>")]  # messages and content
    return shown.replace(email, "EMAIL")


def test_it_answers_a_known_address_exactly_like_a_new_one(alice):
    new = what_they_see(Client(), "newkid@example.com")
    known = what_they_see(Client(), alice.email)
    assert "already" not in known.lower()
    assert "e-mail" in known.lower() or "email" in known.lower()
    assert new == known


def test_it_tells_the_owner_of_a_known_address_by_email_instead(alice):
    sign_up(Client(), alice.email)
    assert User.objects.filter(email=alice.email).count() == 1
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "already" in mail.outbox[0].body.lower()


def test_it_asks_new_people_to_confirm_their_address_before_logging_in(db):
    client = Client()
    sign_up(client, "newkid@example.com")
    assert "_auth_user_id" not in client.session
    assert "confirm" in mail.outbox[0].body.lower()


def test_it_slows_down_many_sign_ups_from_one_address(db):
    client = Client()
    answers = [sign_up(client, f"kid{n}@example.com").status_code for n in range(6)]
    assert answers[:5] == [302] * 5
    assert answers[5] == 429
    assert User.objects.count() == 5
    # Another household is not affected.
    assert sign_up(Client(), "elsewhere@example.com", ip="10.0.0.2").status_code == 302
