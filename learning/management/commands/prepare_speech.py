"""Make the speech judge's reference readings for the curriculum ahead of time.

    python manage.py prepare_speech            # every word of every level
    python manage.py prepare_speech --level 2  # one level's words
    python manage.py prepare_speech ship fish  # these words

Without it the first judgement of each word makes them (a few seconds, once);
they are kept in the cache that the web process and the workers share.
"""

import time

from django.core.management.base import BaseCommand

from learning.models import Word
from speech.recognisers import get_recogniser
from speech.references import prepare
from speech.sounds import normalise_word


class Command(BaseCommand):
    help = "Make the speech judge's reference readings for curriculum words."

    def add_arguments(self, parser):
        parser.add_argument("words", nargs="*", help="Words to prepare (default: the curriculum).")
        parser.add_argument("--level", type=int, help="Only the words of this level (1 = first).")

    def handle(self, *args, words, level, **options):
        if not words:
            query = Word.objects.order_by("level__order", "position", "text")
            if level is not None:
                query = query.filter(level__order=level)
            words = list(query.values_list("text", flat=True))
        recogniser = get_recogniser()
        started = time.perf_counter()
        for n, word in enumerate(dict.fromkeys(normalise_word(w) for w in words), 1):
            self.stdout.write(f"{n:>4}  {word}  ({prepare(word, recogniser)} readings)")
        self.stdout.write(
            self.style.SUCCESS(f"Prepared {len(words)} words in {time.perf_counter() - started:.0f} s.")
        )
