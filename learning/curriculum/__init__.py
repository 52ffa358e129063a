"""The starter curriculum shipped with the app (starter.json), and its loader."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ..actions import fill_word_details
from ..models import Level, Tag, Word

STARTER = Path(__file__).with_name("starter.json")


@dataclass
class LoadReport:
    levels_created: int = 0
    words_created: int = 0
    words_filled: int = 0

    def __str__(self):
        return (
            f"{self.levels_created} level(s) and {self.words_created} word(s) added; "
            f"{self.words_filled} word(s) had their sounds filled in."
        )


@transaction.atomic
def load_curriculum(path: Path = STARTER) -> LoadReport:
    """Add the curriculum's levels and words that aren't there yet.

    Running it again adds nothing twice, and never overwrites what staff have
    edited: existing levels and words only get fields that are still empty.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    report = LoadReport()
    tags: dict[str, Tag] = {}
    for level_data in data["levels"]:
        level, created = Level.objects.get_or_create(
            order=level_data["order"],
            defaults={
                "title": level_data["title"],
                "focus": level_data["focus"],
                "description": level_data.get("description", ""),
                "mock_test_size": level_data.get("mock_test_size", 10),
                "pass_mark": level_data.get("pass_mark", 80),
            },
        )
        report.levels_created += created
        existing = {word.text: word for word in level.words.all()}
        for position, word_data in enumerate(level_data["words"], start=1):
            text = word_data["text"].strip().lower()
            word = existing.get(text)
            if word is None:
                word = Word.objects.create(
                    level=level, text=text, position=position, example_sentence=word_data.get("sentence", "")
                )
                report.words_created += 1
                for name in word_data.get("tags", []):
                    if name not in tags:
                        tags[name] = Tag.objects.get_or_create(name=name)[0]
                word.tags.add(*(tags[name] for name in word_data.get("tags", [])))
            elif not word.example_sentence and word_data.get("sentence"):
                word.example_sentence = word_data["sentence"]
                word.save(update_fields=["example_sentence", "updated_at"])
            if not word.has_all_details and fill_word_details(word):
                report.words_filled += 1
    return report
