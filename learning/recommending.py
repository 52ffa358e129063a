"""The learning app's side of the recommender: attempts in, next words and mistake patterns out.

Only reads. FSRS memory, per-pattern skill and the rest of a learner's state are
computed on read by replaying their judged attempts (``recommender.History``),
so no page has to write and a change to the model needs no migration. The
learner model is loaded from ``RECOMMENDER_MODEL_PATH``, with its table of word
ratings (how hard each word proved for all learners, learnt at training time); when
it is missing or stale the rule-based order is used, with a logged warning.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

import recommender

from .models import Level, PracticeAttempt, Word

log = logging.getLogger(__name__)

DAY_SECONDS = 86400


def model_path() -> Path:
    return Path(settings.RECOMMENDER_MODEL_PATH)


@lru_cache(maxsize=4)
def _load(path: str, modified: float):
    return recommender.load_model(Path(path))


def current_model() -> recommender.LearnerModel | None:
    """The saved learner model, re-read when the file changes; None falls back to rules."""
    path = model_path()
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = -1.0
    return _load(str(path), modified)


def days(moment: datetime) -> float:
    return moment.timestamp() / DAY_SECONDS


# Every page that recommends reads the whole curriculum (~25 ms of a page's ~30): each process
# keeps it until staff change a word or a level (the version in the shared cache changes on
# save or delete) and at most CURRICULUM_MEMO_SECONDS, for changes made around the signals.
CURRICULUM_VERSION_KEY = "learning:curriculum-version"
CURRICULUM_MEMO_SECONDS = 60.0
_memo_lock = threading.Lock()
_memo: dict = {}


def curriculum() -> tuple[list[Word], recommender.Words]:
    """Every word, in curriculum order, with the arrays the model reads (one query, when the
    process's copy is out of date). The words are shared: change a copy (``copy.copy``)."""
    version = cache.get(CURRICULUM_VERSION_KEY)
    with _memo_lock:
        memo = dict(_memo)
    fresh = time.monotonic() - memo.get("at", -CURRICULUM_MEMO_SECONDS) < CURRICULUM_MEMO_SECONDS
    if fresh and memo.get("version") == version and "value" in memo:
        return memo["value"]
    words = list(Word.objects.select_related("level").order_by("level__order", "position", "text"))
    table = recommender.Words.build(
        (w.pk, w.text, w.level.order, w.difficulty, len(w.syllables), w.phoneme_list) for w in words
    )
    with _memo_lock:
        _memo.update(version=version, at=time.monotonic(), value=(words, table))
    return words, table


def curriculum_changed(**_) -> None:
    """Every process reads the curriculum again on its next page."""
    with _memo_lock:
        _memo.clear()
    cache.set(CURRICULUM_VERSION_KEY, uuid.uuid4().hex, None)


def connect_curriculum_changes() -> None:
    for model in (Word, Level):
        for event, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                curriculum_changed, sender=model, dispatch_uid=f"curriculum-{model.__name__}-{event}"
            )


def missed_patterns(attempt: PracticeAttempt, word: Word) -> list[str]:
    """The pattern keys a judged wrong attempt shows (none for a right one)."""
    return _missed(
        word.text, word.phoneme_list, attempt.is_correct_verdict, attempt.heard_as, attempt.wrong_sounds
    )


def _missed(text: str, phonemes, right: bool, heard_as: str, wrong_sounds: list) -> list[str]:
    if right:
        return []
    return recommender.mistake_patterns(text, heard_as, wrong_sounds, list(phonemes))


def _skills_mask(keys) -> np.ndarray:
    bases = {recommender.patterns.base(key) for key in keys}
    return np.array([skill in bases for skill in recommender.SKILLS], dtype=bool)


# Replaying costs ~0.3 ms an attempt (a learner with 300 judged readings: ~100 ms), and a
# page may ask twice (the practice page's standing and next word) and again on every visit.
# Each process keeps the last REPLAY_MEMO_SIZE replays, each marked by its learners' counted
# attempts (how many, the newest id, the last judged time: one small query) and the
# curriculum it was made with; a new verdict, a deleted attempt or a curriculum change
# makes a new one.
REPLAY_MEMO_SIZE = 256
_replays: OrderedDict = OrderedDict()


def replay(learner_ids: list[int], words: recommender.Words, *, each=None) -> recommender.History:
    """The learners' histories from their counted attempts, oldest first.

    ``each(history, row, word_index, moment, right)`` is called before each
    attempt is added (the trainer takes the features there). The history is the
    caller's own copy.
    """
    if each is not None:
        return _replay(learner_ids, words, each=each)
    mark = (
        PracticeAttempt.objects.counted()
        .filter(learner_id__in=learner_ids)
        .aggregate(count=Count("pk"), newest=Max("pk"), judged=Max("judged_at"))
    )
    key = (tuple(learner_ids), mark["count"], mark["newest"], mark["judged"])
    with _memo_lock:
        kept = _replays.get(key)
        if kept is not None:
            _replays.move_to_end(key)
    if kept is not None and kept[0] is words:
        return copy.deepcopy(kept[1])
    history = _replay(learner_ids, words)
    with _memo_lock:
        _replays[key] = (words, copy.deepcopy(history))
        while len(_replays) > REPLAY_MEMO_SIZE:
            _replays.popitem(last=False)
    return history


def forget_replays() -> None:
    """Drop every kept replay (tests: each test's learners are its own)."""
    with _memo_lock:
        _replays.clear()


def _replay(learner_ids: list[int], words: recommender.Words, *, each=None) -> recommender.History:
    index = {word_id: i for i, word_id in enumerate(words.ids.tolist())}
    row_of = {learner_id: row for row, learner_id in enumerate(learner_ids)}
    history = recommender.History(len(learner_ids), len(words))
    # Plain values, not model instances with their words joined (the table has each word's
    # text and sounds): a page replays every judged attempt of the learner it shows.
    attempts = (
        PracticeAttempt.objects.counted()
        .filter(learner_id__in=learner_ids)
        .order_by("judged_at", "pk")
        .values_list(
            "learner_id", "word_id", "judged_at", "created_at", "verdict", "heard_as", "wrong_sounds"
        )
    )
    correct = PracticeAttempt.Verdict.CORRECT
    for learner_id, word_id, judged_at, created_at, verdict, heard_as, wrong_sounds in attempts.iterator(
        chunk_size=2000
    ):
        w = index.get(word_id)
        if w is None:
            continue
        row, moment, right = row_of[learner_id], days(judged_at or created_at), verdict == correct
        if each is not None:
            each(history, row, w, moment, right)
        history.observe(
            [row],
            [w],
            moment,
            [right],
            _skills_mask(_missed(words.texts[w], words.phonemes[w], right, heard_as, wrong_sounds))[None, :],
            words.patterns[[w]],
            difficulty=words.difficulty[[w]],
        )
    return history


@dataclass(frozen=True)
class Recommendation:
    word: Word
    reason: str  # in plain words, for the learner
    kind: str  # recommender.policy reason code
    probability: float | None


def recommend(learner, *, level: Level | None = None, after: Word | None = None, limit: int = 1):
    """The best next words for a learner, best first, each with its reason.

    Only words of levels open to the learner are candidates. With ``level``,
    that level is the focus (its new words come first; due reviews from other
    open levels can come back); without, the highest open level not yet mastered.
    """
    words, table = curriculum()
    if not words:
        return []
    open_levels = list(Level.objects.open_to(learner).values_list("order", flat=True))
    if not open_levels:
        return []
    history = replay([learner.pk], table)
    model = current_model()
    if model is not None:
        table = table.rated(model.word_ratings)  # how hard each word proved for other learners
    open_words = np.isin(table.level, open_levels)[None, :]
    now = days(timezone.now())
    focus = level.order if level is not None else _focus(table, history, open_levels, now)
    after_index = np.array([-1])
    if after is not None and after.pk in set(table.ids.tolist()):
        after_index[0] = table.ids.tolist().index(after.pk)
    if level is not None and not open_words[0, table.level == level.order].any():
        return []
    picks = []
    for _ in range(limit):
        chosen, (pick,) = recommender.choose(
            history,
            table,
            now,
            open_words=open_words,
            focus_level=np.array([focus]),
            learner_level=np.array([max(open_levels)]),
            after=after_index,
            model=model,
        )
        if chosen[0] < 0:
            break
        word = copy.copy(words[pick.index])  # the caller may set attributes (``why``)
        picks.append(Recommendation(word, pick.explain(), pick.reason, pick.probability))
        open_words = open_words.copy()
        open_words[0, pick.index] = False
    return picks


def standings(learner_ids: list[int], *, now: datetime | None = None) -> dict[int, dict[int, str]]:
    """Each learner's standing on every word (``recommender.mastery``: new, learning, mastered,
    review), by learner id then word id; two queries whatever the number of learners."""
    return _standings(learner_ids, now=now)[0]


def standings_and_levels(learner) -> tuple[dict[int, str], dict[int, list[int]]]:
    """One learner's standings, and each level id's word ids, in the same two queries."""
    by_learner, levels = _standings([learner.pk])
    return by_learner[learner.pk], levels


def _standings(learner_ids, *, now=None):
    words, table = curriculum()
    levels: dict[int, list[int]] = {}
    for word in words:
        levels.setdefault(word.level_id, []).append(word.pk)
    if not learner_ids:
        return {}, levels
    history = replay(list(learner_ids), table)
    moment = days(now or timezone.now())
    standing = recommender.mastery.standing(
        history.mastered, history.last_right, history.recall(moment), history.seen
    )
    word_ids = table.ids.tolist()
    by_learner = {
        learner_id: dict(zip(word_ids, standing[row].tolist(), strict=True))
        for row, learner_id in enumerate(learner_ids)
    }
    return by_learner, levels


def _focus(table: recommender.Words, history: recommender.History, open_levels: list[int], now) -> int:
    shown = recommender.mastery.shown_mastered(history.mastered, history.last_right, history.recall(now))
    for order in sorted(open_levels, reverse=True):
        if not shown[0, table.level == order].all():
            return order
    return max(open_levels)


# --- Mistake analysis ----------------------------------------------------------------


@dataclass(frozen=True)
class PatternTrouble:
    key: str
    title: str
    tip: str
    found_hard: str
    count: int
    last_missed_at: datetime
    words: tuple[str, ...]


def mistake_profile(learner, *, limit: int = 200) -> list[PatternTrouble]:
    """The sounds and letter patterns a learner misses, most missed first, from recent judged attempts."""
    attempts = (
        PracticeAttempt.objects.counted()
        .filter(learner=learner)
        .exclude(verdict=PracticeAttempt.Verdict.CORRECT)
        .select_related("word")
        .order_by("-judged_at", "-pk")[:limit]
    )
    found: dict[str, dict] = {}
    for attempt in attempts:
        for key in missed_patterns(attempt, attempt.word):
            entry = found.setdefault(
                key, {"count": 0, "last": attempt.judged_at or attempt.created_at, "words": []}
            )
            entry["count"] += 1
            if attempt.word.text not in entry["words"]:
                entry["words"].append(attempt.word.text)
    troubles = [
        PatternTrouble(
            key,
            *recommender.describe(key),
            recommender.found_hard(key),
            entry["count"],
            entry["last"],
            tuple(entry["words"][:5]),
        )
        for key, entry in found.items()
    ]
    return sorted(troubles, key=lambda t: (-t.count, -t.last_missed_at.timestamp(), t.key))


def reminder_for(learner, word: Word, *, before: PracticeAttempt | None = None) -> str | None:
    """ "You found /sh/ hard last time": a pattern of this word the learner missed last time they met it."""
    skills = recommender.word_patterns(word.text, tuple(word.phoneme_list))
    attempts = (
        PracticeAttempt.objects.counted()
        .filter(learner=learner)
        .exclude(verdict=PracticeAttempt.Verdict.CORRECT)
        .select_related("word")
        .order_by("-judged_at", "-pk")
    )
    if before is not None:
        attempts = attempts.exclude(pk=before.pk).filter(created_at__lte=before.created_at)
    for attempt in attempts[:20]:
        for key in missed_patterns(attempt, attempt.word):
            if recommender.patterns.base(key) in skills:
                return f"You found {recommender.found_hard(key)} hard last time."
    return None
