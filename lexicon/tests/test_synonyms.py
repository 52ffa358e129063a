"""Synonyms and examples a child may be shown: a reviewed list and the curriculum.

``reviewed_synonyms.json`` holds, for ~190 words, every synonym a reviewer
accepts (``allowed``: what we return must be a subset) and words that must
never be offered (``never``), starting with the ones learners used to see:
man -> "homo", tail -> "can, behind, bottom, seat, rear", map -> "function",
fin -> "five", bad -> "big, pretty", drum -> "bone, cram".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lexicon import example_sentence, frequency, normalise, synonyms
from lexicon.safety import is_child_safe_synonym, is_child_safe_text, is_child_safe_word
from lexicon.wordnet import MIN_SYNONYM_ZIPF, base_forms

HERE = Path(__file__).resolve().parent
REVIEWED = json.loads((HERE / "reviewed_synonyms.json").read_text(encoding="utf-8"))["words"]
STARTER = HERE.parents[1] / "learning" / "curriculum" / "starter.json"
CURRICULUM = [word["text"] for level in json.loads(STARTER.read_text())["levels"] for word in level["words"]]

ISSUE_EXAMPLES = {
    "man": {"homo"},
    "tail": {"can", "behind", "bottom", "seat", "rear"},
    "map": {"function"},
    "fin": {"five"},
    "bad": {"big", "pretty"},
    "drum": {"bone", "cram"},
}


def test_the_reviewed_list_is_big_enough_and_consistent():
    assert len(REVIEWED) >= 150
    for word, review in REVIEWED.items():
        assert normalise(word) == word
        assert not set(review["allowed"]) & set(review["never"]), word
    for word, never in ISSUE_EXAMPLES.items():
        assert never <= set(REVIEWED[word]["never"])


@pytest.mark.parametrize("word", sorted(REVIEWED))
def test_it_offers_only_synonyms_a_reviewer_accepted(word):
    found = synonyms(word)
    review = REVIEWED[word]
    assert set(found) <= set(review["allowed"]), f"{word}: {found} not all in {review['allowed']}"
    assert not set(found) & set(review["never"])


@pytest.mark.parametrize(("word", "never"), sorted(ISSUE_EXAMPLES.items()))
def test_it_no_longer_offers_the_synonyms_from_the_issue(word, never):
    assert not set(synonyms(word)) & never


def test_it_still_offers_the_obvious_synonyms():
    assert "glad" in synonyms("happy")
    assert "large" in synonyms("big")
    assert "repair" in synonyms("fix")
    assert "carpet" in synonyms("rug")
    assert "stone" in synonyms("rock")


def _is_form_of(candidate: str, word: str) -> bool:
    stems = {word} | {b for forms in base_forms(word).values() for b in forms}
    return any(candidate.startswith(s) or s.startswith(candidate) for s in stems)


@pytest.mark.parametrize("word", CURRICULUM)
def test_every_curriculum_word_gets_only_safe_reviewed_synonyms(word):
    found = synonyms(word)
    for synonym in found:
        assert synonym.isalpha() and synonym.islower() and len(synonym) >= 3
        assert is_child_safe_synonym(synonym), synonym
        assert frequency(synonym) >= MIN_SYNONYM_ZIPF, synonym
        assert not _is_form_of(synonym, word), synonym
    if found:
        # every synonym the curriculum shows has been looked at by a person
        assert word in REVIEWED, f"review the synonyms of {word!r}: {found}"


@pytest.mark.parametrize("word", CURRICULUM)
def test_every_curriculum_words_example_passes_the_same_safety_check(word):
    sentence = example_sentence(word)
    assert sentence == "" or is_child_safe_text(sentence), sentence


def test_it_gives_no_synonyms_for_a_word_never_seen_in_use():
    # WordNet has no tagged uses of "fin" and lists the number five first
    assert synonyms("fin") == []


def test_it_judges_rude_words_and_their_forms_but_not_innocent_look_alikes():
    assert not is_child_safe_word("homo")
    assert not is_child_safe_word("crapped")
    assert not is_child_safe_text("They whores.")
    assert is_child_safe_word("butter")  # a word of its own, not a form of "butt"
    assert is_child_safe_word("shaggy")
    assert not is_child_safe_synonym("babe")  # fine to read, never offered as a synonym
    assert is_child_safe_synonym("infant")
