from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD


def test_it_signs_up_a_learner_and_sends_a_verification_email(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newkid@example.com",
            "password1": "a-long-quiet-river",
            "password2": "a-long-quiet-river",
            "display_name": "Nia",
            "role": "learner",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="newkid@example.com")
    assert user.display_name == "Nia"
    assert user.role == User.Role.LEARNER
    assert user.password.startswith("argon2")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body.lower()


def test_it_never_lets_anyone_sign_up_as_staff(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "sneaky@example.com",
            "password1": "a-long-quiet-river",
            "password2": "a-long-quiet-river",
            "display_name": "Sneaky",
            "role": "staff",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_it_logs_in_with_email_and_password(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == alice


def test_it_slows_down_repeated_wrong_passwords(client, alice):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice@example.com", "password": "nope"})
    response = client.post(reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content


def test_it_sends_a_password_reset_email(client, alice):
    response = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "password" in mail.outbox[0].subject.lower()


def test_it_logs_out_with_a_post(client, alice):
    client.force_login(alice)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_sign_up_asks_for_consent_and_records_it(client, db):
    details = {
        "email": "young@example.com",
        "password1": "a-long-quiet-river",
        "password2": "a-long-quiet-river",
        "display_name": "Kai",
        "role": "learner",
    }
    refused = client.post(reverse("account_signup"), details)
    assert refused.status_code == 200 and "parent or carer" in refused.content.decode()
    assert not User.objects.filter(email="young@example.com").exists()
    client.post(reverse("account_signup"), {**details, "consent": "on"})
    assert User.objects.get(email="young@example.com").consent_given_at is not None
