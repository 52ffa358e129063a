"""Rewards benchmark: do stars track real learning?

Simulated learners (benchmarks/reward_simulation.py) follow five practice policies for 30 days;
every try goes through the real actions (learning.actions.apply_judgement → learning events →
rewards actions) on a throw-away SQLite database, with the clock set to the simulated moment.
Figures: Spearman's rank correlation between a learner's stars and the words they still know a
week after their last practice (target ≥ 0.9), stars per hour of practice per policy (the star
farmer, who repeats three mastered easy words, must earn the fewest), and the time judging takes
with rewards as a ratio to judging without them, measured in the same run.

Two disjoint seed sets: rules are tuned on ``--seeds tuning`` and reported on ``--seeds
evaluation`` (the default), so the figure is not one the rules were fitted to.

    .venv/bin/python benchmarks/rewards.py [--seeds evaluation|tuning] [--per-policy 20]
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

POLICIES = ["steady", "returner", "random", "crammer", "star farmer"]
HORIZON = 30
VOWELS = {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"}
# Three levels of ten words, easier to harder.
WORDS = [
    *["cat", "map", "bag", "hat", "van", "jam", "pan", "rat", "cap", "sad"],
    *["ship", "shop", "fish", "dish", "wish", "chin", "chop", "much", "rich", "lunch"],
    *["thin", "moth", "bath", "that", "then", "this", "with", "path", "cloth", "three"],
]


def setup_django(folder: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="dyslexia_site.settings",
        SECRET_KEY="benchmark-only",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
        MEDIA_ROOT=folder,
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_words():
    from reward_simulation import Word as SimWord

    import lexicon
    from learning.models import Level, Word

    sim_words = []
    for order in (1, 2, 3):
        level = Level.objects.create(order=order, title=f"Level {order}", focus="sounds", mock_test_size=5)
        for position, text in enumerate(WORDS[(order - 1) * 10 : order * 10]):
            phonemes = lexicon.lookup(text).phonemes
            Word.objects.create(level=level, text=text, position=position, phonemes=" ".join(phonemes))
            consonants = [p for p in phonemes if p.rstrip("012") not in VOWELS]
            difficulty = 0.15 + 0.2 * (order - 1) + 0.02 * position
            sim_words.append(SimWord(text, difficulty, (consonants or list(phonemes))[0]))
    return sim_words


def run_learner(sim, sim_words, start):
    from django.db.models import Sum
    from django.utils import timezone
    from reward_simulation import simulate

    from accounts.models import User
    from learning.actions import apply_judgement
    from learning.models import PracticeAttempt, Word
    from rewards.models import Award

    user = User.objects.create_user(f"{uuid.uuid4().hex[:10]}@example.com", display_name=sim.name)
    words = {word.text: word for word in Word.objects.all()}
    seconds = judging = 0.0
    last_day = 0.0
    for attempt_try in simulate(sim, sim_words, HORIZON):
        last_day = attempt_try.day
        when = start + datetime.timedelta(days=attempt_try.day)
        with mock.patch("django.utils.timezone.now", return_value=when):
            attempt = PracticeAttempt.objects.create(
                learner=user,
                word=words[attempt_try.word.text],
                client_token=uuid.uuid4(),
                recording_sha256=uuid.uuid4().hex,
                practice_seconds=attempt_try.seconds,
            )
            wrong = (
                [{"kind": "swap", "position": "start", "expected": attempt_try.wrong_sound, "heard": "S"}]
                if attempt_try.wrong_sound
                else []
            )
            judgement = SimpleNamespace(
                verdict="correct" if attempt_try.correct else "not_quite",
                score=attempt_try.score,
                transcript="",
                heard_as="",
                feedback="",
                wrong_sounds=wrong,
                engine="simulated",
                seconds=0.0,
            )
            began = time.perf_counter()
            apply_judgement(attempt.pk, judgement)
            judging += time.perf_counter() - began
        seconds += attempt_try.seconds
    stars = Award.objects.filter(learner=user).aggregate(total=Sum("stars"))["total"] or 0
    by_kind = dict(
        Award.objects.filter(learner=user).values_list("kind").annotate(total=Sum("stars")).order_by()
    )
    awards = [
        [kind, key, given, timezone.localdate(created, timezone=user.zone).isoformat()]
        for kind, key, given, created in Award.objects.filter(learner=user)
        .order_by("created_at", "pk")
        .values_list("kind", "key", "stars", "created_at")
    ]
    return {
        "stars": stars,
        "by_kind": by_kind,
        "awards": awards,
        # A week after this learner's own last practice, whenever that was.
        "retained": sim.retained(sim_words, last_day + 7),
        "hours": seconds / 3600,
        "tries": PracticeAttempt.objects.filter(learner=user).count(),
        "judging_seconds": judging,
    }


SEED_SETS = {"tuning": 1, "evaluation": 2}


def learners(seeds: str, per_policy: int):
    from reward_simulation import cast

    return cast(SEED_SETS[seeds], per_policy, POLICIES)


def main(argv=None) -> dict:
    from zoneinfo import ZoneInfo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", choices=sorted(SEED_SETS), default="evaluation")
    parser.add_argument("--per-policy", type=int, default=20)
    parser.add_argument("--dump", help="write every learner's awards and words retained to this JSON file")
    args = parser.parse_args(argv)

    # In memory-backed /dev/shm when there is one: thousands of small commits, no disk syncs.
    folder = tempfile.mkdtemp(prefix="rewards-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    setup_django(folder)
    from reward_simulation import SimLearner, spearman

    from rewards import receivers

    sim_words = make_words()
    start = datetime.datetime(2025, 3, 3, tzinfo=ZoneInfo("Europe/London"))
    rows = []
    cast = learners(args.seeds, args.per_policy)
    for sim in cast:
        rows.append({"name": sim.name, "policy": sim.policy, **run_learner(sim, sim_words, start)})

    # Baseline: the same learners' judging with the rewards receivers off, in the same run.
    receivers.disconnect()
    base = sum(
        run_learner(SimLearner(s.name, s.policy, s.ability, s.tries_per_session, s.seed), sim_words, start)[
            "judging_seconds"
        ]
        for s in cast[:: args.per_policy]
    )
    receivers.connect()
    with_rewards = sum(row["judging_seconds"] for row in rows[:: args.per_policy])

    print(f"{'learner':<16} {'tries':>6} {'hours':>6} {'stars':>6} {'retained':>9} {'stars/h':>8}")
    for row in rows:
        per_hour = row["stars"] / row["hours"] if row["hours"] else 0
        print(
            f"{row['name']:<16} {row['tries']:>6} {row['hours']:>6.2f} {row['stars']:>6} "
            f"{row['retained']:>9} {per_hour:>8.1f}"
        )
    per_policy, policy_rows = {}, []
    for policy in POLICIES:
        mine = [row for row in rows if row["policy"] == policy]
        per_policy[policy] = round(sum(r["stars"] for r in mine) / sum(r["hours"] for r in mine), 1)
        kinds = {}
        for row in mine:
            for kind, total in row["by_kind"].items():
                kinds[kind] = kinds.get(kind, 0) + total / len(mine)
        policy_rows.append((policy, mine, kinds))
    rho = spearman([row["stars"] for row in rows], [row["retained"] for row in rows])
    farmer_fewest = min(per_policy, key=per_policy.get) == "star farmer"
    print()
    kind_names = sorted({kind for _, _, kinds in policy_rows for kind in kinds})
    print(
        f"{'policy':<12} {'stars/h':>8} {'stars':>6} {'retained':>9}  "
        + " ".join(f"{kind[:12]:>12}" for kind in kind_names)
    )
    for policy, mine, kinds in policy_rows:
        print(
            f"{policy:<12} {per_policy[policy]:>8.1f} {sum(r['stars'] for r in mine) / len(mine):>6.1f} "
            f"{sum(r['retained'] for r in mine) / len(mine):>9.1f}  "
            + " ".join(f"{kinds.get(kind, 0):>12.1f}" for kind in kind_names)
        )
    print()
    print(
        f"Spearman (stars vs words retained a week after the last practice), {len(rows)} learners, "
        f"{args.seeds} seeds: {rho:.3f} (target >= 0.9)"
    )
    print(f"Star farmer earns the fewest stars per hour: {farmer_fewest}")
    print(f"Judging with rewards / without (same learners, same run): {with_rewards / base:.2f}")
    figures = {
        "spearman_stars_retained": round(rho, 3),
        "stars_per_hour": per_policy,
        "star_farmer_fewest_stars_per_hour": farmer_fewest,
        "judging_time_ratio_rewards_vs_none": round(with_rewards / base, 2),
        "learners": len(rows),
        "seeds": args.seeds,
    }
    if args.dump:  # for re-weighing stars on the tuning seeds without re-running the practice
        keep = ("name", "policy", "retained", "hours", "awards")
        Path(args.dump).write_text(json.dumps([{k: row[k] for k in keep} for row in rows]))
    print(json.dumps(figures))
    shutil.rmtree(folder, ignore_errors=True)
    return figures


if __name__ == "__main__":
    main()
