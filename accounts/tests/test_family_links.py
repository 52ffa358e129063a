"""Family linking: link codes (expiry, reuse, wrong code, rate limit), unlinking, PIN accounts."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.actions import LinkRefused, make_link_code, redeem_link_code
from accounts.models import LinkCode, ParentLink, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def enter(client, code):
    return client.post(reverse("accounts:enter_code"), {"code": code})


def test_a_learner_makes_a_code_and_a_parent_follows_them_with_it(client, alice, uma):
    client.force_login(alice)
    client.post(reverse("accounts:make_code"))
    code = LinkCode.objects.get(learner=alice)
    assert code.pretty in client.get(reverse("accounts:family")).content.decode()
    client.force_login(uma)
    response = enter(client, code.pretty.lower())  # typed in small letters with the dash: still fine
    assert response.status_code == 302
    assert ParentLink.objects.filter(parent=uma, learner=alice).exists()
    assert client.get(reverse("progress:learner", args=[alice.pk])).status_code == 200


def test_a_code_works_only_once(client, alice, uma, paula):
    code = make_link_code(learner=alice, by=alice)
    redeem_link_code(parent=uma, code=code.code)
    with pytest.raises(LinkRefused, match="used or is too old"):
        redeem_link_code(parent=paula, code=code.code)


def test_an_expired_code_links_nobody(client, alice, uma):
    code = make_link_code(learner=alice, by=alice)
    LinkCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.force_login(uma)
    response = enter(client, code.code)
    assert response.status_code == 422
    assert "used or is too old" in response.content.decode()
    assert not ParentLink.objects.filter(parent=uma).exists()


def test_a_new_code_retires_the_old_one(alice, uma):
    old = make_link_code(learner=alice, by=alice)
    make_link_code(learner=alice, by=alice)
    with pytest.raises(LinkRefused):
        redeem_link_code(parent=uma, code=old.code)


def test_a_wrong_code_is_refused_kindly(client, uma):
    client.force_login(uma)
    response = enter(client, "ABCD-2345")
    assert response.status_code == 422
    assert "That code is not right" in response.content.decode()


def test_guessing_codes_is_rate_limited(client, alice, uma):
    client.force_login(uma)
    for _ in range(5):
        assert enter(client, "WRNG-CODE").status_code == 422
    good = make_link_code(learner=alice, by=alice)
    response = enter(client, good.code)  # even the right code waits now
    assert response.status_code == 429
    assert not ParentLink.objects.filter(parent=uma).exists()


def test_the_limiter_fails_open_when_the_cache_is_down(client, alice, uma, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "add", down)
    client.force_login(uma)
    assert enter(client, make_link_code(learner=alice, by=alice).code).status_code == 302


def test_a_learner_cannot_enter_codes_and_a_parent_cannot_make_them(client, alice, bob, uma):
    code = make_link_code(learner=alice, by=alice)
    client.force_login(bob)
    assert enter(client, code.code).status_code == 404
    client.force_login(uma)
    assert client.post(reverse("accounts:make_code")).status_code == 404


def test_the_learner_can_unlink_a_parent(client, alice, paula):
    client.force_login(alice)
    link = ParentLink.objects.get(parent=paula, learner=alice)
    client.post(reverse("accounts:remove_link", args=[link.pk]))
    assert not ParentLink.objects.filter(pk=link.pk).exists()


def test_a_revoked_parent_sees_404_everywhere(client, alice, paula):
    ParentLink.objects.filter(parent=paula).delete()
    client.force_login(paula)
    for name in ("progress:learner", "rewards:learner"):
        assert client.get(reverse(name, args=[alice.pk])).status_code == 404


def test_the_parent_can_unlink_but_never_someone_elses_link(client, alice, bob, paula, uma):
    link = ParentLink.objects.get(parent=paula, learner=alice)
    client.force_login(uma)
    assert client.post(reverse("accounts:remove_link", args=[link.pk])).status_code == 404
    client.force_login(bob)
    assert client.post(reverse("accounts:remove_link", args=[link.pk])).status_code == 404
    client.force_login(paula)
    client.post(reverse("accounts:remove_link", args=[link.pk]))
    assert not ParentLink.objects.filter(pk=link.pk).exists()


# --- Children's accounts ----------------------------------------------------------------------


def make_child(client, parent, login_name="sam.k", pin="4071"):
    client.force_login(parent)
    return client.post(
        reverse("accounts:new_child"),
        {"display_name": "Sammy", "login_name": login_name, "pin": pin, "pin_again": pin, "consent": "on"},
    )


def test_a_parent_makes_a_child_account_without_email(client, uma):
    response = make_child(client, uma)
    child = User.objects.get(login_name="sam.k")
    assert response.status_code == 302
    assert (child.email, child.role, child.is_child_account) == (None, User.Role.LEARNER, True)
    assert ParentLink.objects.filter(parent=uma, learner=child).exists()
    assert child.password.startswith("argon2")  # the PIN is hashed like any password


def test_two_children_without_email_live_side_by_side(client, uma):
    make_child(client, uma, "kid.one")
    make_child(client, uma, "kid.two")
    assert User.objects.filter(email__isnull=True).count() == 2


def test_a_login_name_is_unique_and_a_weak_pin_is_refused(client, uma, paula):
    make_child(client, uma, "sam.k")
    assert make_child(client, paula, "SAM.K").status_code == 422
    assert make_child(client, paula, "other", pin="1111").status_code == 422
    assert make_child(client, paula, "other2", pin="12ab").status_code == 422


def test_a_child_logs_in_with_the_pin_and_reaches_only_their_own_pages(client, uma, alice):
    make_child(client, uma)
    client.logout()
    response = client.post(reverse("accounts:child_login"), {"login_name": "Sam.K", "pin": "4071"})
    assert response.status_code == 302
    child = User.objects.get(login_name="sam.k")
    assert int(client.session["_auth_user_id"]) == child.pk
    assert client.get(reverse("progress:dashboard")).status_code == 200
    assert client.get(reverse("rewards:mine")).status_code == 200
    for name in ("progress:learner", "rewards:learner", "accounts:child"):
        assert client.get(reverse(name, args=[alice.pk])).status_code == 404
    assert client.get(reverse("accounts:child", args=[child.pk])).status_code == 404  # only parents manage


def test_a_wrong_pin_is_refused_and_pin_guessing_is_rate_limited(client, uma):
    make_child(client, uma)
    client.logout()
    for _ in range(5):
        response = client.post(reverse("accounts:child_login"), {"login_name": "sam.k", "pin": "9999"})
        assert response.status_code == 422
    response = client.post(reverse("accounts:child_login"), {"login_name": "sam.k", "pin": "4071"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_pin_never_logs_in_an_email_account(client, alice):
    alice.login_name = "alice"
    alice.set_password("2468")
    alice.save()
    response = client.post(reverse("accounts:child_login"), {"login_name": "alice", "pin": "2468"})
    assert response.status_code == 422


def test_the_parent_renames_the_child_and_resets_the_pin(client, uma):
    make_child(client, uma)
    child = User.objects.get(login_name="sam.k")
    url = reverse("accounts:child", args=[child.pk])
    client.post(url, {"display_name": "Samuel"})
    client.post(url, {"pin": "5820", "pin_again": "5820"})
    child.refresh_from_db()
    assert child.display_name == "Samuel"
    assert child.check_password("5820")


def test_another_parent_cannot_manage_the_child(client, uma, paula):
    make_child(client, uma)
    child = User.objects.get(login_name="sam.k")
    client.force_login(paula)
    assert client.get(reverse("accounts:child", args=[child.pk])).status_code == 404
    assert (
        client.post(
            reverse("accounts:child", args=[child.pk]), {"pin": "5820", "pin_again": "5820"}
        ).status_code
        == 404
    )
    child.refresh_from_db()
    assert child.check_password("4071")


def test_a_child_account_keeps_its_last_parent(client, uma):
    make_child(client, uma)
    link = ParentLink.objects.get(parent=uma)
    client.post(reverse("accounts:remove_link", args=[link.pk]))
    assert ParentLink.objects.filter(pk=link.pk).exists()


def test_only_a_parent_who_agrees_can_make_a_childs_account(client, uma):
    client.force_login(uma)
    response = client.post(
        reverse("accounts:new_child"),
        {"display_name": "Sammy", "login_name": "no.consent", "pin": "4071", "pin_again": "4071"},
    )
    assert response.status_code == 422
    assert not User.objects.filter(login_name="no.consent").exists()
    make_child(client, uma, "with.consent")
    child = User.objects.get(login_name="with.consent")
    assert child.consent_by == uma and child.consent_given_at is not None
