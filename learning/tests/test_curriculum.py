import json
from pathlib import Path

import pytest
from django.core.management import call_command

from learning.curriculum import STARTER, load_curriculum
from learning.models import Level, Tag, Word

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

CONFUSION_PAIRS = [("bad", "dad"), ("was", "saw"), ("on", "no")]


@pytest.fixture
def tiny_curriculum(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "levels": [
                    {
                        "order": 1,
                        "title": "Short a",
                        "focus": "short a",
                        "description": "Cat words.",
                        "words": [
                            {"text": "cat", "sentence": "The cat naps.", "tags": ["cvc"]},
                            {"text": "map", "sentence": "I read the map.", "tags": ["cvc"]},
                        ],
                    },
                    {
                        "order": 2,
                        "title": "Digraphs",
                        "focus": "digraph sh",
                        "description": "Ship words.",
                        "words": [{"text": "ship", "sentence": "The ship sails.", "tags": ["digraph"]}],
                    },
                ],
            }
        )
    )
    return path


def test_it_loads_a_curriculum_with_every_word_filled_in(tiny_curriculum):
    report = load_curriculum(tiny_curriculum)
    assert (report.levels_created, report.words_created) == (2, 3)
    ship = Word.objects.get(text="ship")
    assert ship.phonemes == "SH IH P"
    assert ship.example_sentence == "The ship sails."
    assert [tag.name for tag in ship.tags.all()] == ["digraph"]


def test_it_loads_twice_without_duplicates(tiny_curriculum):
    load_curriculum(tiny_curriculum)
    second = load_curriculum(tiny_curriculum)
    assert (second.levels_created, second.words_created) == (0, 0)
    assert Level.objects.count() == 2
    assert Word.objects.count() == 3
    assert Tag.objects.count() == 2


def test_it_never_overwrites_what_staff_edited(tiny_curriculum):
    load_curriculum(tiny_curriculum)
    Word.objects.filter(text="cat").update(example_sentence="A cat sat on a hat.")
    Level.objects.filter(order=1).update(title="Cats and hats")
    load_curriculum(tiny_curriculum)
    assert Word.objects.get(text="cat").example_sentence == "A cat sat on a hat."
    assert Level.objects.get(order=1).title == "Cats and hats"


def test_the_starter_curriculum_follows_a_phonics_progression():
    data = json.loads(STARTER.read_text())
    levels = data["levels"]
    assert len(levels) >= 6
    assert all(len(level["words"]) >= 20 for level in levels)
    words = [word["text"] for level in levels for word in level["words"]]
    assert len(words) == len(set(words)), "a word appears in two levels"
    for target, confusion in CONFUSION_PAIRS:
        assert target in words and confusion in words
    for level in levels:
        for word in level["words"]:
            assert word["sentence"], word
            assert word["text"] in word["sentence"].lower(), word


def test_the_starter_curriculum_loads_with_sounds_for_every_word(capsys):
    call_command("load_curriculum")
    assert "level(s)" in capsys.readouterr().out
    assert Level.objects.count() >= 6
    assert not Word.objects.filter(phonemes="").exists()
    assert not Word.objects.filter(syllables=[]).exists()
    # Fewer good synonyms beat many bad ones: only child-safe words from a word's main sense,
    # each checked against the reviewed list in lexicon/tests/reviewed_synonyms.json.
    reviewed = json.loads((ROOT / "lexicon/tests/reviewed_synonyms.json").read_text())["words"]
    with_synonyms = Word.objects.exclude(synonyms=[])
    assert with_synonyms.count() >= 10
    for word in with_synonyms:
        assert set(word.synonyms) <= set(reviewed[word.text]["allowed"]), word.text
    assert Word.objects.filter(tags__name="confusable-letters").exists()
