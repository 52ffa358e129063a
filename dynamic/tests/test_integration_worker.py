"""The explorer through the real stack: PostgreSQL, Redis and a Celery worker process."""

import time
import urllib.request
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dynamic.models import ExplorerEntry, ExplorerTry

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_draws_the_card_and_judges_the_try(client, alice, spoken, celery_worker_process):
    client.force_login(alice)
    response = client.post(reverse("dynamic:lookup"), {"word": "because"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Drawing a picture" in response.content.decode()
    assert _wait_for(lambda: ExplorerEntry.objects.get(word="because").picture_ready)
    image = client.get(reverse("dynamic:picture_file", args=["because"]))
    # The worker drew it into object storage: the page hands out a short-lived presigned URL.
    assert image.status_code == 302 and "Signature=" in image["Location"]
    with urllib.request.urlopen(image["Location"], timeout=10) as presigned:
        assert presigned.read().startswith(b"\x89PNG")

    client.post(
        reverse("dynamic:submit_try", args=["because"]),
        {
            "recording": SimpleUploadedFile(
                "because.wav", spoken("because", tail=0.3), content_type="audio/wav"
            ),
            "client_token": str(uuid.uuid4()),
        },
    )
    attempt = ExplorerTry.objects.get(learner=alice)
    assert _wait_for(lambda: ExplorerTry.objects.get(pk=attempt.pk).is_judged, seconds=120)
    assert ExplorerTry.objects.get(pk=attempt.pk).engine
