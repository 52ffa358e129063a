"""A person's first visit, in a real browser."""

import pytest

from conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_welcome_page_and_the_login_form(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Learn to read and say words, one at a time."
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Lexend")
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('20px Lexend'))")
    screenshot(page, "home")
    page.get_by_role("link", name="I already have one").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_label("Email").is_visible()
    screenshot(page, "login")


def test_it_saves_a_reading_preference_instantly_and_keeps_it(page, alice):
    log_in(page, alice)
    page.goto("/me/preferences/")
    page.get_by_label("OpenDyslexic").check()
    page.get_by_text("Saved.").wait_for()
    assert "OpenDyslexic" in page.evaluate("getComputedStyle(document.body).fontFamily")
    page.get_by_label("Dark").check()
    # A function, not an expression: Playwright polls an expression with eval(), which the CSP refuses.
    page.wait_for_function("() => document.documentElement.classList.contains('theme-dark')")
    screenshot(page, "preferences")
    page.reload()
    assert "OpenDyslexic" in page.evaluate("getComputedStyle(document.body).fontFamily")
    alice.refresh_from_db()
    assert alice.font == "opendyslexic"
    assert alice.background == "dark"


def test_it_lets_keyboard_users_skip_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
