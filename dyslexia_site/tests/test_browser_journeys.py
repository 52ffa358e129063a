"""The learner's and the parent's main journeys, on a 390 × 844 phone and on a desktop, with
axe-core run on every page visited: no serious or critical violation, no console error, no
failed request. The learner records and sends by keyboard alone, and the result is on screen
(its box inside the viewport, focus on it) once it arrives."""

import contextlib
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from learning.actions import fill_word_details
from learning.tests.test_rules import master
from mocktest.tests.sittings import make_level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
WORDS = ["fish", "dog", "jump"]  # the offline judge hears espeak-ng say these right


class Journey:
    """One browser, one page, everything that went wrong on it, and the axe results of each page."""

    def __init__(self, page, name):
        self.page, self.name, self.problems, self.checked = page, name, [], []
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))

    def axe(self):
        """axe-core on the page as it is now. Playwright's evaluate is not the page's script, so the
        Content-Security-Policy (no inline scripts) does not stop it."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => Boolean(window.axe)"):
            self.page.evaluate(AXE)
        violations = self.page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`))"
        )
        path = self.page.url.split("://", 1)[1].split("/", 1)[1]
        self.checked.append(f"/{path}")
        assert violations == [], (self.page.url, violations)

    def shot(self, name):
        folder = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-artifacts"))
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / f"{self.name}-{name}.png"))

    def go_by_menu(self, link_name):
        """Through the main menu, as a person would: behind the Menu button on a phone."""
        menu = self.page.get_by_role("button", name="Menu")
        if menu.is_visible():
            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
        self.page.get_by_role("navigation", name="Main").get_by_role("link", name=link_name).click()

    def in_view(self, locator) -> bool:
        box = locator.bounding_box()
        size = self.page.viewport_size
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


@pytest.fixture
def open_journey(live_server, tmp_path, playwright_session):
    """open_journey(viewport name, wav bytes or None) -> a Journey in a fresh Chromium."""
    playwright = playwright_session
    journeys, browsers = [], []

    def launch(viewport: str, wav: bytes | None = None) -> Journey:
        args = [*CHROMIUM_ARGS]
        if wav is not None:
            path = tmp_path / f"microphone-{len(browsers)}.wav"
            path.write_bytes(wav)
            args += [
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-audio-capture={path}%noloop",
            ]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        browsers.append(browser)
        context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
        context.grant_permissions(["microphone"], origin=live_server.url)
        journey = Journey(context.new_page(), viewport)
        journeys.append(journey)
        return journey

    yield launch
    problems = [problem for journey in journeys for problem in journey.problems]
    for browser in browsers:
        browser.close()
    assert not problems, problems


def log_in(journey, user):
    page = journey.page
    page.goto("/accounts/login/")
    journey.axe()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


@pytest.fixture
def level_one():
    level = make_level(1, WORDS, size=3, title="Animals and actions")
    for word in level.words.all():
        fill_word_details(word)
    return level


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_alice_practises_by_keyboard_sees_her_result_and_reaches_a_test_word(
    open_journey, viewport, alice, level_one, spoken
):
    journey = open_journey(viewport, spoken("fish", lead=1.2, tail=2.0))
    page = journey.page
    page.goto("/")
    journey.axe()
    log_in(journey, alice)
    journey.axe()

    journey.go_by_menu("Practise")
    page.wait_for_url("**/learn/")
    journey.axe()
    page.get_by_role("link", name="Start level 1").click()
    page.wait_for_url("**/learn/levels/1/")
    journey.axe()
    if viewport == "phone":
        journey.shot("after-level")
    page.get_by_role("link", name="Practise next: fish").click()
    page.wait_for_url(re.compile(r"/learn/words/\d+/$"))
    assert page.locator("h1.big-word").inner_text() == "fish"
    record = page.locator("form[data-recorder-ready] [data-record]")
    record.wait_for()
    journey.axe()
    if viewport == "phone":
        assert journey.in_view(record), "Start recording is on the first screen"
        assert not page.get_by_text("Press the space bar").is_visible()

    # Keyboard only: the space bar starts the take, the recorder stops at the silence after the
    # word and puts focus on Send, and Enter sends it.
    page.keyboard.press(" ")
    expect(record).to_have_attribute("aria-pressed", "true")
    send = page.get_by_role("button", name="Send my recording")
    expect(send).to_be_focused(timeout=15_000)
    page.keyboard.press("Enter")

    result = page.locator("[data-result]")
    result.wait_for(timeout=60_000)
    assert result.get_attribute("data-result") == "correct", result.inner_text()
    headline = result.locator(".result-headline")
    expect(headline).to_be_focused()
    with contextlib.suppress(
        PlaywrightTimeout
    ):  # a smooth scroll takes a moment; the assert says what is wrong
        page.wait_for_function(
            "() => { const r = document.querySelector('[data-result]').getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }",
            timeout=5_000,
        )
    where = page.evaluate("() => [window.scrollY, document.documentElement.scrollHeight, window.innerHeight]")
    assert journey.in_view(result), (result.bounding_box(), page.viewport_size, where)
    journey.axe()
    if viewport == "phone":
        journey.shot("after-practice")

    # The test for the level, once enough words are mastered: the word is read, not heard first.
    master(alice, level_one, 3)
    page.goto("/mock-tests/levels/1/")
    journey.axe()
    page.get_by_role("button", name="Start the test").click()
    page.wait_for_url(re.compile(r"/mock-tests/\d+/$"))
    page.locator("form[data-recorder-ready]").wait_for()
    assert page.locator("[data-listen]").count() == 0
    journey.axe()
    if viewport == "phone":
        assert journey.in_view(page.get_by_role("button", name="Start recording"))
        journey.shot("after-test-word")

    # Reading settings: the line focus follows the pointer once it is chosen.
    journey.go_by_menu("My reading settings")
    page.wait_for_url("**/me/preferences/")
    page.get_by_label("A reading ruler under the line").check()
    page.get_by_text("Saved.").wait_for()
    page.mouse.move(200, 400)
    expect(page.locator(".line-focus-band")).to_be_visible()
    journey.axe()
    assert len(journey.checked) == 10, journey.checked


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_paula_follows_alice_from_a_menu_of_her_own(open_journey, viewport, alice, paula, level_one):
    master(alice, level_one, 2)
    journey = open_journey(viewport)
    page = journey.page
    log_in(journey, paula)
    journey.axe()
    menu = page.get_by_role("navigation", name="Main")
    assert menu.get_by_role("link", name="Practise").count() == 0
    journey.go_by_menu("My family")
    page.wait_for_url("**/progress/family/")
    journey.axe()
    page.get_by_role("link", name="Alice").first.click()
    page.wait_for_url(f"**/progress/learners/{alice.pk}/")
    assert page.get_by_text("2 of 3 words").first.is_visible()
    journey.axe()
    journey.go_by_menu("My reading settings")
    journey.axe()


def test_the_axe_check_does_catch_a_serious_problem(open_journey, db):
    """The check above can fail: an unnamed button and an image without a text are reported."""
    journey = open_journey("phone")
    journey.page.goto("/")
    journey.page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<button type="button"></button><img src="/static/favicon.svg">\')'
    )
    with pytest.raises(AssertionError, match=r"button-name \(critical\).*image-alt \(critical\)"):
        journey.axe()
