import pytest
from django.urls import reverse

from conftest import log_in, screenshot
from learning.actions import apply_judgement
from learning.tests.test_recommending import levels, no_model  # noqa: F401  (fixtures)
from learning.tests.test_rules import attempt_for, judged, say

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_level_page_and_dashboard_say_why_a_word_comes_next(page, alice, levels, no_model):  # noqa: F811
    one, _ = levels
    say(alice, one.words.get(text="cat"), 95)
    say(alice, one.words.get(text="map"), 95)
    say(alice, one.words.get(text="map"), 30)  # its review failed: "time to review", not mastered
    attempt = attempt_for(alice, one.words.get(text="dad"))
    apply_judgement(attempt.pk, judged("not_quite", 30, heard_as="bab"))
    log_in(page, alice)
    page.goto(reverse("learning:level", args=[1]))
    assert page.locator("[data-why]").first.is_visible()
    assert page.locator(".word-card.is-review").get_by_text("Time to review").is_visible()
    screenshot(page, "recommender-level")
    page.goto(reverse("progress:dashboard"))
    assert page.locator("[data-troubles]").is_visible()
    screenshot(page, "recommender-dashboard")
