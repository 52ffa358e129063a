"""Alice takes a whole level test with her microphone, in a real browser, and opens the next level."""

import re
from unittest import mock

import pytest

from conftest import log_in, screenshot
from learning.models import LevelUnlock
from learning.tests.test_rules import master
from mocktest.models import MockTest

from .sittings import make_level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Words the offline judge hears right from espeak-ng's voice.
WORDS = ["fish", "dog", "jump"]


@pytest.fixture
def levels(alice):
    first = make_level(1, WORDS, size=3, pass_mark=80, title="Animals and actions")
    second = make_level(2, ["ship", "chip", "thin"], size=3, title="Digraphs")
    master(alice, first, 3)
    return first, second


def say_the_word_on_screen(page, word: str, number: int) -> None:
    """The page shows `word` as word `number` of 3: record it with the fake microphone and send it."""
    assert page.locator("h1.big-word").inner_text() == word
    assert page.get_by_text(f"Word {number} of 3").is_visible()
    page.get_by_role("button", name="Start recording").click()
    page.get_by_role("button", name="Send my recording").click(timeout=20_000)


def test_alice_passes_a_whole_test_with_her_microphone_and_level_two_opens(
    microphone_browser, alice, levels, spoken
):
    level_one, level_two = levels
    wav = {word: spoken(word, lead=1.0, tail=2.0) for word in WORDS}

    # Alice opens the test from its level page and starts it.
    page = microphone_browser(wav[WORDS[0]])
    log_in(page, alice)
    page.goto("/mock-tests/levels/1/")
    page.get_by_role("button", name="Start the test").click()
    page.wait_for_url(re.compile(r"/mock-tests/\d+/$"))
    test = MockTest.objects.get()
    order = list(test.items.order_by("position").values_list("word__text", flat=True))
    state = page.context.storage_state()
    first_page = page

    # One browser per word (the fake microphone plays one file); the test resumes at the right word each time.
    for number, word in enumerate(order, start=1):
        page = first_page if word == WORDS[0] and number == 1 else microphone_browser(wav[word], state)
        page.goto(test.get_absolute_url())
        if number == 1:
            screenshot(page, "mocktest-item")
        say_the_word_on_screen(page, word, number)
        if number < len(order):
            page.get_by_text(f"Word {number + 1} of 3").wait_for(timeout=60_000)
        else:
            page.locator("[data-mock-result]").wait_for(timeout=60_000)
        assert not page.errors, page.errors

    # The last word's answer is the result, in place, and the address is the result page's.
    verdict = page.locator("[data-mock-result]")
    judged = [(i.word.text, i.verdict, i.score, i.heard_as) for i in test.items.all()]
    assert verdict.get_attribute("data-mock-result") == "passed", (verdict.inner_text(), judged)
    assert page.url.endswith(test.get_result_url())
    assert "Level 2: Digraphs is open now." in verdict.inner_text()
    screenshot(page, "mocktest-result")
    assert LevelUnlock.objects.filter(learner=alice, level=level_two).count() == 1

    page.get_by_role("link", name="Printable report").click()
    page.wait_for_url(f"**{test.get_report_url()}")
    screenshot(page, "mocktest-report")
    page.emulate_media(media="print")
    screenshot(page, "mocktest-report-print")
    page.emulate_media(media="screen")

    page.goto(test.get_result_url())
    page.get_by_role("link", name="Go to Level 2").click()
    page.wait_for_url(f"**{level_two.get_absolute_url()}")
    assert "Level 2: Digraphs" in page.locator("h1").inner_text()
    assert not page.errors, page.errors


def test_a_not_passed_result_groups_the_mistakes_and_lists_the_words_to_practise(page, alice):
    from .sittings import judged, sit_test, swap

    level = make_level(1, ["bed", "dig", "sit", "ship", "fish"], size=5, title="Mixed sounds")
    master(alice, level, 5)
    plan = {
        "bed": judged("not_quite", heard_as="dead", wrong_sounds=[swap("B", "D")]),
        "dig": judged("not_quite", heard_as="big", wrong_sounds=[swap("D", "B")]),
        "sit": judged("not_quite", heard_as="set", wrong_sounds=[swap("IH", "EH", "middle")]),
    }
    with mock.patch("dyslexia_site.queue.send"):  # judged by the plan, not by the real judge
        test = sit_test(alice, level, right=5, plan=plan)
    log_in(page, alice)
    page.goto(test.get_result_url())
    assert page.locator("[data-mock-result]").get_attribute("data-mock-result") == "not-passed"
    assert page.get_by_role("heading", name="b/d swaps in 2 words").is_visible()
    screenshot(page, "mocktest-result-not-passed")
    page.goto("/mock-tests/levels/1/")
    assert page.get_by_role("link", name="bed").is_visible()  # the retake rule lists the words to practise
    screenshot(page, "mocktest-retake-rule")
