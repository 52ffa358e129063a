"""Alice explores words in a real browser: the parts appear as they are ready."""

import pytest
from playwright.sync_api import expect

from conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def explore(page, word):
    page.get_by_label("Type any word").fill(word)
    page.get_by_role("button", name="Look it up").click()
    expect(page.locator("#explored-word")).to_be_visible(timeout=20_000)


def test_alice_explores_butterfly_a_name_and_a_word_without_a_picture(page, alice):
    log_in(page, alice)
    page.get_by_role("link", name="Explore words").click()
    explore(page, "butterfly")
    expect(page.get_by_alt_text("A picture of butterfly")).to_be_visible()
    expect(page.locator("[data-part=syllables]")).to_have_text("butterfly")
    expect(page.locator("[data-part=advice]")).to_contain_text("Clap the 3 syllables: but-ter-fly.")
    screenshot(page, "explorer-butterfly")

    explore(page, "Maria")
    picture = page.get_by_alt_text("A name card for Maria")
    expect(picture).to_be_visible(timeout=20_000)  # drawn after the answer; the page polls
    assert drawn(picture)  # never a broken image
    screenshot(page, "explorer-name")

    explore(page, "because")
    card = page.get_by_alt_text("The word because on a card, split into syllables")
    expect(card).to_be_visible(timeout=20_000)
    assert drawn(card)
    screenshot(page, "explorer-no-picture")


def test_a_noun_no_emoji_shows_gets_a_pictogram(page, alice):
    log_in(page, alice)
    page.goto("/explore/")
    explore(page, "mother")
    picture = page.get_by_alt_text("A picture of mother")
    expect(picture).to_be_visible()
    assert drawn(picture)  # the vendored SVG loads: never a broken image
    screenshot(page, "explorer-pictogram")


def test_a_picture_from_a_set_that_asks_for_credit_is_credited(page, alice):
    log_in(page, alice)
    page.goto("/explore/")
    explore(page, "bull")
    picture = page.get_by_alt_text("A picture of bull")
    expect(picture).to_be_visible()
    assert drawn(picture)
    expect(page.get_by_text("Picture: Game Icons (game-icons.net), CC BY 3.0")).to_be_visible()
    screenshot(page, "explorer-credited-picture")


def test_a_misspelling_offers_the_word_alice_meant(page, alice):
    log_in(page, alice)
    page.goto("/explore/")
    page.get_by_label("Type any word").fill("elefant")
    page.get_by_role("button", name="Look it up").click()
    expect(page.get_by_text("Did you mean elephant?")).to_be_visible()
    page.get_by_role("button", name="Yes, look up “elephant”").click()
    # A first look-up on a busy machine can take longer than Playwright's 5 s default.
    expect(page.locator("#explored-word")).to_have_text("elephant", timeout=20_000)
    # The misspelling was answered 422 (a form error, by design); Chromium logs every 4xx.
    assert page.errors == [
        "console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]
    page.errors.clear()


def drawn(image, seconds=10.0) -> bool:
    """The image has loaded and has pixels: visible is not enough, its bytes may still be coming."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if image.evaluate("img => img.complete && img.naturalWidth > 0"):
            return True
        time.sleep(0.2)
    return False
