"""WCAG AA contrast for every pair of text and background colours the stylesheets use, on every
page colour a learner can choose. The colours are read from static/css/site.css and from the
palettes in accounts/preferences.py, so a new colour cannot slip in unmeasured."""

import re
from pathlib import Path

import pytest

from accounts.models import User
from accounts.preferences import PALETTES

SITE_CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
NAMES = ("bg", "surface", "text", "muted", "accent", "on-accent", "border")
AA = 4.5  # normal-size text; the site has no text small enough to need more, nor large enough for less


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def root_variables() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", SITE_CSS, re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", root))


def rule_colour(selector: str, prop: str = "color") -> str:
    body = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", SITE_CSS).group(1)
    return re.search(rf"(?<![-\w]){prop}:\s*(#[0-9a-fA-F]{{3,6}}|var\(--[\w-]+\))", body).group(1)


def theme(background: str) -> dict[str, str]:
    return {**root_variables(), **dict(zip(NAMES, PALETTES[background], strict=True))}


def resolve(value: str, colours: dict[str, str]) -> str:
    name = re.fullmatch(r"var\(--([\w-]+)\)", value)
    return colours[name.group(1)] if name else value


def text_pairs(background: str) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) for everything the stylesheets draw as text."""
    c = theme(background)
    dark = background == User.Background.DARK
    good = rule_colour(".theme-dark .good-note") if dark else c["good"]
    pairs = [
        ("body text on the page", c["text"], c["bg"]),
        ("body text in a card", c["text"], c["surface"]),
        ("softer text (.muted, helper text, footer) on the page", c["muted"], c["bg"]),
        ("softer text in a card", c["muted"], c["surface"]),
        ("links on the page", c["accent"], c["bg"]),
        ("links and secondary buttons in a card", c["accent"], c["surface"]),
        ("button text", c["on-accent"], c["accent"]),
        ("good news (.good-note) on the page", good, c["bg"]),
        ("good news in a card", good, c["surface"]),
        ("the letters of the sound being spoken", rule_colour(".sound-chunk.is-sounding"), c["focus"]),
    ]
    errors = ".theme-dark .errorlist" if dark else ".errorlist"
    pairs.append(("form errors", rule_colour(errors), rule_colour(errors, "background")))
    danger = ".theme-dark button.danger" if dark else "button.danger"
    pairs.append(("the delete button", rule_colour(danger), rule_colour(danger, "background")))
    return [(what, resolve(fg, c), resolve(bg, c)) for what, fg, bg in pairs]


@pytest.mark.parametrize("background", list(PALETTES))
def test_every_text_colour_meets_aa_on_every_page_colour(background):
    weak = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"
        for what, fg, bg in text_pairs(background)
        if contrast(fg, bg) < AA
    ]
    assert not weak, weak


def test_the_measure_itself_is_right():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
