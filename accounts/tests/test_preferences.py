import pytest
from django.urls import reverse

from accounts.models import User
from accounts.preferences import PALETTES, ReadingStyle


def test_it_shows_the_preferences_form_with_the_current_choices(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:preferences"))
    assert response.status_code == 200
    assert b'value="lexend"' in response.content
    assert b"Letter shapes" in response.content


def test_it_saves_preferences_and_applies_them_on_every_page(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("accounts:preferences"),
        {
            "font": "opendyslexic",
            "text_size": "xlarge",
            "letter_spacing": "wider",
            "word_spacing": "normal",
            "line_spacing": "wider",
            "background": "dark",
            "line_focus": "ruler",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.font == User.Font.OPENDYSLEXIC
    assert alice.background == User.Background.DARK

    home = client.get(reverse("home")).content.decode()
    assert '--reading-font: "OpenDyslexic"' in home
    assert "--text-size: 24px" in home
    assert "--line-height: 2" in home
    assert 'class="theme-dark"' in home
    assert 'data-line-focus="ruler"' in home  # static/js/site/line-focus.js draws the ruler from it


def test_it_saves_instantly_over_htmx_and_swaps_the_style(client, alice):
    client.force_login(alice)
    data = {
        "font": "atkinson",
        "text_size": "medium",
        "letter_spacing": "normal",
        "word_spacing": "wide",
        "line_spacing": "normal",
        "background": "mint",
        "line_focus": "focus",
    }
    response = client.post(reverse("accounts:preferences"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Saved." in body
    # Only the text inside is swapped: the page's <style> keeps the page's CSP nonce.
    assert 'hx-swap-oob="innerHTML"' in body and 'id="reading-style"' in body
    assert '"Atkinson Hyperlegible"' in body
    assert "<html" not in body
    assert (
        response.headers["HX-Trigger"] == '{"reading-style-changed": {"dark": false, "lineFocus": "focus"}}'
    )
    alice.refresh_from_db()
    assert alice.font == User.Font.ATKINSON


def test_it_refuses_a_made_up_choice_and_keeps_the_old_one(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("accounts:preferences"),
        {
            "font": "comic-sans",
            "text_size": "large",
            "letter_spacing": "wide",
            "word_spacing": "wide",
            "line_spacing": "wide",
            "background": "cream",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#preferences-form"
    assert b"Select a valid choice" in response.content
    alice.refresh_from_db()
    assert alice.font == User.Font.LEXEND


def test_it_gives_anonymous_visitors_the_default_style(client, db):
    page = client.get(reverse("home")).content.decode()
    assert ReadingStyle.default().css_variables in page


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("background", list(PALETTES))
def test_it_keeps_every_page_colour_readable(background):
    bg, surface, text, muted, accent, on_accent, _border = PALETTES[background]
    assert _contrast(text, bg) >= 7
    assert _contrast(text, surface) >= 7
    assert _contrast(muted, bg) >= 4.5
    assert _contrast(accent, bg) >= 4.5
    assert _contrast(on_accent, accent) >= 4.5
    assert bg.lower() not in ("#ffffff", "#000000")
