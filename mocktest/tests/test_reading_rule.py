"""A level test tests reading: the word on screen is never spoken before it is said; the word
just said may be heard afterwards."""

import html

import pytest
from django.urls import reverse

from mocktest.actions import apply_item_judgement, start_mock_test
from mocktest.rules import next_item

from .sittings import judged, say_item

pytestmark = pytest.mark.django_db


def speech_links(page: str, word: str) -> list[str]:
    return [
        url for speed in ("normal", "slow") if (url := reverse("learning:speech", args=[speed, word])) in page
    ]


def test_the_first_word_cannot_be_heard_before_it_is_said(client, alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    client.force_login(alice)
    page = html.unescape(client.get(test.get_absolute_url()).content.decode())
    word = next_item(test).word.text
    assert f">{word}</h1>" in page
    assert speech_links(page, word) == []
    assert "data-listen" not in page and "Read the word by yourself" in page


def test_after_saying_a_word_alice_may_hear_it_but_not_the_next_one(client, alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    first = next_item(test)
    say_item(first)
    client.force_login(alice)
    for page in (
        client.get(test.get_absolute_url()),
        client.get(test.get_absolute_url(), headers={"HX-Request": "true"}),
    ):
        page = html.unescape(page.content.decode())
        upcoming = next_item(test).word.text
        assert f">{upcoming}</h1>" in page
        assert len(speech_links(page, first.word.text)) == 2
        assert f"You said “{first.word.text}”" in page
        assert speech_links(page, upcoming) == []


def test_a_word_back_for_saying_again_is_not_spoken_on_its_second_turn(client, alice, ready):
    test = start_mock_test(learner=alice, level=ready)
    items = list(test.items.select_related("word").order_by("position"))
    for item in items:
        say_item(item)
    apply_item_judgement(items[0].pk, judged("unclear"))  # back to waiting, to be said again
    client.force_login(alice)
    page = html.unescape(client.get(test.get_absolute_url()).content.decode())
    again = items[0].word.text
    assert f">{again}</h1>" in page and "Please say it once more." in page
    assert speech_links(page, again) == []
    assert len(speech_links(page, items[-1].word.text)) == 2  # the last one said before it
