"""Load on the full stack, on loopback only: gunicorn + PostgreSQL + Redis + Celery workers.

    .venv/bin/python benchmarks/load.py                          # 50 learners, 60 s, 1 worker process
    .venv/bin/python benchmarks/load.py --learners 10 --seconds 30 --workers 2

Simulated learners (threads, each with its own logged-in session) browse the levels
page, a level, a word's practice page, play the word, send a recording (espeak-ng
readings made here) and poll for the verdict, then think until the next word; each
says one word every ``--every`` seconds. Bounded in time and count; every request goes
to 127.0.0.1.

Printed: per page req/s and p50/p95/p99 latency, errors, judgements per second per
worker process, the delay from upload to verdict (p50/p95), each also as a ratio to
two baselines measured in the same run: ``/healthz`` served alone, and a plain Whisper
tiny.en transcription of the same clip in this process. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE = "deh_load"


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def environment(args, folder: Path) -> dict:
    env = dict(os.environ)
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(name, None)
    env.update(
        SECRET_KEY="load-benchmark-only",
        DEBUG="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL="redis://127.0.0.1:6379/13",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        UPLOAD_RATE_LIMIT="1000/m",
        AUDIO_RATE_LIMIT="10000/m",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="60",
        SPEECH_BUSY_ENGINE=args.busy_engine,
        SPEECH_BUSY_AFTER_SECONDS=str(args.busy_after),
    )
    return env


def fresh_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def manage(env, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.5)
    raise SystemExit(f"{what} did not come up within {seconds} s")


def espeak_wav(word: str, folder: Path) -> bytes:
    path = folder / f"{word}.wav"
    if not path.exists():
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(path), word], check=True, timeout=30)
    return path.read_bytes()


def whisper_baseline(clip: bytes, runs: int = 8) -> float:
    """Seconds for a plain Whisper tiny.en transcription of one clip (model loaded once)."""
    import io

    from faster_whisper import WhisperModel

    sys.path.insert(0, str(ROOT))
    from speech.model_files import whisper_model_dir

    model = WhisperModel(str(whisper_model_dir("tiny.en")), device="cpu", compute_type="int8", cpu_threads=2)
    list(model.transcribe(io.BytesIO(clip), language="en", beam_size=1)[0])  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        list(model.transcribe(io.BytesIO(clip), language="en", beam_size=1)[0])
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def healthz_baseline(base: str, seconds: float = 5.0, threads: int = 8) -> tuple[float, float]:
    """(requests per second, p95 seconds) of /healthz served alone."""
    latencies, stop = [], time.monotonic() + seconds
    lock = threading.Lock()

    def hammer():
        session = requests.Session()
        while time.monotonic() < stop:
            started = time.perf_counter()
            session.get(f"{base}/healthz", timeout=10)
            with lock:
                latencies.append(time.perf_counter() - started)

    pool = [threading.Thread(target=hammer) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(latencies) / seconds, percentile(latencies, 0.95)


def busy_judged(engines: Counter, busy_engine: str) -> int:
    """How many verdicts the busy engine gave (``whisper`` is tiny.en alone: "whisper-tiny.en")."""
    if not busy_engine:
        return 0
    from speech.recognisers import get_engine

    name = get_engine(busy_engine).name
    return engines.get(name, 0)


class Learner(threading.Thread):
    """One simulated learner: a word every `every` seconds until `stop`."""

    def __init__(self, base, session_key, words, clips, every, stop, results):
        super().__init__(daemon=True)
        self.base, self.words, self.clips, self.every, self.stop, self.results = (
            base, words, clips, every, stop, results,
        )  # fmt: skip
        self.http = requests.Session()
        self.http.cookies.set("sessionid", session_key, domain="127.0.0.1")

    def get(self, page, url, **kwargs):
        return self.request(page, "get", url, **kwargs)

    def request(self, page, method, url, **kwargs):
        started = time.perf_counter()
        try:
            response = getattr(self.http, method)(
                self.base + url, timeout=30, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            self.results.error(page, str(error))
            return None
        self.results.timing(page, time.perf_counter() - started)
        if response.status_code >= 400 and not (page == "audio" and response.status_code == 503):
            self.results.error(page, f"{response.status_code} {url}")
        return response

    def run(self):
        index = 0
        while time.monotonic() < self.stop:
            began = time.monotonic()
            word_id, text = self.words[index % len(self.words)]
            index += 1
            self.get("levels", "/learn/")
            self.get("level", "/learn/levels/1/")
            page = self.get("practice", f"/learn/words/{word_id}/")
            self.get("audio", f"/learn/speech/normal/{text}/")
            if page is None or page.status_code != 200:
                continue
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            opened = re.search(r'name="opened" value="([^"]*)"', page.text)
            sent = self.request(
                "send",
                "post",
                f"/learn/words/{word_id}/attempts/",
                data={
                    "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
                    "client_token": str(uuid.uuid4()),
                    "opened": opened.group(1) if opened else "",
                },
                files={"recording": (f"{text}.wav", self.clips[text], "audio/wav")},
                headers={"Referer": self.base + f"/learn/words/{word_id}/"},
            )
            if sent is not None and sent.status_code == 302:
                attempt_url = sent.headers["Location"]
                while time.monotonic() < self.stop + 60:
                    polled = self.get("result", attempt_url, headers={"HX-Request": "true"})
                    if (
                        polled is None
                        or 'data-result="' in polled.text
                        or "result-pending" not in polled.text
                    ):
                        break
                    # Wait as long as the page tells the browser to (hx-trigger's delay).
                    delay = re.search(r'hx-trigger="load delay:(\d+)s"', polled.text)
                    time.sleep(float(delay.group(1)) if delay else 1.0)
            time.sleep(max(0.0, self.every - (time.monotonic() - began)))


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = defaultdict(list)
        self.errors = defaultdict(list)

    def timing(self, page, seconds):
        with self.lock:
            self.timings[page].append(seconds)

    def error(self, page, what):
        with self.lock:
            self.errors[page].append(what)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=8.0, help="seconds between one learner's words")
    parser.add_argument("--workers", type=int, default=1, help="Celery worker processes (speech pool)")
    parser.add_argument("--web", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--busy-engine", default="whisper", help="SPEECH_BUSY_ENGINE ('': every reading by the default)"
    )
    parser.add_argument("--busy-after", type=float, default=1.0, help="SPEECH_BUSY_AFTER_SECONDS")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"

    folder = Path(tempfile.mkdtemp(prefix="deh-load-"))
    env = environment(args, folder)
    fresh_database()
    subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=True, capture_output=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_curriculum")

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dyslexia_site.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User
    from learning.models import PracticeAttempt, SpeechClip, Word

    words = list(Word.objects.filter(level__order=1).order_by("position").values_list("pk", "text")[:10])
    sessions = []
    for n in range(args.learners):
        user = User.objects.create_user(email=f"learner{n}@load.test", password=None, display_name=f"L{n}")
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)

    processes = []
    try:
        worker = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "dyslexia_site", "worker", "--queues=speech,media,celery",
             f"--concurrency={args.workers}", "--pool=prefork", "--without-gossip", "--without-mingle",
             "--loglevel=WARNING", f"--hostname=load-{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(worker)
        from dyslexia_site.celery import app

        wait_until(lambda: len(app.control.ping(timeout=1.0)) > 0, 180, "the Celery worker")
        manage(env, "prepare_speech", *[text for _, text in words])  # clips (queued) and warm references
        wait_until(
            lambda: SpeechClip.objects.filter(status="ready").count() >= 2 * len(words),
            300,
            "the audio clips",
        )
        web = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "dyslexia_site.wsgi:application", "--workers", str(args.web),
             "--bind", f"127.0.0.1:{args.port}", "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(web)
        wait_until(lambda: requests.get(f"{base}/healthz", timeout=2).status_code == 200, 60, "gunicorn")

        clips = {text: espeak_wav(text, folder) for _, text in words}
        healthz_rps, healthz_p95 = healthz_baseline(base)
        whisper_seconds = whisper_baseline(clips[words[0][1]])

        results = Results()
        started_at = time.monotonic()
        stop = started_at + args.seconds
        learners = [Learner(base, key, words, clips, args.every, stop, results) for key in sessions]
        for learner in learners:
            learner.start()
            time.sleep(args.every / max(1, len(learners)))  # spread the first words over one period
        for learner in learners:
            learner.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started_at
        wait_until(
            lambda: not PracticeAttempt.objects.filter(status="pending").exists(), 120, "the last verdicts"
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    attempts = list(PracticeAttempt.objects.values_list("status", "submitted_at", "judged_at", "engine"))
    delays = [(judged - sent).total_seconds() for status, sent, judged, _ in attempts if judged and sent]
    judged = sum(1 for status, *_ in attempts if status == "judged")
    engines = Counter(engine for status, *_, engine in attempts if status == "judged")
    pages = {}
    print(f"{args.learners} learners, one word every {args.every:.0f} s each, {elapsed:.0f} s, "
          f"{args.web} web + {args.workers} worker processes on {os.cpu_count()} cores")  # fmt: skip
    print(f"baselines: /healthz alone {healthz_rps:.0f} req/s (p95 {1000 * healthz_p95:.1f} ms); "
          f"Whisper tiny.en transcription {1000 * whisper_seconds:.0f} ms")  # fmt: skip
    print(f"{'page':<10} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p95/hz':>7} {'errors':>7}")
    for page, times in sorted(results.timings.items()):
        p95 = percentile(times, 0.95)
        pages[page] = {
            "req_per_s": round(len(times) / elapsed, 2),
            "p50_ms": round(1000 * percentile(times, 0.5), 1),
            "p95_ms": round(1000 * p95, 1),
            "p99_ms": round(1000 * percentile(times, 0.99), 1),
            "p95_vs_healthz": round(p95 / healthz_p95, 1),
            "errors": len(results.errors.get(page, [])),
        }
        row = pages[page]
        print(f"{page:<10} {row['req_per_s']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8} "
              f"{row['p95_vs_healthz']:>7} {row['errors']:>7}")  # fmt: skip
    rate = judged / elapsed / args.workers
    verdict_p95 = percentile(delays, 0.95)
    print(f"recordings: {len(attempts)} sent, {judged} judged; {rate:.2f} judgements/s per worker process; "
          f"verdict after upload p50 {percentile(delays, 0.5) or 0:.1f} s, p95 {verdict_p95 or 0:.1f} s "
          f"({(verdict_p95 or 0) / whisper_seconds:.0f}x a Whisper transcription)")  # fmt: skip
    print("judged by: " + ", ".join(f"{engine} {count}" for engine, count in engines.most_common()))
    for page, errors in results.errors.items():
        print(f"errors on {page}: {errors[:3]}")
    figures = {
        "learners": args.learners,
        "seconds": round(elapsed),
        "web_processes": args.web,
        "worker_processes": args.workers,
        "healthz_req_per_s": round(healthz_rps),
        "whisper_transcription_ms": round(1000 * whisper_seconds),
        "pages": pages,
        "page_p95_ms": max(page["p95_ms"] for name, page in pages.items() if name not in {"send"}),
        "errors": sum(len(e) for e in results.errors.values()),
        "recordings_sent": len(attempts),
        "recordings_judged": judged,
        "judgements_per_s_per_worker": round(rate, 3),
        "judgement_vs_whisper": round((1 / rate) / whisper_seconds, 2) if rate else None,
        "verdict_p95_s": round(verdict_p95, 2) if verdict_p95 else None,
        "verdict_p95_vs_whisper": round(verdict_p95 / whisper_seconds, 1) if verdict_p95 else None,
        "verdict_p50_s": round(percentile(delays, 0.5), 2) if delays else None,
        "busy_engine": args.busy_engine,
        "busy_after_s": args.busy_after,
        "judged_by_busy_engine_pct": round(100 * busy_judged(engines, args.busy_engine) / max(1, judged), 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
