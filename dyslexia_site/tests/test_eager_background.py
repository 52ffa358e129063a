"""The embedded site (no broker) runs slow preparation on a background thread, not in the request."""

import threading

import pytest
from django.urls import reverse

from dyslexia_site import queue
from speech import references

pytestmark = pytest.mark.django_db


@pytest.fixture
def slow_references(monkeypatch, settings):
    """Making a new word's references takes as long as the test says (it is ~10 s for real)."""
    settings.EAGER_IN_BACKGROUND = ["learning.prepare_word_references"]
    release, made = threading.Event(), []

    def prepare(text, recogniser=None):
        release.wait(10)
        made.append(text)

    monkeypatch.setattr(references, "prepare", prepare)
    yield release, made
    release.set()
    assert queue.wait_for_background(10)


def test_a_new_words_references_are_made_after_the_explorer_answers(
    client, alice, slow_references, django_capture_on_commit_callbacks, monkeypatch
):
    release, made = slow_references
    monkeypatch.setattr("dynamic.actions.request_clips", lambda text: [])  # clips are another story
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dynamic:lookup"), {"word": "quokka"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert made == []  # the answer did not wait for them: they are still being made
    release.set()
    assert queue.wait_for_background(10) and made == ["quokka"]


def test_a_failing_background_task_is_logged_and_the_next_one_still_runs(settings, monkeypatch, caplog):
    settings.EAGER_IN_BACKGROUND = ["learning.prepare_word_references"]
    calls = []

    def prepare(text, recogniser=None):
        calls.append(text)
        if text == "boom":
            raise RuntimeError("espeak-ng crashed")

    monkeypatch.setattr(references, "prepare", prepare)
    assert queue.send("learning.prepare_word_references", ["boom"])
    assert queue.send("learning.prepare_word_references", ["cat"])
    assert queue.wait_for_background(10)
    assert calls == ["boom", "cat"]
    assert "Background task learning.prepare_word_references" in caplog.text


def test_tasks_not_listed_still_run_inside_the_request(settings, monkeypatch):
    settings.EAGER_IN_BACKGROUND = ["learning.make_speech_clip"]
    ran = []
    monkeypatch.setattr(references, "prepare", lambda text, recogniser=None: ran.append(text))
    queue.send("learning.prepare_word_references", ["cat"])
    assert ran == ["cat"]  # inline: done before send returns
