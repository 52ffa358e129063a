"""The learner's daily path through the pages, with the cast."""

import html
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import PracticeAttempt
from learning.tests.factories import LevelFactory, WordFactory
from learning.tests.test_rules import master, say

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_one():
    level = LevelFactory(order=1, title="Short a")
    for position, text in enumerate(["cat", "map", "bag", "hat", "van"]):
        WordFactory(
            level=level, text=text, position=position, syllables=[text], sound_spelling="-".join(text)
        )
    return level


@pytest.fixture
def level_two():
    level = LevelFactory(order=2, title="Digraphs")
    WordFactory(level=level, text="ship")
    return level


@pytest.fixture
def cat(level_one):
    return level_one.words.get(text="cat")


def _post(client, word, audio: bytes, name="recording.wav", token=None, htmx=False):
    data = {
        "recording": SimpleUploadedFile(name, audio, content_type="audio/wav"),
        "client_token": str(token or uuid.uuid4()),
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("learning:submit_attempt", args=[word.pk]), data, headers=headers)


def test_it_sends_anonymous_visitors_to_log_in(client, level_one):
    for url in (reverse("learning:levels"), reverse("learning:level", args=[1])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_it_lists_levels_with_their_state(client, alice, level_one, level_two):
    client.force_login(alice)
    page = client.get(reverse("learning:levels")).content.decode()
    assert "Level 1" in page and "Short a" in page
    assert "0 of 5 words mastered" in page
    assert "Locked." in page and "Pass the test of level 1 to open it." in page


def test_it_shows_the_mock_test_is_open_at_80_percent(client, alice, level_one):
    master(alice, level_one, 4)
    client.force_login(alice)
    page = client.get(reverse("learning:levels")).content.decode()
    assert "4 of 5 words mastered (80%)" in page
    assert "The test for this level is open." in page


def test_it_lists_levels_in_constant_queries(client, alice, django_assert_max_num_queries):
    for order in range(1, 11):
        level = LevelFactory(order=order)
        WordFactory(level=level, text=f"word{order}")
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("learning:levels"))
    assert response.status_code == 200


def test_it_shows_a_level_in_constant_queries(client, alice, level_one, django_assert_max_num_queries):
    for i in range(30):
        WordFactory(level=level_one, text=f"extra{i}", position=10 + i)
    master(alice, level_one, 3)
    client.force_login(alice)
    with django_assert_max_num_queries(12):  # + the recommender: words, open levels, attempts
        page = client.get(reverse("learning:level", args=[1])).content.decode()
    assert page.count('<li class="word-card') == 35
    assert "Practise next: hat" in page


def test_a_learner_cannot_open_a_locked_level_or_its_words(client, alice, level_one, level_two):
    client.force_login(alice)
    assert client.get(reverse("learning:level", args=[2])).status_code == 404
    ship = level_two.words.get()
    assert client.get(reverse("learning:practice", args=[ship.pk])).status_code == 404
    assert _post(client, ship, b"RIFF").status_code == 404


def test_an_unlocked_level_opens(client, alice, level_one, level_two):
    from learning.actions import unlock_next_level

    unlock_next_level(learner=alice, level=level_one)
    client.force_login(alice)
    assert client.get(reverse("learning:level", args=[2])).status_code == 200


def test_the_practice_page_shows_everything_about_the_word(client, alice, level_one):
    word = WordFactory(
        level=level_one,
        text="rabbit",
        phonemes="R AE1 B IH0 T",
        syllables=["rab", "bit"],
        sound_spelling="r-a-b · b-i-t",
        synonyms=["bunny", "hare"],
        example_sentence="The rabbit hops.",
    )
    client.force_login(alice)
    page = client.get(reverse("learning:practice", args=[word.pk])).content.decode()
    # the word's own letters, one group per sound, to light up while it is spoken
    chunks = re.findall(r'<span class="sound-chunk" data-sound="([^"]*)">([^<]*)</span>', page)
    assert chunks == [("r", "r"), ("a", "a"), ("b", "bb"), ("i", "i"), ("t", "t")]  # (sound, letters)
    assert "<span>rab</span><span>bit</span>" in page
    assert "r-a-b · b-i-t" in page
    assert "bunny, hare" in page
    assert "The rabbit hops." in page
    assert 'name="recording"' in page and 'name="client_token"' in page


@pytest.mark.parametrize(
    ("audio", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "picture.webm", "That file isn't a recording we can play."),
        (b"", "empty.wav", "We didn't get a recording."),
    ],
)
def test_it_turns_away_a_bad_upload_kindly_and_stores_nothing(client, alice, cat, audio, name, message):
    client.force_login(alice)
    response = _post(client, cat, audio, name=name, htmx=True)
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#recorder-slot"
    assert message in html.unescape(response.content.decode())
    assert not PracticeAttempt.objects.exists()


def test_it_turns_away_a_silent_recording(client, alice, cat):
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as silent:
        silent.setnchannels(1)
        silent.setsampwidth(2)
        silent.setframerate(16000)
        silent.writeframes(b"\0\0" * 16000)
    client.force_login(alice)
    response = _post(client, cat, buffer.getvalue())
    assert response.status_code == 422
    assert "We couldn't hear anything" in html.unescape(response.content.decode())


def test_another_learners_attempt_is_hidden(client, alice, bob, cat):
    outcome = say(alice, cat, 90)
    client.force_login(bob)
    assert client.get(outcome.attempt.get_absolute_url()).status_code == 404
    assert client.get(reverse("learning:attempt_recording", args=[outcome.attempt.pk])).status_code == 404


def test_an_unlinked_parent_cannot_hear_a_learners_recording(client, alice, uma, cat):
    outcome = say(alice, cat, 90)
    client.force_login(uma)
    assert client.get(reverse("learning:attempt_recording", args=[outcome.attempt.pk])).status_code == 404


def test_the_history_lists_only_my_tries(client, alice, bob, cat, django_assert_max_num_queries):
    for score in (40, 80, 55, 72, 30):
        say(alice, cat, score)
    say(bob, cat, 10)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("learning:history", args=[cat.pk])).content.decode()
    assert page.count("<tr>") == 6  # header + five tries
    assert "Best score 80" in page


def test_sending_the_same_recording_twice_makes_one_attempt(client, alice, cat, spoken):
    client.force_login(alice)
    token = uuid.uuid4()
    first = _post(client, cat, spoken("cat"), token=token)
    second = _post(client, cat, spoken("cat"), token=token)
    assert PracticeAttempt.objects.filter(learner=alice).count() == 1
    assert first.url == second.url == PracticeAttempt.objects.get().get_absolute_url()


def test_the_same_recording_from_a_second_tab_makes_one_attempt(client, alice, cat, spoken):
    client.force_login(alice)
    _post(client, cat, spoken("cat"))
    _post(client, cat, spoken("cat"), htmx=True)
    assert PracticeAttempt.objects.filter(learner=alice).count() == 1
