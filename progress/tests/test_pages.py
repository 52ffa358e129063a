"""Who sees which progress page, and how many queries the pages take."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import ParentLinkFactory, UserFactory
from learning import recommending

from .stories import make_level, passed_mock_test, said_at

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("progress:dashboard")
FAMILY = reverse("progress:family")


def learner_page(learner):
    return reverse("progress:learner", args=[learner.pk])


@pytest.fixture
def level_one(db):
    return make_level(1, title="Short a")


@pytest.fixture
def alice_practised(alice, level_one):
    now = timezone.now()
    for text, score in (("cat", 90), ("map", 40), ("bag", 75)):
        said_at(alice, level_one.words.get(text=text), score, now)
    return alice


def test_it_shows_a_learner_their_own_dashboard(client, alice_practised):
    client.force_login(alice_practised)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "My progress" in page
    assert 'id="score-data"' in page
    assert '<div class="score-table" data-score-table>' in page  # the table works without JavaScript
    assert "<progress" in page
    assert "day in a row" in page


def test_it_sends_a_parent_to_the_family_page(client, paula):
    client.force_login(paula)
    assert client.get(DASHBOARD)["Location"] == FAMILY


def test_it_shows_a_parent_their_linked_learner_with_mock_test_reports(client, paula, alice, level_one):
    test = passed_mock_test(alice, level_one)
    client.force_login(paula)
    response = client.get(learner_page(alice))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1 data-read-aloud>Alice's progress</h1>" in page
    assert test.get_report_url() in page


def test_it_hides_a_learner_from_an_unlinked_parent(client, uma, alice):
    client.force_login(uma)
    assert client.get(learner_page(alice)).status_code == 404


def test_it_hides_a_learner_from_another_learner(client, alice, bob):
    client.force_login(bob)
    assert client.get(learner_page(alice)).status_code == 404


def test_it_sends_a_learner_to_their_own_dashboard(client, alice):
    client.force_login(alice)
    assert client.get(learner_page(alice))["Location"] == DASHBOARD


def test_it_shows_staff_nothing_here(client, sam, alice):
    client.force_login(sam)
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(learner_page(alice)).status_code == 404
    assert client.get(FAMILY).status_code == 404


def test_it_has_no_family_page_for_a_learner(client, alice):
    client.force_login(alice)
    assert client.get(FAMILY).status_code == 404


@pytest.mark.parametrize("url", [DASHBOARD, FAMILY, "learner"])
def test_it_asks_anonymous_visitors_to_log_in(client, alice, url):
    url = learner_page(alice) if url == "learner" else url
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_lists_each_linked_learner_on_the_family_page(client, paula, alice_practised, bob):
    client.force_login(paula)
    page = client.get(FAMILY).content.decode()
    assert "Alice" in page and "Bob" not in page
    assert learner_page(alice_practised) in page
    assert "Today" in page


def test_it_builds_the_dashboard_in_constant_queries(client, alice_practised, django_assert_max_num_queries):
    make_level(2, ["ship", "chip"])
    client.force_login(alice_practised)
    with django_assert_max_num_queries(16):  # + the recommender (3), the mistake profile (1), standings (2)
        assert client.get(DASHBOARD).status_code == 200


def test_it_builds_a_parents_view_in_constant_queries(
    client, paula, alice_practised, level_one, django_assert_max_num_queries
):
    passed_mock_test(alice_practised, level_one)
    client.force_login(paula)
    with django_assert_max_num_queries(18):  # + the recommender (3), the mistake profile (1), standings (2)
        assert client.get(learner_page(alice_practised)).status_code == 200


def test_it_builds_the_family_page_in_the_same_queries_for_one_or_five_learners(
    client, level_one, django_assert_max_num_queries
):
    now = timezone.now()
    counts = []
    recommending.curriculum()  # the process's copy of the curriculum, as on every page but the first
    for size in (1, 5):
        parent = UserFactory(role=User.Role.PARENT)
        for _ in range(size):
            learner = UserFactory(role=User.Role.LEARNER)
            ParentLinkFactory(parent=parent, learner=learner)
            said_at(learner, level_one.words.get(text="cat"), 90, now)
        client.force_login(parent)
        with django_assert_max_num_queries(6) as queries:  # + standings: the attempts' mark, attempts
            assert client.get(FAMILY).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
