"""Advice and tricky letters are worked out from the word's own spelling and sounds."""

import pytest

from dynamic.wordfacts import analyse


def tricky(word, kind):
    return "".join(letter["letter"] for letter in analyse(word)["letters"] if kind in letter["kinds"])


def test_butterfly_gets_its_claps_and_its_b():
    advice = analyse("butterfly")["advice"]
    assert advice[0] == "Clap the 3 syllables: but-ter-fly."
    assert any(tip.startswith("b has its tummy on the right") for tip in advice)
    assert tricky("butterfly", "reversible") == "b"


@pytest.mark.parametrize(("word", "vowel"), [("cake", "a"), ("kite", "i"), ("home", "o"), ("cube", "u")])
def test_a_magic_e_makes_the_vowel_say_its_name(word, vowel):
    assert f"The e at the end is silent and makes the {vowel} say its name." in analyse(word)["advice"]
    assert tricky(word, "silent") == "e"


@pytest.mark.parametrize("word", ["because", "have", "give", "the"])
def test_an_e_that_is_not_magic_gets_no_magic_e_advice(word):
    assert not any("say its name" in tip for tip in analyse(word)["advice"])


def test_silent_letters_digraphs_and_vowel_teams_are_marked():
    assert tricky("knight", "silent") == "kgh"
    assert "The k at the start is silent: say “night”." in analyse("knight")["advice"]
    assert tricky("ship", "digraph") == "sh"
    assert tricky("rain", "vowel-team") == "ai"
    assert tricky("lamb", "silent") == "b"
