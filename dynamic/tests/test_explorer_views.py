"""A learner types a word and sees it: the picture, the meaning, the sounds, the advice."""

import pytest
from django.urls import reverse

from dynamic.models import ExplorerEntry, PracticeWord
from learning.models import SpeechClip

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def look_up(django_capture_on_commit_callbacks):
    """Post a word, then commit: what was queued on commit runs (in-process, or not at all when
    the worker is down)."""

    def post(client, word, htmx=True):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("dynamic:lookup"), {"word": word}, headers=HTMX if htmx else {})

    return post


def test_it_sends_anonymous_visitors_to_log_in(look_up, client):
    for response in (client.get(reverse("dynamic:explorer")), look_up(client, "cat", htmx=False)):
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_it_shows_every_part_of_butterfly(look_up, client, alice, no_voice):
    client.force_login(alice)
    response = look_up(client, "butterfly")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'src="/static/vendor/fluent-emoji-flat/1f98b.svg"' in page  # the butterfly drawing
    assert 'alt="A picture of butterfly"' in page
    assert "insect" in page  # its meaning
    assert page.count("<span>but</span><span>ter</span><span>fly</span>") == 1  # syllables
    assert "Clap the 3 syllables: but-ter-fly." in page
    assert "b has its tummy on the right" in page
    assert 'class="letter is-reversible"' in page
    assert "level " in page and "% sure" in page
    assert reverse("learning:speech", args=["normal", "butterfly"]) in page
    assert reverse("learning:speech", args=["slow", "butterfly"]) in page
    assert "Add to my practice words" in page and "Try saying it" in page


def test_a_plain_form_post_lands_on_the_words_own_page(look_up, client, alice, no_voice):
    client.force_login(alice)
    response = look_up(client, "Elephant", htmx=False)
    assert response.status_code == 302 and response.url == reverse("dynamic:entry", args=["elephant"])
    assert "elephant" in client.get(response.url).content.decode()


def test_a_second_lookup_reads_the_cached_entry(
    look_up, client, alice, bob, no_voice, django_assert_max_num_queries
):
    client.force_login(alice)
    look_up(client, "butterfly")
    client.force_login(bob)
    with django_assert_max_num_queries(12):
        response = look_up(client, "butterfly")
    assert response.status_code == 200
    assert ExplorerEntry.objects.filter(word="butterfly").count() == 1
    assert len(no_voice) == 2  # the two speeds were asked for once, not twice


def test_a_new_word_gets_its_reference_readings_from_a_worker(look_up, client, alice, worker_down):
    """So the first "try saying it" is judged as quickly as a curriculum word's."""
    client.force_login(alice)
    look_up(client, "wombat")
    look_up(client, "wombat")
    assert [args for name, args in worker_down if name == "learning.prepare_word_references"] == [
        (["wombat"],)
    ]


def test_a_picture_whose_licence_asks_for_credit_shows_it(look_up, client, alice, no_voice):
    client.force_login(alice)
    page = look_up(client, "bull").content.decode()
    assert 'src="/static/vendor/pictograms/game-icons/bull.svg"' in page
    assert "Picture: Game Icons (game-icons.net), CC BY 3.0" in page
    assert "CC BY" not in look_up(client, "butterfly").content.decode()


def test_a_word_without_a_picture_gets_a_word_card(look_up, client, alice, no_voice):
    client.force_login(alice)
    page = look_up(client, "because").content.decode()
    assert "Drawing a picture" in page  # the card is drawn after the answer, so the page polls
    entry = ExplorerEntry.objects.get(word="because")
    assert entry.picture_kind == "word_card" and entry.picture_ready  # drawn in-process (eager)
    poll = client.get(reverse("dynamic:picture", args=["because"]), headers=HTMX).content.decode()
    assert reverse("dynamic:picture_file", args=["because"]) in poll
    assert 'alt="The word because on a card, split into syllables"' in poll
    image = client.get(reverse("dynamic:picture_file", args=["because"]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


def test_a_name_gets_a_name_card_and_no_dictionary_meaning(look_up, client, alice, no_voice):
    client.force_login(alice)
    page = look_up(client, "Maria").content.decode()
    entry = ExplorerEntry.objects.get(word="maria")
    assert entry.is_name and entry.picture_kind == "name_card"
    assert "This is a name" in page and ">Maria</h2>" in page
    assert 'data-part="meaning"' not in page


def test_an_unknown_word_shows_its_guessed_sounds(look_up, client, alice, no_voice):
    client.force_login(alice)
    page = look_up(client, "zibbet").content.decode()
    assert "We don't know this word yet" in page
    assert "<span>zib</span><span>bet</span>" in page
    assert ExplorerEntry.objects.get(word="zibbet").picture_kind == "word_card"


def test_a_misspelling_asks_did_you_mean(look_up, client, alice):
    client.force_login(alice)
    response = look_up(client, "elefant")
    page = response.content.decode()
    assert response.status_code == 422
    assert "Did you mean <strong>elephant</strong>?" in page
    assert 'name="word" value="elephant"' in page  # one press looks it up
    assert not ExplorerEntry.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a word first"),
        ("   ", "Type a word first"),
        ("a" * 31, "That is very long"),
        ("big red bus", "One word at a time"),
        ("cat5", "Words are made of letters"),
        ("c@t", "Words are made of letters"),
        ("日本", "Words are made of letters"),
        ("shit", "choose a different word to explore"),
    ],
)
def test_it_answers_bad_input_kindly(look_up, client, alice, typed, message):
    client.force_login(alice)
    for htmx in (True, False):
        response = look_up(client, typed, htmx=htmx)
        assert response.status_code == 422
        assert message in response.content.decode()
    assert not ExplorerEntry.objects.exists()


def test_it_limits_lookups_per_learner(look_up, client, alice, bob, settings, no_voice):
    settings.EXPLORER_LOOKUPS_PER_MINUTE = 2
    client.force_login(alice)
    assert look_up(client, "cat").status_code == 200
    assert look_up(client, "dog").status_code == 200
    response = look_up(client, "fish")
    assert response.status_code == 429 and "a lot of words in a minute" in response.content.decode()
    client.force_login(bob)
    assert look_up(client, "fish").status_code == 200


def test_the_limit_fails_open_when_the_cache_is_down(look_up, client, alice, settings, monkeypatch, no_voice):
    settings.EXPLORER_LOOKUPS_PER_MINUTE = 1

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("django.core.cache.cache.incr", broken)
    client.force_login(alice)
    assert look_up(client, "cat").status_code == 200
    assert look_up(client, "dog").status_code == 200


def test_the_page_works_with_the_worker_down(look_up, client, alice, worker_down):
    client.force_login(alice)
    page = look_up(client, "because").content.decode()
    assert "Drawing a picture" in page and 'hx-trigger="load delay:1s"' in page
    assert {name for name, _ in worker_down} == {
        "dynamic.make_picture",
        "learning.make_speech_clip",
        "learning.prepare_word_references",
    }
    entry = ExplorerEntry.objects.get(word="because")
    ExplorerEntry.objects.filter(pk=entry.pk).update(created_at=entry.created_at.replace(year=2020))
    poll = client.get(reverse("dynamic:picture", args=["because"]), headers=HTMX).content.decode()
    assert "The picture is not ready yet." in poll and "Try again" in poll
    assert 'hx-trigger="load' not in poll  # it stops asking every second
    speech = client.get(reverse("learning:speech", args=["normal", "because"]))
    assert speech.status_code == 503 and "isn't ready yet" in speech.content.decode()
    assert client.get(reverse("dynamic:picture_file", args=["because"])).status_code == 404


def test_explorer_words_are_spoken_and_other_words_are_not(look_up, client, alice, no_voice):
    client.force_login(alice)
    assert client.get(reverse("learning:speech", args=["normal", "butterfly"])).status_code == 404
    look_up(client, "butterfly")
    assert SpeechClip.objects.filter(text="butterfly").count() == 2
    assert (
        client.get(reverse("learning:speech", args=["normal", "butterfly"])).status_code == 503
    )  # not made yet
    assert client.get(reverse("learning:speech", args=["normal", "caterpillar"])).status_code == 404


def test_a_learner_keeps_words_on_their_own_list(
    look_up, client, alice, bob, no_voice, django_assert_max_num_queries
):
    client.force_login(alice)
    for word in ("butterfly", "elephant", "rainbow"):
        look_up(client, word)
        response = client.post(reverse("dynamic:add_word", args=[word]), headers=HTMX)
        assert "On <a" in response.content.decode()
    client.post(reverse("dynamic:add_word", args=["butterfly"]))  # twice is harmless
    assert PracticeWord.objects.filter(learner=alice).count() == 3
    with django_assert_max_num_queries(6):
        page = client.get(reverse("dynamic:my_words")).content.decode()
    assert all(word in page for word in ("butterfly", "elephant", "rainbow"))
    client.force_login(bob)
    assert "butterfly" not in client.get(reverse("dynamic:my_words")).content.decode()
    client.force_login(alice)
    client.post(reverse("dynamic:remove_word", args=["rainbow"]))
    assert PracticeWord.objects.filter(learner=alice).count() == 2


def test_parents_explore_but_keep_no_list_and_record_nothing(look_up, client, paula, alice, no_voice):
    client.force_login(paula)
    page = look_up(client, "butterfly").content.decode()
    assert "butterfly" in page and "Try saying it" not in page and "Add to my practice words" not in page
    assert client.post(reverse("dynamic:add_word", args=["butterfly"])).status_code == 404
    assert client.post(reverse("dynamic:submit_try", args=["butterfly"])).status_code == 404


def test_an_entry_nobody_looked_up_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(reverse("dynamic:entry", args=["walrus"])).status_code == 404
