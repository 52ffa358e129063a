"""Every page counts from the one rule (learning.rules.LevelState): a 25-word level opens its test
at 20 mastered, and the levels page, the level page and the test page all say so."""

import html
import re

import pytest
from django.urls import reverse

from learning.tests.factories import LevelFactory, WordFactory
from learning.tests.test_rules import master, say

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_level():
    level = LevelFactory(order=1, title="Digraphs")
    for position in range(25):
        WordFactory(level=level, text=f"word{chr(97 + position)}", position=position)
    return level


def words_of(page) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.unescape(page.content.decode())))


def test_the_levels_level_and_test_pages_give_the_same_counts(client, alice, big_level):
    master(alice, big_level, 6)
    client.force_login(alice)
    levels = words_of(client.get(reverse("learning:levels")))
    level = words_of(client.get(big_level.get_absolute_url()))
    intro = words_of(client.get(reverse("mocktest:level", args=[1])))
    assert "Master 80% of a level's words to open its test." in levels
    assert "8 words out of 10" not in levels
    for page in (levels, level):
        assert "6 of 25 words mastered (24%)" in page
        assert "opens at 20 of 25 words mastered: 14 more to go." in page
    assert "The test opens when you have mastered 20 of the 25 words." in intro
    assert "Master 14 more words to open it." in intro


def test_the_history_shows_a_score_of_zero_as_zero(client, alice, big_level):
    word = big_level.words.first()
    say(alice, word, 0, verdict="not_quite")
    client.force_login(alice)
    page = words_of(client.get(reverse("learning:history", args=[word.pk])))
    assert "Best score 0 ·" in page
    assert re.search(r"Not quite\S* 0 ", page), page
