"""Alice takes her level test in the pages, with the cast watching (or not allowed to)."""

import html
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learning.models import LevelUnlock
from learning.tests.test_rules import master
from mocktest.actions import apply_item_judgement, start_mock_test
from mocktest.models import MockTest
from mocktest.rules import next_item

from .sittings import judged, make_level, say_item, sit_test, swap

pytestmark = pytest.mark.django_db

# Words the offline judge hears right from espeak-ng's voice (it hears its "ship" as "hip").
SPOKEN_WELL = ["fish", "dog", "jump"]


def text(response) -> str:
    return html.unescape(response.content.decode())


def post_recording(client, item, audio: bytes, *, htmx=False, token=None, name="recording.wav"):
    data = {
        "recording": SimpleUploadedFile(name, audio, content_type="audio/wav"),
        "client_token": str(token or uuid.uuid4()),
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("mocktest:submit", args=[item.test_id, item.pk]), data, headers=headers)


@pytest.fixture
def alices_test(alice, ready):
    return start_mock_test(learner=alice, level=ready)


@pytest.fixture
def alices_result(alice, ready):
    """Alice's finished, failed test: cap heard as "cab"."""
    plan = {"cap": judged("not_quite", heard_as="cab", wrong_sounds=[swap("P", "B", "end")])}
    return sit_test(alice, ready, right=7, plan=plan)


def test_it_sends_anonymous_visitors_to_log_in(client, alices_test):
    for url in (
        reverse("mocktest:level", args=[1]),
        alices_test.get_absolute_url(),
        alices_test.get_result_url(),
        alices_test.get_report_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_test_page_says_how_many_more_words_to_master_and_which(client, alice, level_one):
    master(alice, level_one, 7)
    client.force_login(alice)
    page = text(client.get(reverse("mocktest:level", args=[1])))
    assert "Master 1 more word to open it." in page
    for word in level_one.words.order_by("position")[7:]:
        assert f'href="{word.get_absolute_url()}"' in page
    assert "Start the test" not in page
    assert client.post(reverse("mocktest:start", args=[1])).status_code == 409
    assert not MockTest.objects.exists()


def test_a_locked_levels_test_page_is_not_found(client, alice, level_one):
    make_level(2, ["ship"], size=1)
    client.force_login(alice)
    assert client.get(reverse("mocktest:level", args=[2])).status_code == 404


def test_alice_starts_the_test_and_pressing_start_again_continues_it(client, alice, ready):
    client.force_login(alice)
    assert "Start the test" in text(client.get(reverse("mocktest:level", args=[1])))
    response = client.post(reverse("mocktest:start", args=[1]))
    test = MockTest.objects.get()
    assert response.status_code == 302 and response.url == test.get_absolute_url()
    assert client.post(reverse("mocktest:start", args=[1])).url == test.get_absolute_url()
    assert "Continue the test" in text(client.get(reverse("mocktest:level", args=[1])))
    assert MockTest.objects.count() == 1


def test_the_test_shows_one_word_and_resumes_at_the_same_word_after_a_reload(client, alice, alices_test):
    client.force_login(alice)
    first = next_item(alices_test)
    page = text(client.get(alices_test.get_absolute_url()))
    assert "Word 1 of 10" in page
    assert f'<h1 id="the-word" class="big-word">{first.word.text}</h1>' in page
    assert page.count('class="big-word"') == 1

    say_item(first)
    apply_item_judgement(first.pk, judged("correct", 97))
    upcoming = next_item(alices_test)
    for _ in range(2):  # a reload shows the same next word
        page = text(client.get(alices_test.get_absolute_url()))
        assert "Word 2 of 10" in page
        assert f'<h1 id="the-word" class="big-word">{upcoming.word.text}</h1>' in page
    # no scores until the end (a bare "97" could appear in a CSRF token)
    assert "97%" not in page and "97 " not in page and "Score" not in page
    assert page.count('class="dot is-done"') == 1 and 'aria-current="step"' in page


def test_a_plain_form_post_moves_on_to_the_next_word(client, alice, alices_test, spoken):
    client.force_login(alice)
    first = next_item(alices_test)
    response = post_recording(client, first, spoken(first.word.text))
    assert response.status_code == 302 and response.url == alices_test.get_absolute_url()
    first.refresh_from_db()
    assert first.status == "pending" and first.recording.name.startswith(f"mocktests/{alice.pk}/")
    assert "Word 2 of 10" in text(client.get(response.url))


def test_an_htmx_submit_returns_the_next_word_partial(client, alice, alices_test, spoken):
    client.force_login(alice)
    first = next_item(alices_test)
    response = post_recording(client, first, spoken(first.word.text), htmx=True)
    page = text(response)
    assert response.status_code == 200
    assert "<html" not in page and "Word 2 of 10" in page
    upcoming = next_item(alices_test).word.text
    assert f'class="big-word" tabindex="-1" autofocus data-focus-after-swap>{upcoming}</h1>' in page
    assert 'hx-target="#mock-panel"' in page


def test_posting_the_same_form_twice_is_one_submission(client, alice, alices_test, spoken):
    client.force_login(alice)
    first = next_item(alices_test)
    token = uuid.uuid4()
    post_recording(client, first, spoken(first.word.text), token=token)
    second = next_item(alices_test)
    response = post_recording(client, second, spoken(first.word.text, speed=140), token=token, htmx=True)
    assert response.status_code == 200
    assert list(alices_test.items.values_list("status", flat=True).order_by("position")[:2]) == [
        "pending",
        "waiting",
    ]


def test_a_bad_upload_is_turned_away_kindly(client, alice, alices_test):
    client.force_login(alice)
    first = next_item(alices_test)
    response = post_recording(
        client, first, b"\x89PNG\r\n\x1a\n" + b"\0" * 200, name="picture.webm", htmx=True
    )
    assert response.status_code == 422  # the site's htmx-config swaps 422 in place, like every form error
    assert "That file isn't a recording we can play." in text(response)
    assert post_recording(client, first, b"", name="empty.wav").status_code == 422
    first.refresh_from_db()
    assert first.status == "waiting" and not first.recording


def test_the_last_htmx_submit_shows_the_result_checking(client, alice, ready, spoken):
    level = make_level(2, ["ship"], size=1)
    LevelUnlock.objects.create(learner=alice, level=level)
    master(alice, level, 1)
    test = start_mock_test(learner=alice, level=level)
    client.force_login(alice)
    response = post_recording(client, next_item(test), spoken("ship"), htmx=True)
    assert response.headers["HX-Push-Url"] == test.get_result_url()
    page = text(response)
    assert 'hx-trigger="load delay:1s"' in page and "Checking your words" in page


def test_the_result_page_polls_while_words_are_being_checked(client, alice, alices_test):
    for item in alices_test.items.all():
        say_item(item)
    client.force_login(alice)
    assert client.get(alices_test.get_absolute_url()).url == alices_test.get_result_url()
    page = text(client.get(alices_test.get_result_url()))
    assert f'hx-get="{alices_test.get_result_url()}" hx-trigger="load delay:1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    partial = text(client.get(alices_test.get_result_url(), headers={"HX-Request": "true"}))
    assert "<html" not in partial and "Listening to 10 words" in partial


def test_the_result_asks_to_say_an_unclear_word_again(client, alice, alices_test):
    items = list(alices_test.items.select_related("word"))
    for item in items:
        say_item(item)
    apply_item_judgement(items[0].pk, judged("unclear"))
    for item in items[1:]:
        apply_item_judgement(item.pk, judged("correct"))
    client.force_login(alice)
    page = text(client.get(alices_test.get_result_url()))
    assert "We couldn't hear this word clearly" in page and items[0].word.text in page
    assert "It doesn't count as a mistake." in page
    page = text(client.get(alices_test.get_absolute_url()))
    assert "Please say it once more." in page and "Word 10 of 10" in page


def test_passing_says_the_next_level_is_open(client, alice, ready):
    level_two = make_level(2, ["ship", "chip", "thin"], size=3, title="Digraphs")
    test = sit_test(alice, ready, right=8)
    client.force_login(alice)
    page = text(client.get(test.get_result_url()))
    assert "You passed the Level 1 test!" in page
    assert "You said 8 of 10 words right. Your score is 80%." in page
    assert "Level 2: Digraphs is open now." in page
    assert f'href="{level_two.get_absolute_url()}"' in page


def test_failing_is_kind_and_lists_the_words_to_practise(client, alice, alices_result):
    client.force_login(alice)
    page = text(client.get(alices_result.get_result_url()))
    assert "Not this time, but you are getting there" in page
    assert "To pass, you need 80%." in page
    assert 'data-word="cap" data-result="missed"' in page and "it sounded like “cab”" in page
    assert "Voiced and quiet sounds in 1 word" in page
    missed = alices_result.items.select_related("word").order_by("position")[7:]
    for item in missed:
        assert f'href="{item.word.get_absolute_url()}"' in page


def test_the_result_and_report_pages_take_few_queries(
    client, alice, paula, alices_result, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(9):
        assert client.get(alices_result.get_result_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(alices_result.get_report_url()).status_code == 200
    client.force_login(paula)
    with django_assert_max_num_queries(8):
        assert client.get(alices_result.get_report_url()).status_code == 200


def test_another_learner_cannot_see_or_say_into_alices_test(client, bob, alices_test):
    client.force_login(bob)
    for url in (alices_test.get_absolute_url(), alices_test.get_result_url(), alices_test.get_report_url()):
        assert client.get(url).status_code == 404, url
    assert post_recording(client, next_item(alices_test), b"RIFF").status_code == 404


def test_another_learner_cannot_read_alices_result_or_report(client, bob, alices_result):
    client.force_login(bob)
    for url in (alices_result.get_result_url(), alices_result.get_report_url()):
        assert client.get(url).status_code == 404, url


def test_a_linked_parent_reads_the_report_and_an_unlinked_one_cannot(
    client, alice, paula, uma, alices_result
):
    client.force_login(uma)
    assert client.get(alices_result.get_report_url()).status_code == 404
    client.force_login(paula)
    page = text(client.get(alices_result.get_report_url()))
    assert "Mock test report" in page and "Alice" in page and "70%" in page and "Not passed yet" in page
    assert "Before the next try, Alice practises each missed word at least once." in page
    # Saying words and the live result are Alice's own.
    assert client.get(alices_result.get_result_url()).status_code == 404


def test_an_expired_test_says_so(client, alice, alices_test):
    MockTest.objects.filter(pk=alices_test.pk).update(expires_at=timezone.now())
    client.force_login(alice)
    page = text(client.get(alices_test.get_absolute_url()))
    assert "This test has closed" in page
    assert "Start the test" in text(client.get(reverse("mocktest:level", args=[1])))


@pytest.mark.slow
def test_alice_says_every_word_and_the_real_judge_passes_her(
    client, alice, spoken, django_capture_on_commit_callbacks
):
    level = make_level(1, SPOKEN_WELL, size=3, pass_mark=80)
    level_two = make_level(2, ["chip"], size=1)
    master(alice, level, 3)
    client.force_login(alice)
    test_url = client.post(reverse("mocktest:start", args=[1])).url
    test = MockTest.objects.get()
    while (item := next_item(test)) is not None:
        with django_capture_on_commit_callbacks(execute=True):
            post_recording(client, item, spoken(item.word.text, lead=0.3, tail=0.3))
        test.refresh_from_db()
    page = text(client.get(test.get_result_url()))
    test.refresh_from_db()
    assert test.status == "finished", page
    assert test.passed, [(i.word.text, i.verdict, i.score, i.heard_as) for i in test.items.all()]
    assert "You passed the Level 1 test!" in page
    assert LevelUnlock.objects.filter(learner=alice, level=level_two).exists()
    assert client.get(test_url).url == test.get_result_url()
