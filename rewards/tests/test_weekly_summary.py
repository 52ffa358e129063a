"""The weekly summary e-mail: plain sentences, linked parents only, once a week, unsubscribe."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import ParentLink
from rewards.actions import send_weekly_summary
from rewards.models import WeeklySummary
from rewards.summary import last_week_start, unsubscribe_token
from rewards.tasks import send_weekly_summaries

from .stories import make_level, say, swap

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_week(alice):
    level = make_level(1, ["ship", "shop", "fish"], size=3)
    ship = level.words.get(text="ship")
    ship.phonemes = "SH IH P"
    ship.save(update_fields=["phonemes"])
    say(alice, ship, 40, wrong=[swap("SH", "S")], seconds=60)
    say(alice, ship, 85, seconds=90)
    return last_week_start(timezone.localdate()) + datetime.timedelta(days=7)  # this week


def test_it_tells_a_linked_parent_about_the_week_in_plain_sentences(alice, paula, alices_week):
    assert send_weekly_summary(parent=paula, week_starting=alices_week)
    [message] = mail.outbox
    assert message.to == ["paula@example.com"]
    assert message.subject == "Your weekly reading summary"  # no child's name in the subject
    assert "Alice mastered 1 word: ship." in message.body
    assert "Alice practised for 2 minutes on 1 day." in message.body
    assert "Next focus: level 1" in message.body
    html = message.alternatives[0][0]
    assert "Alice mastered 1 word: ship." in html
    token_url = reverse("rewards:unsubscribe", args=[unsubscribe_token(paula)])
    assert token_url in message.body and token_url in message.extra_headers["List-Unsubscribe"]


def test_beat_sends_once_a_week_and_only_to_parents_with_learners(alice, bob, paula, uma, alices_week):
    assert send_weekly_summaries() == 1
    assert send_weekly_summaries() == 0  # a second run of beat sends nothing twice
    assert [message.to for message in mail.outbox] == [["paula@example.com"]]
    assert WeeklySummary.objects.filter(parent=paula).count() == 1


def test_an_unlinked_parent_hears_nothing_about_the_learner(alice, paula, alices_week):
    ParentLink.objects.filter(parent=paula).delete()
    assert not send_weekly_summary(parent=paula, week_starting=alices_week)
    assert mail.outbox == []


def test_the_unsubscribe_link_asks_first_and_works_without_logging_in(client, paula):
    url = reverse("rewards:unsubscribe", args=[unsubscribe_token(paula)])
    page = client.get(url)
    assert page.status_code == 200 and "Stop the weekly summary e-mail" in page.content.decode()
    paula.refresh_from_db()
    assert paula.weekly_summary  # a GET never writes
    assert client.post(url).status_code == 200
    paula.refresh_from_db()
    assert not paula.weekly_summary


def test_a_tampered_token_does_nothing(client, paula):
    token = unsubscribe_token(paula)
    assert client.post(reverse("rewards:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
    paula.refresh_from_db()
    assert paula.weekly_summary


def test_an_unsubscribed_parent_gets_no_summary(alice, paula, alices_week):
    paula.weekly_summary = False
    paula.save()
    assert send_weekly_summaries() == 0
