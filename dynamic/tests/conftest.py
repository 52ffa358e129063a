import pytest


@pytest.fixture
def worker_down(monkeypatch):
    """Nothing queued runs: the broker takes the message and no worker ever picks it up."""
    sent = []
    monkeypatch.setattr("dyslexia_site.queue.send", lambda name, *args: sent.append((name, args)))
    return sent


@pytest.fixture
def no_voice(monkeypatch):
    """Speech clips and the judge's reference readings are made elsewhere; these stories are
    about the explorer, not espeak-ng or Whisper. Returns the clips asked for."""
    sent = []
    real_send = __import__("dyslexia_site.queue", fromlist=["send"]).send

    def send(name, *args):
        if name == "learning.make_speech_clip":
            sent.append(args)
            return
        if name == "learning.prepare_word_references":
            return
        real_send(name, *args)

    monkeypatch.setattr("dyslexia_site.queue.send", send)
    return sent


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The lookup allowance lives in the cache; each story starts with a full one."""
    from django.core.cache import cache

    cache.clear()
