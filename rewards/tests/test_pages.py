"""The rewards pages and the toast: who sees what, what they say, and bounded queries for a long history."""

import datetime
import html
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import PracticeAttempt, WordProgress
from rewards.models import Award

from .stories import make_level, rewind, say, swap

pytestmark = pytest.mark.django_db


SOUNDS = {"ship": "SH IH P", "shop": "SH AA P", "fish": "F IH SH", "dish": "D IH SH", "wish": "W IH SH"}


@pytest.fixture
def level(db):
    level = make_level(1, list(SOUNDS), size=5)
    for word in level.words.all():
        word.phonemes = SOUNDS[word.text]
        word.save(update_fields=["phonemes"])
    return level


def test_the_learner_sees_stars_badges_and_what_they_did(client, alice, level):
    ship = level.words.get(text="ship")
    say(alice, ship, 40, wrong=[swap("SH", "S")])
    rewind(alice, ship, days=1)
    say(alice, ship, 80)
    client.force_login(alice)
    page = client.get(reverse("rewards:mine")).content.decode()
    assert "Sound fixed: /sh/" in page
    assert "You said /sh/ right in “ship”." in page
    assert "You mastered “ship”." in page
    assert "fluent-emoji/sparkles.svg" in page


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 302), ("paula", 200), ("bob", 404), ("uma", 404), ("sam", 404)]
)
def test_a_learners_rewards_are_seen_by_linked_parents_only(client, request, alice, paula, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("rewards:learner", args=[alice.pk])).status_code == status


def test_the_toast_says_what_a_try_earned_and_only_to_its_learner(client, alice, bob, paula, level):
    attempt = say(alice, level.words.get(text="ship"), 85)
    url = reverse("rewards:toast", args=[attempt.pk])
    client.force_login(alice)
    toast = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "You mastered “ship”." in toast and "New badge: First word mastered." in toast
    assert "data-toast-read" in toast  # read aloud on request
    for other in (bob, paula):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_a_try_that_earned_nothing_has_an_empty_toast(client, alice, level):
    ship = level.words.get(text="ship")
    say(alice, ship, 85)
    again = say(alice, ship, 85)
    client.force_login(alice)
    assert client.get(reverse("rewards:toast", args=[again.pk])).content.decode().strip() == ""


def test_the_result_announces_a_judged_try_for_the_toast(client, alice, level):
    attempt = say(alice, level.words.get(text="ship"), 85)
    client.force_login(alice)
    response = client.get(attempt.get_absolute_url(), headers={"HX-Request": "true"})
    assert f'"attempt-judged": {{"attempt": {attempt.pk}}}' in response.headers["HX-Trigger"]


def test_momentum_is_said_in_words(client, alice, level):
    words = list(level.words.all())
    for n in range(20):
        wrong = [swap("SH", "S")] if n < 10 else []
        say(alice, words[n % 5], 40 + 2 * n if n < 10 else 85, wrong=wrong)
    client.force_login(alice)
    page = html.unescape(client.get(reverse("rewards:mine")).content.decode())
    assert "right on the first try" in page
    assert "Your scores went up by" in page
    assert "You're getting better at /sh/ words." in page


def test_the_streak_card_never_says_lost(client, alice, level):
    ship = level.words.get(text="ship")
    say(alice, ship, 50)
    PracticeAttempt.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    client.force_login(alice)
    for name in ("rewards:mine", "progress:dashboard"):
        page = client.get(reverse(name)).content.decode().lower()
        assert "lost" not in page and "broke" not in page


# --- A long history: 1,000 tries ---------------------------------------------------------


@pytest.fixture
def busy_alice(alice, level):
    words = list(level.words.all())
    start = timezone.now() - datetime.timedelta(days=200)
    PracticeAttempt.objects.bulk_create(
        PracticeAttempt(
            learner=alice,
            word=words[n % len(words)],
            client_token=uuid.uuid4(),
            recording_sha256=uuid.uuid4().hex,
            status=PracticeAttempt.Status.JUDGED,
            verdict="correct" if n % 3 else "not_quite",
            score=80 if n % 3 else 45,
            wrong_sounds=[] if n % 3 else [swap("SH", "S")],
            created_at=start + datetime.timedelta(hours=5 * n),
            judged_at=start + datetime.timedelta(hours=5 * n),  # a judged try always has its moment
        )
        for n in range(1000)
    )
    for word in words:
        WordProgress.objects.create(
            learner=alice, word=word, attempts=200, best_score=80, first_mastered_at=start
        )
    Award.objects.bulk_create(
        Award(learner=alice, kind=Award.Kind.BETTER_SCORE, key=str(n), stars=1, reason="Better.")
        for n in range(300)
    )
    Award.objects.bulk_create(
        Award(learner=alice, kind=Award.Kind.BADGE, key=key, reason="")
        for key in ("first-word", "first-mastered", "days:3", "days:7", "sound:SH", "level:1")
    )
    return alice


def test_pages_keep_a_bounded_query_count_for_a_thousand_tries(
    client, busy_alice, paula, django_assert_max_num_queries
):
    client.force_login(busy_alice)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("rewards:mine")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("progress:dashboard")).status_code == 200
    client.force_login(paula)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("rewards:learner", args=[busy_alice.pk])).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("progress:learner", args=[busy_alice.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("progress:family")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("accounts:family")).status_code == 200


def test_staff_see_usage_and_awards_in_the_admin(client, sam, alice, level):
    say(alice, level.words.get(text="ship"), 85)
    client.force_login(sam)
    page = client.get(reverse("admin:rewards_usage")).content.decode()
    assert "Active learners" in page and "first-mastered" in page
    assert client.get(reverse("admin:rewards_award_changelist")).status_code == 200
    client.force_login(alice)
    assert client.get(reverse("admin:rewards_usage")).status_code == 302


def test_an_effort_past_the_days_stars_is_praised_without_a_zero(client, alice, level):
    for word in level.words.order_by("position"):
        say(alice, word, 40)  # five first goes: two earn a star, all are praised
    client.force_login(alice)
    page = html.unescape(client.get(reverse("rewards:mine")).content.decode())
    assert page.count("You had a first go at") == 5
    assert 'aria-label="0 stars"' not in page
    assert "<strong>2</strong> stars" in page
