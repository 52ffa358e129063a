import pytest
from django.db import IntegrityError

from learning.actions import change_word_text, fill_word_details
from learning.models import Word
from learning.tests.factories import LevelFactory, WordFactory
from lexicon import difficulty as estimate_difficulty

pytestmark = pytest.mark.django_db


def test_it_fills_a_new_words_sounds_syllables_and_synonyms():
    word = WordFactory(text="ship")
    changed = fill_word_details(word)
    word.refresh_from_db()
    assert word.phonemes == "SH IH P"
    assert word.sound_spelling
    assert word.syllables == ["ship"]
    assert "phonemes" in changed
    assert word.frequency > 4
    assert 1 <= word.difficulty <= 10


def test_it_splits_a_long_word_into_its_syllables():
    word = WordFactory(text="butterfly")
    fill_word_details(word)
    assert len(word.syllables) == 3


def test_it_keeps_what_staff_typed_when_filling_only_the_gaps():
    word = WordFactory(text="ship", phonemes="SH IH P", sound_spelling="sh·i·p (staff)")
    fill_word_details(word)
    word.refresh_from_db()
    assert word.sound_spelling == "sh·i·p (staff)"
    assert word.syllables == ["ship"]


def test_it_rederives_everything_when_the_word_is_renamed():
    word = WordFactory(text="ship")
    fill_word_details(word)
    change_word_text(word, "Chip")
    word.refresh_from_db()
    assert word.text == "chip"
    assert word.phonemes == "CH IH P"


def test_it_leaves_an_unknown_word_as_staff_typed_it():
    word = WordFactory(text="qzxv", phonemes="K Z")
    assert fill_word_details(word) == []
    word.refresh_from_db()
    assert word.phonemes == "K Z"


def test_it_allows_a_word_once_per_level_whatever_its_case():
    level = LevelFactory()
    Word.objects.create(level=level, text="Cat")
    with pytest.raises(IntegrityError):
        Word.objects.create(level=level, text="cat")


def test_it_stores_words_in_lower_case():
    assert WordFactory(text="  Bag ").text == "bag"


def test_it_rates_longer_rarer_words_as_harder():
    easy = estimate_difficulty("cat", ["K", "AE", "T"], ["cat"], 5.0)
    hard = estimate_difficulty(
        "photograph", ["F", "OW", "T", "AH", "G", "R", "AE", "F"], ["pho", "to", "graph"], 3.5
    )
    assert 1 <= easy < hard <= 10


def test_staffs_synonym_override_survives_every_refill(db):
    from learning.actions import fill_word_details
    from learning.tests.factories import WordFactory

    word = WordFactory(text="happy", synonyms=[], synonyms_override=["glad", "cheerful"])
    fill_word_details(word)
    fill_word_details(word, overwrite=True)
    word.refresh_from_db()
    assert word.synonyms_override == ["glad", "cheerful"]
    assert word.shown_synonyms == ["glad", "cheerful"]
    word.synonyms_override = []
    assert word.shown_synonyms == list(word.synonyms)


def test_the_practice_page_shows_the_override(client, alice, db):
    from learning.tests.factories import LevelFactory, WordFactory

    level = LevelFactory(order=1)
    word = WordFactory(level=level, text="happy", synonyms=["felicitous"], synonyms_override=["glad"])
    client.force_login(alice)
    page = client.get(word.get_absolute_url()).content.decode()
    assert "glad" in page and "felicitous" not in page
