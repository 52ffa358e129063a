"""'Try saying it': the explorer's recordings go through the one recording pipeline."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dynamic import actions, rules
from dynamic.models import ExplorerEntry, ExplorerTry, PracticeWord
from learning import recordings
from mocktest.tests.sittings import judged

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def butterfly(no_voice):
    return actions.explore_word(rules.check_input("butterfly")).entry


def say(client, word, audio, *, token=None, htmx=True):
    data = {
        "recording": SimpleUploadedFile("recording.wav", audio, content_type="audio/wav"),
        "client_token": str(token or uuid.uuid4()),
    }
    return client.post(reverse("dynamic:submit_try", args=[word]), data, headers=HTMX if htmx else {})


def test_the_explorer_try_is_a_judged_recording_with_its_own_task():
    assert issubclass(ExplorerTry, recordings.JudgedRecording)
    assert ExplorerTry in recordings.judged_recording_models()
    assert ExplorerTry.JUDGE_TASK in {task.name for task in recordings.judge_tasks()}


def test_with_the_worker_down_the_try_waits_and_the_page_polls(
    client, alice, butterfly, spoken, worker_down, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = say(client, "butterfly", spoken("butterfly", tail=0.3))
    page = response.content.decode()
    attempt = ExplorerTry.objects.get()
    assert attempt.is_pending and attempt.has_recording and attempt.learner == alice
    assert "Listening to your recording" in page and attempt.get_absolute_url() in page
    assert worker_down == [(ExplorerTry.JUDGE_TASK, (attempt.pk,))]
    # A worker that comes back judges it; the poll shows the verdict.
    actions.apply_try_judgement(attempt.pk, judged("correct", score=92))
    poll = client.get(attempt.get_absolute_url(), headers=HTMX).content.decode()
    assert "Well said!" in poll and "Score: 92 out of 100" in poll


def test_the_judge_task_scores_a_spoken_word(
    client, alice, butterfly, spoken, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("speech.judge_audio", lambda data, target, **kwargs: judged("not_quite", score=55))
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        say(client, "butterfly", spoken("butterfly", tail=0.3))
    attempt = ExplorerTry.objects.get()
    assert attempt.is_judged and attempt.score == 55 and attempt.verdict == "not_quite"
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Not quite yet." in page


def test_a_silent_or_empty_recording_is_refused_kindly(client, alice, butterfly):
    client.force_login(alice)
    response = say(client, "butterfly", b"")
    assert response.status_code == 422 and "We didn" in response.content.decode()
    assert not ExplorerTry.objects.exists()


def test_the_same_form_sent_twice_makes_one_try(client, alice, butterfly, spoken, worker_down):
    client.force_login(alice)
    token = uuid.uuid4()
    say(client, "butterfly", spoken("butterfly", tail=0.3), token=token)
    say(client, "butterfly", spoken("butterfly", tail=0.3), token=token, htmx=False)
    assert ExplorerTry.objects.count() == 1


def test_only_the_learner_sees_their_try(client, alice, bob, paula, butterfly, spoken, worker_down):
    client.force_login(alice)
    say(client, "butterfly", spoken("butterfly", tail=0.3))
    url = ExplorerTry.objects.get().get_absolute_url()
    for other in (bob, paula):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_a_learners_list_shows_their_best_score(client, alice, butterfly, django_assert_max_num_queries):
    PracticeWord.objects.create(learner=alice, entry=butterfly)
    for score in (40, 85):
        attempt = ExplorerTry.objects.create(learner=alice, entry=butterfly, client_token=uuid.uuid4())
        actions.apply_try_judgement(attempt.pk, judged("correct", score=score))
    client.force_login(alice)
    page = client.get(reverse("dynamic:my_words")).content.decode()
    assert "Best score: 85" in page


def test_deleting_an_entry_takes_its_tries_and_list_places(alice, butterfly):
    PracticeWord.objects.create(learner=alice, entry=butterfly)
    ExplorerTry.objects.create(learner=alice, entry=butterfly, client_token=uuid.uuid4())
    ExplorerEntry.objects.all().delete()
    assert not ExplorerTry.objects.exists() and not PracticeWord.objects.exists()


@pytest.mark.slow
def test_the_speech_engine_judges_an_explorer_try(
    client, alice, butterfly, spoken, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        say(client, "butterfly", spoken("butterfly", lead=0.3, tail=0.5))
    attempt = ExplorerTry.objects.get()
    assert attempt.is_judged and attempt.engine
    assert attempt.verdict in {"correct", "not_quite", "unclear"}
