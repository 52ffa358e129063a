from django.urls import reverse


def test_it_welcomes_an_anonymous_visitor_with_what_the_site_does(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Learn to read and say words" in response.content
    assert b'href="/accounts/signup/"' in response.content


def test_it_sends_an_anonymous_visitor_to_log_in_for_preferences(client, db):
    response = client.get(reverse("accounts:preferences"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_greets_a_learner_by_name_after_login(client, alice):
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert b"Hello, Alice!" in response.content


def test_it_keeps_a_learner_out_of_the_admin(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302


def test_it_keeps_a_parent_out_of_the_admin(client, paula):
    client.force_login(paula)
    assert client.get(reverse("admin:index")).status_code == 302


def test_it_lets_staff_into_the_admin(client, sam):
    client.force_login(sam)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_it_shows_a_parent_only_their_linked_learners(client, paula, bob):
    client.force_login(paula)
    response = client.get(reverse("home"))
    assert b"Alice" in response.content
    assert b"Bob" not in response.content


def test_it_tells_an_unlinked_parent_how_to_get_linked(client, uma):
    client.force_login(uma)
    response = client.get(reverse("home"))
    assert b"No learners are linked to you yet" in response.content


def test_an_expired_session_sends_the_whole_page_to_log_in(client, db):
    response = client.post(
        reverse("accounts:preferences"),
        {"font": "lexend"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/me/preferences/?tab=1"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fme%2Fpreferences%2F%3Ftab%3D1"
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "You were logged out, so that wasn&#x27;t saved." in page
