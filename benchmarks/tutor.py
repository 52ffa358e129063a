"""The offline tutor on its committed evaluation set (chatbot/data/eval.tsv), against a real database.

    env -u DATABASE_URL -u REDIS_URL .venv/bin/python benchmarks/tutor.py

Builds a throwaway SQLite database with the starter curriculum and three learners whose
histories differ (none, a little, a lot), then sends every message of the evaluation set
(≥ 200, never trained on: misspellings, off-topic requests, injection attempts) through
the real view (POST /chat/ask/, HTMX), as one of the learners in turn. Figures:

- intent accuracy (the classifier's label against the set's);
- word accuracy: "how do I say / what does X mean" found the set's word;
- facts correctness: every figure an answer quotes (mastered words, tries, average
  score, streak, last word and its score) recomputed here with plain queries, and
  found in the answer's text;
- off-topic refusal rate: messages labelled "other" answered with the kind refusal;
- p95 reply time of the view, in ms and as a ratio to a bare Django view
  (HttpResponse("ok")) timed in the same run through the same test client.

The last line printed is one JSON object of the figures.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyslexia_site.settings")
os.environ.setdefault("SECRET_KEY", "benchmark")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402

urlpatterns = [
    path("bare/", lambda request: HttpResponse("ok")),
    path("", include("dyslexia_site.urls")),
]

TARGETS = {"intent_accuracy": 0.90, "facts_correct": 1.0, "refusal_rate": 0.95, "p95_reply_ms": 200}


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def build_world():
    from django.core.files.base import ContentFile
    from django.utils import timezone

    import lexicon
    from accounts.models import User
    from learning.actions import apply_judgement
    from learning.models import Level, LevelUnlock, PracticeAttempt, Word

    levels = json.loads((ROOT / "learning/curriculum/starter.json").read_text())["levels"][:3]
    for entry in levels:
        level = Level.objects.create(
            order=entry["order"], title=entry["title"], focus=entry["focus"], description=entry["description"]
        )
        words = []
        for position, item in enumerate(entry["words"]):
            info = lexicon.lookup(item["text"])
            words.append(
                Word(
                    level=level,
                    text=item["text"],
                    position=position,
                    phonemes=" ".join(info.phonemes),
                    sound_spelling=info.sound_spelling,
                    syllables=list(info.syllables),
                    synonyms=list(info.synonyms),
                    example_sentence=item.get("sentence", ""),
                )
            )
        Word.objects.bulk_create(words)
    learners = [
        User.objects.create_user(f"learner{i}@example.com", "pw", display_name=f"Learner {i}", role="learner")
        for i in range(3)
    ]
    rng = __import__("random").Random(17)
    for index, learner in enumerate(learners):
        if index == 2:
            LevelUnlock.objects.create(learner=learner, level=Level.objects.get(order=2))
        words = list(
            Word.objects.filter(level__order__lte=1 + (index == 2)).order_by("level__order", "position")
        )
        for _ in range([0, 6, 40][index]):
            word = rng.choice(words[:12])
            attempt = PracticeAttempt(learner=learner, word=word, practice_seconds=5)
            attempt.client_token = uuid.uuid4()
            attempt.recording_sha256 = attempt.client_token.hex
            attempt.recording.save("r.wav", ContentFile(uuid.uuid4().bytes), save=False)
            attempt.save()
            verdict = rng.choice(["correct", "correct", "not_quite", "unclear"])
            score = {"correct": rng.randint(70, 100), "not_quite": rng.randint(10, 69), "unclear": 0}[verdict]
            wrong = (
                [] if verdict != "not_quite" else [{"kind": "missing", "position": "end", "expected": "T"}]
            )
            judgement = __import__("types").SimpleNamespace(
                verdict=verdict,
                score=score,
                transcript="",
                feedback="Nearly!",
                heard_as="",
                wrong_sounds=wrong,
                engine="benchmark",
                seconds=0.1,
            )
            apply_judgement(attempt.pk, judgement)
        PracticeAttempt.objects.filter(learner=learner).update(
            created_at=timezone.now(), judged_at=timezone.now()
        )
    return learners


def true_facts(learner) -> dict:
    """The same figures, recomputed here from the tables with plain queries."""
    from django.db.models import Avg

    from learning.models import LevelUnlock, PracticeAttempt, WordProgress

    counted = PracticeAttempt.objects.filter(learner=learner, status="judged").exclude(verdict="unclear")
    average = counted.aggregate(a=Avg("score"))["a"]
    last = (
        PracticeAttempt.objects.filter(learner=learner, status="judged")
        .select_related("word")
        .order_by("-judged_at", "-pk")
        .first()
    )
    unlocked = LevelUnlock.objects.filter(learner=learner).values_list("level__order", flat=True)
    return {
        "words_mastered": WordProgress.objects.filter(
            learner=learner, first_mastered_at__isnull=False
        ).count(),
        "total_attempts": counted.count(),
        "average_score": None if average is None else round(average),
        "streak_days": 1 if counted.exists() else 0,  # every attempt here was made today
        "level": max([1, *unlocked]),
        "word": last.word.text if last else None,
        "score": last.score if last else None,
    }


QUOTED = ("words_mastered", "total_attempts", "average_score", "streak_days", "level", "word", "score")


def main():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from chatbot import intents
    from chatbot.models import Message

    setup_test_environment()
    settings.ROOT_URLCONF = __name__
    settings.CHAT_RATE_LIMIT = "1000000/m"
    settings.CHAT_BASE_URL = ""  # the offline tutor
    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="tutor-benchmark-")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    learners = build_world()
    truth = {learner.pk: true_facts(learner) for learner in learners}
    clients = []
    for learner in learners:
        client = Client()
        client.force_login(learner)
        clients.append(client)

    # Warm up: the classifier trains and the word list loads once per process.
    clients[0].post("/chat/ask/", {"text": "how do i say cat"}, headers={"HX-Request": "true"})
    clients[0].get("/bare/")
    Message.objects.all().delete()

    rows = intents.evaluation_examples()
    per_intent: dict[str, list[int]] = {}
    reply_seconds, bare_seconds = [], []
    right = word_right = word_total = refused = other_total = 0
    facts_total = facts_right = 0
    wrong_examples, wrong_facts = [], []
    for index, (label, text, expected_word) in enumerate(rows):
        learner, client = learners[index % 3], clients[index % 3]
        started = time.perf_counter()
        response = client.post("/chat/ask/", {"text": text}, headers={"HX-Request": "true"})
        reply_seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        client.get("/bare/")
        bare_seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (text, response.status_code)
        question, answer = Message.objects.filter(conversation__learner=learner).order_by("-pk")[:2][::-1]
        ok = question.intent == label or (label == "other" and question.intent == "rude")
        right += ok
        per_intent.setdefault(label, []).append(int(ok))
        if not ok:
            wrong_examples.append(f"{label} -> {question.intent}: {text}")
        if label in ("say", "meaning") and expected_word:
            word_total += 1
            word_right += answer.word == expected_word
        if label == "other":
            other_total += 1
            refused += answer.intent in ("other", "rude")
        for key in QUOTED:
            if key in answer.facts and answer.facts[key] is not None:
                facts_total += 1
                value = answer.facts[key]
                good = value == truth[learner.pk][key] and str(value) in answer.text
                facts_right += good
                if not good:
                    wrong_facts.append(f"{key}={value} (true {truth[learner.pk][key]}): {answer.text}")

    p95 = percentile(reply_seconds, 0.95)
    bare_p95 = percentile(bare_seconds, 0.95)
    figures = {
        "messages": len(rows),
        "intent_accuracy": round(right / len(rows), 4),
        "word_accuracy": round(word_right / word_total, 4),
        "facts_quoted": facts_total,
        "facts_correct": round(facts_right / facts_total, 4) if facts_total else None,
        "refusal_rate": round(refused / other_total, 4),
        "p95_reply_ms": round(p95 * 1000, 1),
        "median_reply_ms": round(statistics.median(reply_seconds) * 1000, 1),
        "p95_bare_view_ms": round(bare_p95 * 1000, 2),
        "p95_reply_ratio_to_bare_view": round(p95 / bare_p95, 1),
    }

    print(f"Tutor benchmark: {len(rows)} evaluation messages, offline tutor, real view and database\n")
    print(f"{'intent':<10} {'messages':>8} {'accuracy':>9}")
    for label in intents.INTENTS:
        marks = per_intent.get(label, [])
        if marks:
            print(f"{label:<10} {len(marks):>8} {sum(marks) / len(marks):>9.1%}")
    print()
    print(f"{'figure':<30} {'value':>10} {'target':>10}")
    for key, value in figures.items():
        target = TARGETS.get(key, "")
        print(f"{key:<30} {value!s:>10} {target!s:>10}")
    print("\nMisclassified:")
    for line in wrong_examples:
        print("  " + line)
    print("\nFacts not right:" if wrong_facts else "\nEvery quoted fact is right.")
    for line in sorted(set(wrong_facts)):
        print("  " + line)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
