"""Staff reach the admin only through the site's login, rate limits and two-step login."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from accounts.tests.totp import fresh_totp_code
from conftest import SAM_TOTP_SECRET


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and used TOTP codes live in the cache; no test inherits another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tess(db):
    """Staff who hasn't set up an authenticator app yet."""
    return UserFactory(email="tess@example.com", role=User.Role.STAFF, is_staff=True, is_superuser=True)


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_it_sends_the_admin_login_to_the_sites_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/"


def test_it_never_logs_anyone_in_through_the_admins_own_form(client, sam):
    response = client.post(reverse("admin:login"), {"username": sam.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_it_rate_limits_guessing_a_staff_password(client, sam):
    for _ in range(20):
        log_in(client, sam.email, "not-the-password")
    response = log_in(client, sam.email)  # the right password, too late
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_it_asks_staff_for_the_authenticator_code_then_opens_the_admin(client, sam):
    response = log_in(client, sam.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": fresh_totp_code(SAM_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_it_sends_staff_without_an_authenticator_to_set_one_up(client, tess):
    assert log_in(client, tess.email).status_code == 302
    response = client.get(reverse("admin:index"), follow=True)
    chain = [url for url, _status in response.redirect_chain]
    # allauth asks for the password once more before adding an authenticator.
    assert chain[1:] == [
        reverse("mfa_activate_totp"),
        f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
    ]
    assert b"Staff need two-step login" in response.content


def test_it_lets_staff_set_up_an_authenticator_app_from_their_account(client, tess):
    log_in(client, tess.email)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in home

    response = client.get(reverse("mfa_activate_totp"), follow=True)
    client.post(response.redirect_chain[-1][0], {"password": PASSWORD})  # the password once more
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page  # the QR code, allowed by img-src data:
    secret = response.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": fresh_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=tess, type=Authenticator.Type.TOTP).exists()

    # This session began with the password only: the admin asks for a code first.
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"


def test_it_keeps_the_admin_closed_to_learners_and_parents(client, alice, paula):
    for person in (alice, paula):
        client.force_login(person)
        assert client.get(reverse("admin:index")).status_code == 302
        assert client.get(reverse("admin:login")).status_code == 403


def test_it_ignores_a_next_link_to_another_site(client, sam):
    client.force_login(sam)
    response = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert response["Location"] == reverse("admin:index")


def test_its_code_page_says_what_to_type(client, sam):
    log_in(client, sam.email)
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert re.search(r"enter an authenticator code", page, re.I)
