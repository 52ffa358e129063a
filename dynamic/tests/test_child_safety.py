"""Everything the explorer shows a child passes the child-safety lists: for every curriculum
word, and for words whose dictionary senses include adult or rude ones."""

import pytest

from dynamic import difficulty, pictures, rules, wordfacts
from lexicon import safety

CURRICULUM = sorted({word for word, _ in difficulty.curriculum_words()})
# Words with a rude or adult WordNet sense or synonym somewhere (the examples).
TRICKY = [
    "man",
    "tail",
    "map",
    "fin",
    "bad",
    "drum",
    "bottom",
    "ass",
    "cock",
    "pussy",
    "dick",
    "screw",
    "grass",
]


def shown_text(facts: dict) -> list[str]:
    return [facts["meaning"], facts["example"], *facts["synonyms"], *facts["advice"]]


@pytest.mark.parametrize("word", CURRICULUM + TRICKY)
def test_what_the_explorer_shows_is_child_safe(word):
    checked = rules.check_input(word)
    if not checked.ok:
        assert "different word" in checked.message  # refused kindly, nothing shown
        return
    facts = wordfacts.analyse(checked.word)
    for text in shown_text(facts):
        assert safety.is_child_safe_text(text), (word, text)
    for synonym in facts["synonyms"]:
        assert safety.is_child_safe_word(synonym), (word, synonym)
    found = pictures.match(checked.word)
    if found is not None:
        assert found.emoji.label not in pictures.UNSHOWN


def test_rude_words_are_refused_not_explored():
    for word in ("shit", "fuck", "bitch"):
        checked = rules.check_input(word)
        assert not checked.ok and "different word" in checked.message


def test_a_misspelling_is_never_corrected_to_a_rude_word():
    assert rules.did_you_mean("shitt") == "" or safety.is_child_safe_word(rules.did_you_mean("shitt"))
