"""The durable store of the judge's reference readings: a table, passed into the speech
package (which never imports the app) when the app starts."""

import math

from speech.references import CacheStore, ReferenceStore

from .models import ReferenceReading


def _to_json(scores: dict[str, float]) -> dict[str, float | None]:
    # JSON (and PostgreSQL's jsonb) has no infinity: a word the recogniser cannot spell is null.
    return {word: (None if value == -math.inf else float(value)) for word, value in scores.items()}


def _from_json(scores: dict) -> dict[str, float]:
    return {word: (-math.inf if value is None else float(value)) for word, value in scores.items()}


class DatabaseReferenceStore(ReferenceStore):
    """The table is the record; the shared cache in front of it saves a query per judgement."""

    def __init__(self):
        self.cache = CacheStore()

    def load(self, engine, voice, words):
        found = self.cache.load(engine, voice, words)
        missing = [word for word in words if word not in found]
        if missing:
            rows = ReferenceReading.objects.filter(engine=engine, voice=voice, word__in=missing)
            for row in rows:
                found[row.word] = _from_json(row.scores)
                self.cache.save(engine, voice, row.word, found[row.word])
        return found

    def save(self, engine, voice, word, scores):
        ReferenceReading.objects.update_or_create(
            engine=engine, voice=voice, word=word, defaults={"scores": _to_json(scores)}
        )
        self.cache.save(engine, voice, word, scores)
