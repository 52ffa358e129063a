"""Explorer lookup of an uncached word, as a ratio to a bare Django view in the same run.

    .venv/bin/python benchmarks/explorer_lookup.py [--words 200]

Everything but text-to-speech and the picture render (those are queued for a worker;
here the queue only records them): the POST, input checks, the lexicon, the picture
match, the difficulty model, advice, the database row and the rendered page. Each word
is looked up once (uncached); a second pass over the same words measures the cached
lookup. The bare view is a function returning "ok" through the same middleware, client
and database. Target (issue 16): p95 < 300 ms. The last line printed is one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyslexia_site.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(count: int) -> dict:
    import django
    from django.conf import settings

    folder = tempfile.mkdtemp(prefix="explorer-bench-")
    django.setup()
    settings.DATABASES["default"]["NAME"] = str(Path(folder) / "bench.sqlite3")
    settings.MEDIA_ROOT = folder
    settings.EXPLORER_LOOKUPS_PER_MINUTE = 10**6
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    import dyslexia_site.urls as site_urls
    from accounts.models import User
    from dyslexia_site import queue

    call_command("migrate", verbosity=0)
    queued = []
    queue.send = lambda name, *args: queued.append(name)  # TTS and pictures: a worker's job

    def bare(request):
        return HttpResponse("ok")

    module = type(sys)("bench_urls")
    module.urlpatterns = [path("bare/", bare), *site_urls.urlpatterns]
    sys.modules["bench_urls"] = module

    lines = (ROOT / "benchmarks" / "data" / "concrete_nouns.txt").read_text().splitlines()
    words = [w for w in lines if w and not w.startswith("#")][: count + 10]
    warm, measured = words[:10], words[10:]
    learner = User.objects.create_user(email="bench@example.com", password="x", role=User.Role.LEARNER)
    client = Client()
    client.force_login(learner)
    timings = {"bare view": [], "lookup, uncached": [], "lookup, cached": []}
    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ROOT_URLCONF="bench_urls", STORAGES=plain_static):
        for word in warm:  # loads the lexicon, WordNet, the model and the vocabulary once
            client.post("/explore/look-up/", {"word": word}, headers={"HX-Request": "true"})
            client.get("/bare/")
        for word in measured:
            start = time.perf_counter()
            client.get("/bare/")
            timings["bare view"].append(time.perf_counter() - start)
            start = time.perf_counter()
            response = client.post("/explore/look-up/", {"word": word}, headers={"HX-Request": "true"})
            timings["lookup, uncached"].append(time.perf_counter() - start)
            assert response.status_code in (200, 422), (word, response.status_code)
        for word in measured:
            start = time.perf_counter()
            client.post("/explore/look-up/", {"word": word}, headers={"HX-Request": "true"})
            timings["lookup, cached"].append(time.perf_counter() - start)
    baseline = p95(timings["bare view"])
    print(f"{len(measured)} words, each looked up uncached then cached; ms")
    print(f"{'request':18} {'median':>8} {'p95':>8} {'p95 ÷ bare':>11}")
    for name, values in timings.items():
        ms = [1000 * v for v in values]
        print(f"{name:18} {statistics.median(ms):8.1f} {p95(ms):8.1f} {p95(values) / baseline:11.1f}")
    summary = {
        "words": len(measured),
        "lookup_p95_ms": round(1000 * p95(timings["lookup, uncached"]), 1),
        "lookup_p95_ratio_to_bare_view": round(p95(timings["lookup, uncached"]) / baseline, 1),
        "cached_lookup_p95_ms": round(1000 * p95(timings["lookup, cached"]), 1),
        "cached_lookup_p95_ratio_to_bare_view": round(p95(timings["lookup, cached"]) / baseline, 1),
        "bare_view_p95_ms": round(1000 * baseline, 2),
        "queued_for_worker": len(queued),
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=200)
    main(parser.parse_args().words)
