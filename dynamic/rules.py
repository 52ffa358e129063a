"""Read-only questions for the explorer: is this input a word we can look up, did the
learner mean another word, may this user try or keep words, which words are on a list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Max, OuterRef, Subquery

import lexicon
from lexicon import safety

from . import pictures
from .models import ExplorerEntry, ExplorerTry, PracticeWord

MAX_INPUT = 30
# How close a dictionary word must be to be offered as "did you mean" (rapidfuzz ratio, 0–100).
SUGGESTION_CUTOFF = 75
# Words ranked below this in wordfreq's English list are too rare to suggest.
SUGGESTION_VOCABULARY = 40000


@dataclass(frozen=True)
class Checked:
    """What the learner typed, as the explorer understands it."""

    word: str | None = None  # the normalised word to look up, when there is one
    message: str = ""  # a kind explanation when there isn't
    suggestion: str = ""  # "did you mean …?"
    is_name: bool = False

    @property
    def ok(self) -> bool:
        return self.word is not None


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    from wordfreq import top_n_list

    words = [
        word
        for word in top_n_list("en", SUGGESTION_VOCABULARY)
        if word.isalpha() and word.isascii() and len(word) > 2 and safety.is_child_safe_word(word)
    ]
    return tuple(word for word in words if lexicon.in_cmudict(word))


def did_you_mean(word: str) -> str:
    """The closest common dictionary word by spelling and by sound: dyslexic misspellings
    are often spelt as they sound ("elefant" → elephant, not "elegant")."""
    from rapidfuzz import fuzz, process

    candidates = process.extract(word, _vocabulary(), scorer=fuzz.ratio, score_cutoff=60, limit=12)
    # CMUdict also spells slang ("kool"); only dictionary words are offered.
    candidates = [row for row in candidates if lexicon.is_dictionary_word(row[0]) is not False]
    if not candidates:
        return ""
    heard = " ".join(lexicon.phonemes(word))

    def closeness(candidate: str, spelling: float) -> float:
        sound = fuzz.ratio(heard, " ".join(lexicon.phonemes(candidate))) if heard else spelling
        return (spelling + sound) / 2

    scored = [
        (closeness(candidate, spelling), -rank, candidate)
        for rank, (candidate, spelling, _) in enumerate(candidates)
    ]
    score, _, best = max(scored)
    return best if score >= SUGGESTION_CUTOFF else ""


def check_input(typed: str) -> Checked:
    text = (typed or "").strip()
    if not text:
        return Checked(message="Type a word first, then press Look it up.")
    if len(text) > MAX_INPUT:
        return Checked(message=f"That is very long. Try one word of up to {MAX_INPUT} letters.")
    pieces = text.split()
    if len(pieces) > 1:
        first = lexicon.normalise(pieces[0])
        return Checked(
            message="One word at a time, please.",
            suggestion=first if first and safety.is_child_safe_word(first) else "",
        )
    if re.search(r"\d", text):
        return Checked(message="Words are made of letters. Try it without numbers.")
    word = lexicon.normalise(text)
    if word is None:
        return Checked(message="Words are made of letters. Try it without symbols.")
    if not safety.is_child_safe_word(word):
        return Checked(message="Let's choose a different word to explore. How about an animal or a food?")
    if pictures.is_name(text):
        return Checked(word=word, is_name=True)
    if lexicon.lookup(word).known:
        return Checked(word=word)
    suggestion = did_you_mean(word)
    if suggestion:
        return Checked(message="We don't know that spelling.", suggestion=suggestion)
    return Checked(word=word)


def has_explorer_entry(text: str) -> bool:
    """Whether the explorer looked this word up (so its audio may be served)."""
    return ExplorerEntry.objects.filter(word=text).exists()


def may_practise(user) -> bool:
    """Learners try words and keep lists; parents and staff explore but have no voice here."""
    return user.is_authenticated and getattr(user, "is_learner", False)


def is_on_list(user, entry: ExplorerEntry) -> bool:
    return PracticeWord.objects.owned_by(user).filter(entry=entry).exists()


def practice_words(learner) -> list[PracticeWord]:
    """The learner's own words, each with ``best_score`` and ``tries``, in one query."""
    tries = ExplorerTry.objects.filter(learner=OuterRef("learner"), entry=OuterRef("entry"))
    return list(
        PracticeWord.objects.owned_by(learner)
        .select_related("entry")
        .annotate(
            best_score=Subquery(
                tries.filter(status=ExplorerTry.Status.JUDGED)
                .values("entry")
                .annotate(best=Max("score"))
                .values("best")[:1]
            )
        )
    )


def latest_try(learner, entry: ExplorerEntry) -> ExplorerTry | None:
    return ExplorerTry.objects.owned_by(learner).filter(entry=entry).first()
