"""The chat in a real browser on a phone-sized screen: typed questions are answered in place."""

import pytest

from conftest import PageErrors, log_in, screenshot
from learning.models import Word
from learning.tests.test_rules import say

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
    )
    page = context.new_page()
    errors = PageErrors()
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"))
    yield page
    context.close()
    assert not errors, errors


def ask(page, text, count):
    page.get_by_label("Ask the tutor").fill(text)
    page.get_by_role("button", name="Ask", exact=True).click()
    page.locator(".chat-message.from-tutor").nth(count).wait_for()


def test_a_conversation_on_a_phone(phone, alice, level_one):
    say(alice, Word.objects.get(text="cat"), 90)
    say(alice, Word.objects.get(text="map"), 45)
    log_in(phone, alice)
    phone.goto("/chat/")
    ask(phone, "how do i say elefant", 1)
    ask(phone, "how am i doin", 2)
    ask(phone, "tell me a joke", 3)
    log = phone.locator("#chat-log")
    assert "e-l-e-ph-a-n-t" in log.inner_text()
    assert "mastered 1 word in 2 tries" in log.inner_text()
    assert "Sorry, I can't help with that." in log.inner_text()
    # Typed with HTMX: the page did not reload, and the box is empty for the next question.
    assert phone.get_by_label("Ask the tutor").input_value() == ""
    assert phone.locator("[data-read-answer]").first.is_visible() in (True, False)
    screenshot(phone, "tutor-chat-phone")
    phone.goto("/chat/history/")
    screenshot(phone, "tutor-history-phone")


def test_the_practice_page_panel_answers_about_its_word(phone, alice, level_one):
    log_in(phone, alice)
    phone.goto(Word.objects.get(text="rabbit").get_absolute_url())
    phone.get_by_text("Ask the tutor about “rabbit”").click()
    phone.get_by_label("Ask a question").fill("how do i say it")
    phone.locator(".tutor-panel").get_by_role("button", name="Ask").click()
    phone.locator("#tutor-panel-log .chat-message.from-tutor").wait_for()
    assert "r-a-bb-i-t" in phone.locator("#tutor-panel-log").inner_text()
    phone.locator(".tutor-panel").scroll_into_view_if_needed()
    screenshot(phone, "tutor-panel-phone")
