"""The Content-Security-Policy in a real browser: pages work and nothing is blocked."""

import pytest

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from accounts.tests.totp import fresh_totp_code
from conftest import SAM_TOTP_SECRET, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_violations(page):
    """Every console message about the Content Security Policy, whatever its level."""
    seen = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and seen.append(msg.text))
    return seen


def sign_in(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_pages_load_and_preferences_swap_in_with_no_csp_violations(
    page, csp_violations, alice, learning_level
):
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"):
        page.goto(path)
    sign_in(page, alice.email)
    page.get_by_role("link", name="My reading settings").wait_for()
    for path in ("/", "/learn/", "/progress/"):
        page.goto(path)
    page.goto("/me/preferences/")
    page.get_by_label("OpenDyslexic").check()
    page.get_by_text("Saved.").wait_for()
    # The swapped-in reading style applied: its text replaced the nonce'd element's.
    page.wait_for_function("() => getComputedStyle(document.body).fontFamily.includes('OpenDyslexic')")
    assert page.evaluate("document.querySelectorAll('style').length") == 1
    assert csp_violations == []
    page.errors[:] = [e for e in page.errors if "status of 404" not in e]  # /no-such-page/ is one


def test_the_browser_does_enforce_the_policy(page, csp_violations):
    """The detector above works: an injected inline style is refused and reported."""
    page.goto("/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>')")
    page.wait_for_timeout(200)
    assert any("style-src" in message for message in csp_violations)
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    page.errors.clear()  # the refusal is logged as a console error, on purpose here


def test_staff_set_up_two_step_login_in_a_page_the_csp_allows(page, csp_violations, db):
    tess = UserFactory(email="tess@example.com", role=User.Role.STAFF, is_staff=True)
    sign_in(page, tess.email)
    page.get_by_role("link", name="Two-step login").wait_for()
    page.goto("/admin/")
    page.get_by_label("Password").fill(PASSWORD)  # allauth asks for it again first
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Activate Authenticator App").wait_for()
    qr = page.get_by_role("img", name=page.locator("#authenticator_secret").input_value())
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, "mfa-setup")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.get_by_role("heading", name="Recovery Codes").wait_for()
    assert csp_violations == []


def test_staff_open_the_admin_after_the_code_with_no_csp_violations(page, csp_violations, sam):
    sign_in(page, sam.email)
    page.get_by_label("Code").fill(fresh_totp_code(SAM_TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()  # allauth's own two-step page (staff only)
    page.get_by_role("link", name="Staff admin", exact=True).click()
    page.get_by_role("heading", name="Site administration").wait_for()
    page.goto("/admin/learning/word/")
    assert csp_violations == []


def test_it_shows_the_500_page_styled_and_allowed_by_the_csp(page, csp_violations, alice, monkeypatch):
    from progress import views

    def broken(learner):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(views, "continue_point", broken)
    sign_in(page, alice.email)
    page.get_by_role("heading", name="Something went wrong on our side").wait_for()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Lexend")
    screenshot(page, "error-500")
    assert csp_violations == []
    # The browser reports the 500 itself as a failed resource: expected here.
    page.errors[:] = [e for e in page.errors if "status of 500" not in e]


@pytest.fixture
def learning_level(db):
    from learning.tests.factories import LevelFactory, WordFactory

    level = LevelFactory(order=1, title="Short a")
    for position, text in enumerate(["cat", "map", "bag"]):
        WordFactory(level=level, text=text, position=position)
    return level
