"""The word's own letters, grouped one chunk per sound, for highlighting while it is spoken."""

import pytest

import lexicon


@pytest.mark.parametrize(
    ("word", "groups"),
    [
        ("ship", ["sh", "i", "p"]),
        ("cake", ["c", "a", "ke"]),
        ("knight", ["kn", "igh", "t"]),
        ("lunch", ["l", "u", "n", "ch"]),
        ("box", ["b", "o", "x"]),
    ],
)
def test_it_groups_every_letter_by_the_sound_it_spells(word, groups):
    chunks = lexicon.letter_sounds(word, lexicon.phonemes(word))
    assert [letters for letters, _ in chunks] == groups
    assert "".join(letters for letters, _ in chunks) == word


def test_each_chunk_carries_its_friendly_sound():
    assert lexicon.letter_sounds("box", ["B", "AA1", "K", "S"]) == [("b", "b"), ("o", "ah"), ("x", "k-s")]


def test_without_sounds_the_whole_word_is_one_chunk():
    assert lexicon.letter_sounds("ship", []) == [("ship", "")]
    assert lexicon.letter_sounds("", []) == []
