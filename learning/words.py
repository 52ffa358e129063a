"""Actions on curriculum words: derive what a word's page shows from the lexicon."""

from django.db import transaction

import lexicon

from .difficulty import estimate_difficulty
from .models import Word


def fill_word_details(word: Word, *, overwrite: bool = False) -> list[str]:
    """Fill a word's phonetic data from the lexicon; returns the fields it changed.

    With overwrite=False only empty fields are filled, so staff corrections stay.
    Words the lexicon doesn't know keep whatever staff typed.
    """
    info = lexicon.lookup(word.text)
    if not info.known:
        return []
    derived = {
        "phonemes": " ".join(info.phonemes),
        "sound_spelling": info.sound_spelling,
        "syllables": list(info.syllables),
        "synonyms": list(info.synonyms),
        "frequency": round(info.frequency, 2),
    }
    changed = []
    for field, value in derived.items():
        current = getattr(word, field)
        if value and (overwrite or not current) and current != value:
            setattr(word, field, value)
            changed.append(field)
    if not word.example_sentence:
        sentence = lexicon.example_sentence(word.text)
        if sentence:
            word.example_sentence = sentence
            changed.append("example_sentence")
    difficulty = estimate_difficulty(word.text, word.phoneme_list, word.syllables, word.frequency)
    if difficulty != word.difficulty:
        word.difficulty = difficulty
        changed.append("difficulty")
    if changed and word.pk:
        word.save(update_fields=[*changed, "updated_at"])
    return changed


def fill_missing_details(word_ids: list[int]) -> int:
    """Fill every listed word that lacks phonetic data; returns how many changed."""
    changed = 0
    for word in Word.objects.filter(pk__in=word_ids).order_by("pk"):
        with transaction.atomic():
            if fill_word_details(word):
                changed += 1
    return changed


def change_word_text(word: Word, new_text: str) -> Word:
    """Renaming a word re-derives everything that came from its old spelling."""
    word.text = new_text
    word.phonemes = word.sound_spelling = ""
    word.syllables, word.synonyms = [], []
    word.save()
    fill_word_details(word, overwrite=True)
    return word
