"""A learner's data can be taken home and deleted, and only by those who may."""

import io
import json
import os
import uuid
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from learning.models import PracticeAttempt, WordProgress
from learning.tests.factories import LevelFactory, WordFactory
from learning.tests.test_rules import say

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_recording(alice):
    word = WordFactory(level=LevelFactory(order=1), text="cat")
    say(alice, word, 85)
    attempt = PracticeAttempt(learner=alice, word=word, client_token=uuid.uuid4(), status="judged")
    attempt.recording.save("r.wav", ContentFile(b"RIFF-alice-says-cat"), save=False)
    attempt.save()
    return attempt


def download(client, learner):
    response = client.get(reverse("progress:export", args=[learner.pk]))
    if response.status_code != 200:
        return response, None
    return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_a_learner_downloads_everything_kept_about_them(client, alice, alices_recording):
    client.force_login(alice)
    response, archive = download(client, alice)
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "alice@example.com"
    assert [w["word"] for w in data["words"]] == ["cat"]
    assert len(data["practice_attempts"]) == 2
    recorded = [a["recording"] for a in data["practice_attempts"] if a["recording"]]
    assert archive.read(recorded[0]) == b"RIFF-alice-says-cat"


def test_a_linked_parent_may_download_it_and_nobody_else(
    client, alice, bob, paula, uma, sam, alices_recording
):
    for who, allowed in ((paula, True), (bob, False), (uma, False), (sam, False)):
        client.force_login(who)
        response, _ = download(client, alice)
        assert response.status_code == (200 if allowed else 404), who
    client.logout()
    assert download(client, alice)[0].status_code == 302


def test_the_export_names_no_other_person(client, alice, paula, alices_recording):
    client.force_login(alice)
    _, archive = download(client, alice)
    text = archive.read("data.json").decode()
    assert "paula" not in text.lower()
    assert json.loads(text)["account"]["followed_by_parents_or_teachers"] == 1


def test_deleting_the_account_takes_everything_with_it(
    client, alice, bob, alices_recording, django_capture_on_commit_callbacks
):
    bobs_word = WordFactory(level=LevelFactory(order=2), text="ship")
    say(bob, bobs_word, 90)
    path = alices_recording.recording.path
    client.force_login(alice)
    assert client.get(reverse("accounts:delete")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not PracticeAttempt.objects.filter(learner_id=alice.pk).exists()
    assert not WordProgress.objects.filter(learner_id=alice.pk).exists()
    assert not os.path.exists(path)
    assert WordProgress.objects.filter(learner=bob).exists()  # nobody else's
    assert client.get(reverse("progress:dashboard")).status_code == 302  # logged out


def test_a_wrong_password_deletes_nothing_and_says_so(client, alice, alices_recording):
    client.force_login(alice)
    response = client.post(reverse("accounts:delete"), {"password": "not it"})
    assert response.status_code == 422
    assert "Nothing was deleted" in response.content.decode().replace("&#x27;", "'")
    assert PracticeAttempt.objects.filter(learner=alice).exists()
