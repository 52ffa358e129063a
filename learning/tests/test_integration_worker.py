"""Curation work through the real stack: PostgreSQL, Redis and a Celery worker process."""

import time

import pytest

from learning.models import Word
from learning.tasks import fill_missing_word_details
from learning.tests.factories import LevelFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_fills_word_details_and_saves_them_in_postgresql(celery_worker_process):
    level = LevelFactory(order=1)
    words = [Word.objects.create(level=level, text=text) for text in ("ship", "butterfly", "chip")]

    result = fill_missing_word_details.delay([word.pk for word in words])

    assert result.get(timeout=60) == 3
    assert _wait_for(lambda: not Word.objects.filter(phonemes="").exists())
    assert Word.objects.get(text="ship").phonemes == "SH IH P"
    assert len(Word.objects.get(text="butterfly").syllables) == 3


def test_running_the_same_task_twice_changes_nothing_more(celery_worker_process):
    level = LevelFactory(order=1)
    word = Word.objects.create(level=level, text="ship")
    assert fill_missing_word_details.delay([word.pk]).get(timeout=60) == 1
    assert fill_missing_word_details.delay([word.pk]).get(timeout=60) == 0
