"""The best next word: mistake patterns, a learner model, FSRS memory and the policy.

Plain Python on plain data (no Django, no app imports), like ``speech`` and
``lexicon``; the learning app reads attempts from the database and hands them
over as arrays. Public API:

* ``mistake_patterns`` / ``word_patterns`` / ``describe`` / ``found_hard`` — the pattern vocabulary;
* ``Words``, ``History``, ``features``, ``FEATURES`` — what the learner model sees;
* ``LearnerModel``, ``load_model``, ``train``, ``StaleModel`` — the success model and its artefact;
* ``word_rating`` — how hard each word proved for all learners (the artefact's word table);
* ``choose``, ``Pick`` — the policy and its plain-words reason;
* ``mastery`` — what the app shows as mastered (one rule for pages and benchmark);
* ``memory`` — FSRS-6 on arrays; ``simulator`` — simulated learners.
"""

from . import mastery, memory, simulator, word_rating
from .features import FEATURES, History, Words, features
from .model import LearnerModel, StaleModel, train
from .model import load as load_model
from .patterns import PATTERNS, SKILLS, describe, found_hard, mistake_patterns, word_patterns
from .policy import Pick, choose

__all__ = [
    "FEATURES",
    "PATTERNS",
    "SKILLS",
    "History",
    "LearnerModel",
    "Pick",
    "StaleModel",
    "Words",
    "choose",
    "describe",
    "features",
    "found_hard",
    "load_model",
    "mastery",
    "memory",
    "mistake_patterns",
    "simulator",
    "train",
    "word_patterns",
    "word_rating",
]
