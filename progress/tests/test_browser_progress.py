"""Alice opens her progress page in a real browser and sees her scores drawn as a chart."""

import datetime

import pytest

from conftest import log_in, screenshot
from progress.rules import site_today

from .stories import local, make_level, passed_mock_test, said_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alice_with_a_week_of_practice(alice):
    level_one = make_level(1, title="Short a")
    make_level(2, ["ship", "chip", "thin", "shop"], title="Digraphs")
    today = site_today()
    words = list(level_one.words.order_by("position"))
    scores = [35, 50, 62, 71, 80, 76, 92]
    for n, score in enumerate(scores):
        day = today - datetime.timedelta(days=len(scores) - 1 - n)
        said_at(alice, words[n], score, local(day, 10))
        said_at(alice, words[n + 1], max(score - 20, 10), local(day, 17))
    passed_mock_test(alice, level_one, score=90)
    return alice


def test_alice_sees_her_streak_levels_and_a_score_chart(page, alice_with_a_week_of_practice):
    log_in(page, alice_with_a_week_of_practice)
    page.get_by_role("link", name="Home").first.wait_for()
    page.goto("/progress/")
    assert page.get_by_role("heading", name="My progress").is_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('score-chart'))")
    canvas = page.locator("#score-chart")
    assert canvas.is_visible()
    assert canvas.bounding_box()["height"] > 100
    # The table is still there for screen readers, just out of sight.
    table = page.locator("[data-score-table] table")
    assert table.count() == 1
    assert "is-behind-chart" in page.locator("[data-score-table]").get_attribute("class")
    assert "7 days in a row" in " ".join(page.locator(".streak-number").inner_text().split())
    assert page.locator("progress").count() == 2
    screenshot(page, "progress")
