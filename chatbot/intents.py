"""What a learner is asking the tutor: a small scikit-learn classifier, offline.

TF-IDF over character n-grams (inside words, so "elefant" and "pronownce" still share
most of their pieces with the real spellings) and word n-grams, then a logistic
regression. It learns from ``data/intents_train.txt``, phrasings written the way
children and dyslexic readers type. Training takes well under a second, so the model
is fitted once per process from the committed file rather than stored as an artefact
that could drift from it. Plain Python: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
TRAIN_FILE = DATA / "intents_train.txt"
EVAL_FILE = DATA / "eval.tsv"

INTENTS = ("say", "meaning", "practise", "progress", "wrong", "help", "greeting", "other")
# Below this confidence the tutor says honestly that it can't help, rather than guess.
MIN_CONFIDENCE = 0.30
# Filled into the training templates' {w}; the evaluation set uses other words.
TRAIN_WORDS = (
    "ship",
    "cat",
    "rabbit",
    "butterfly",
    "friend",
    "because",
    "sun",
    "jump",
    "happy",
    "garden",
    "window",
    "dragon",
    "thing",
    "night",
)


@dataclass(frozen=True)
class Intent:
    name: str
    confidence: float


def tidy(text: str) -> str:
    """Lower case, letters, digits and apostrophe-free words: how the model sees a message."""
    text = text.lower().replace("'", "").replace("’", "")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def training_examples(path: Path = TRAIN_FILE) -> list[tuple[str, str]]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        intent, text = line.split("\t", 1)
        if "{w}" in text:
            examples += [(intent, tidy(text.replace("{w}", word))) for word in TRAIN_WORDS]
        else:
            examples.append((intent, tidy(text)))
    return examples


def evaluation_examples(path: Path = EVAL_FILE) -> list[tuple[str, str, str]]:
    """(intent, message, expected word or "") for every line of the evaluation set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        intent, text, *rest = line.split("\t")
        rows.append((intent, text, (rest[0] if rest else "").strip()))
    return rows


@lru_cache(maxsize=1)
def model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    examples = training_examples()
    features = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
        ]
    )
    from threadpoolctl import threadpool_limits

    pipeline = make_pipeline(features, LogisticRegression(C=20, max_iter=2000))
    # One thread: a few hundred short rows fit in ~0.1 s; BLAS threads on a busy
    # two-core machine turned that into seconds.
    with threadpool_limits(limits=1):
        pipeline.fit([text for _, text in examples], [intent for intent, _ in examples])
    return pipeline


def classify(text: str) -> Intent:
    cleaned = tidy(text)
    if not cleaned:
        return Intent("other", 1.0)
    pipeline = model()
    probabilities = pipeline.predict_proba([cleaned])[0]
    best = int(probabilities.argmax())
    name, confidence = str(pipeline.classes_[best]), float(probabilities[best])
    if confidence < MIN_CONFIDENCE:
        return Intent("other", confidence)
    return Intent(name, confidence)
