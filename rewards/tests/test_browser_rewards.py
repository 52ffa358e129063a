"""In a real browser: Alice's rewards page and the calm toast after a try; Paula's view; the weekly e-mail."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from conftest import log_in, screenshot
from rewards.summary import last_week_start, unsubscribe_url, week_for

from .stories import make_level, said_on, say, swap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOUNDS = {"ship": "SH IH P", "shop": "SH AA P", "fish": "F IH SH", "thin": "TH IH N", "moth": "M AO TH"}


@pytest.fixture
def alice_practised(alice):
    level = make_level(1, list(SOUNDS), size=5, title="Digraphs sh and th")
    for word in level.words.all():
        word.phonemes = SOUNDS[word.text]
        word.save(update_fields=["phonemes"])
    words = {word.text: word for word in level.words.all()}
    now = timezone.now()
    for n in range(8, 0, -1):  # eight days in a row: a rest day saved
        day = now - datetime.timedelta(days=n)
        said_on(alice, words["thin"], 45 + 4 * (8 - n), day, wrong=[swap("TH", "F")] if n > 4 else [])
        said_on(alice, words["fish"], 60 + 3 * (8 - n), day)
    say(alice, words["ship"], 50, wrong=[swap("SH", "S")])
    return alice, words


def test_alice_sees_her_rewards_and_a_toast_after_a_try(page, alice_practised):
    alice, words = alice_practised
    log_in(page, alice)
    page.goto("/rewards/")
    assert page.get_by_role("heading", name="My rewards").is_visible()
    assert page.get_by_text("Sound fixed: /th/").first.is_visible()
    screenshot(page, "rewards-page")

    attempt = say(alice, words["ship"], 88)  # "ship" mastered
    page.emulate_media(reduced_motion="reduce")  # no slide-in for those who ask for less motion
    page.goto(words["ship"].get_absolute_url())
    # What htmx does with the result's HX-Trigger header: the event bubbles up from the page.
    page.evaluate(
        "id => document.body.dispatchEvent("
        "new CustomEvent('attempt-judged', {bubbles: true, detail: {attempt: id}}))",
        attempt.pk,
    )
    toast = page.locator("[data-toast]")
    toast.wait_for()
    assert "You mastered “ship”." in toast.inner_text()
    assert page.locator("[data-toast-slot]").get_attribute("aria-live") == "polite"
    screenshot(page, "rewards-toast")
    page.get_by_role("button", name="Close").click()
    assert page.locator("[data-toast]").count() == 0


def test_paula_sees_alices_rewards_and_progress(page, alice_practised, paula):
    log_in(page, paula)
    alice, _ = alice_practised
    page.goto(f"/progress/learners/{alice.pk}/")
    assert (
        page.get_by_text("rest day saved").first.is_visible()
        or page.get_by_text("rest days saved").first.is_visible()
    )
    screenshot(page, "parent-progress")
    page.goto(f"/rewards/learners/{alice.pk}/")
    assert page.get_by_role("heading", name="Alice's rewards").is_visible()
    screenshot(page, "parent-rewards")
    page.goto("/me/family/")
    screenshot(page, "parent-family-links")


def test_the_weekly_email_reads_well(page, alice_practised, paula):
    alice, _ = alice_practised
    week = last_week_start(timezone.localdate()) + datetime.timedelta(days=7)
    html = render_to_string(
        "rewards/email/weekly_summary.html",
        {
            "parent": paula,
            "weeks": [week_for(alice, week)],
            "week_starting": week,
            "unsubscribe_url": unsubscribe_url(paula),
        },
    )
    page.set_content(html)
    assert page.get_by_text("Alice mastered").is_visible() or page.get_by_text("Alice practised").is_visible()
    screenshot(page, "weekly-email")
