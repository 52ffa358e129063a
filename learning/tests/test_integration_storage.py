"""Scaled out: the web side and the worker share no disk, only object storage.

`make integration` gives the web side and the worker different MEDIA_ROOTs and an
S3-compatible server on loopback, so any code path that reaches for a local file
instead of the storage API fails here.
"""

import os
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import PracticeAttempt
from learning.tests.factories import LevelFactory, WordFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_recording_goes_through_object_storage_to_a_worker_on_another_disk(
    client, alice, spoken, celery_worker_process, object_storage
):
    assert object_storage is not None, "run the integration tier with `make integration`"
    assert os.environ["WORKER_MEDIA_ROOT"] != str(settings.MEDIA_ROOT)
    word = WordFactory(level=LevelFactory(order=1), text="ship")
    client.force_login(alice)
    client.post(
        reverse("learning:submit_attempt", args=[word.pk]),
        {
            "recording": SimpleUploadedFile("ship.wav", spoken("ship"), content_type="audio/wav"),
            "client_token": str(uuid.uuid4()),
        },
    )
    attempt = PracticeAttempt.objects.get(learner=alice)

    # The file is an object in the bucket, on neither host's disk.
    key = f"recordings/{attempt.recording.name}"
    head = object_storage.head_object(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=key)
    assert head["ContentLength"] > 1000
    for root in (settings.MEDIA_ROOT, os.environ["WORKER_MEDIA_ROOT"]):
        assert not any(files for _, _, files in os.walk(root)), root

    deadline = time.monotonic() + 120
    while PracticeAttempt.objects.get(pk=attempt.pk).is_pending and time.monotonic() < deadline:
        time.sleep(0.3)
    attempt.refresh_from_db()
    assert attempt.status == "judged", attempt.error_message  # the worker read it from the bucket

    # Listening back: after the access check, a short-lived presigned URL to the private object.
    response = client.get(reverse("learning:attempt_recording", args=[attempt.pk]))
    assert response.status_code == 302
    assert "Signature=" in response["Location"] or "X-Amz-Signature=" in response["Location"]
    with urllib.request.urlopen(response["Location"], timeout=10) as presigned:
        assert presigned.read()[:4] == b"RIFF"
    unsigned = response["Location"].split("?")[0]
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(unsigned, timeout=10)


def test_another_learner_gets_no_presigned_url(client, bob, alice, object_storage):
    word = WordFactory(level=LevelFactory(order=1), text="fish")
    attempt = PracticeAttempt(learner=alice, word=word, client_token=uuid.uuid4(), status="judged")
    attempt.recording.save("r.wav", ContentFile(b"RIFF-alice"), save=False)
    attempt.save()
    client.force_login(bob)
    assert client.get(reverse("learning:attempt_recording", args=[attempt.pk])).status_code == 404
