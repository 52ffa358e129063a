"""The tutor's stories: Alice practises level 1 and asks the tutor; Bob must never see her chats."""

import pytest

from learning.tests.factories import LevelFactory, WordFactory


@pytest.fixture
def level_one(db):
    level = LevelFactory(order=1, title="Short a")
    for position, (text, sounds, syllables) in enumerate(
        [
            ("cat", "c-a-t", ["cat"]),
            ("map", "m-a-p", ["map"]),
            ("elephant", "e-l-e-ph-a-n-t", ["el", "e", "phant"]),
            ("rabbit", "r-a-bb-i-t", ["rab", "bit"]),
        ]
    ):
        WordFactory(level=level, text=text, position=position, sound_spelling=sounds, syllables=syllables)
    return level


@pytest.fixture
def ask(client):
    """ask(user, text, word="") -> the HTMX response to a typed question."""

    def send(user, text, word="", panel=False):
        client.force_login(user)
        data = {"text": text, "word": word}
        if panel:
            data["panel"] = "True"
        return client.post("/chat/ask/", data, headers={"HX-Request": "true"})

    return send


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The cast's ids repeat from test to test: counts must not carry over.
    from django.core.cache import cache

    cache.clear()
