"""Make what the practice pages need to speak and judge curriculum words, ahead of time.

    python manage.py prepare_speech                   # audio clips and reference readings, every word
    python manage.py prepare_speech --level 2         # one level's words
    python manage.py prepare_speech ship fish         # these words
    python manage.py prepare_speech --no-references   # audio clips only (quick)
    python manage.py prepare_speech --no-clips        # reference readings only (`make run` starts
                                                      # this beside the server)

Clips are queued (made in-process when no broker is configured); a page never
makes them. Reference readings are kept in the database (``ReferenceReading``), so a
restart never makes them again: words already made cost one query.
"""

import time

from django.core.management.base import BaseCommand

import lexicon
from learning.actions import request_clips
from learning.models import Word
from speech.references import prepare


class Command(BaseCommand):
    help = "Make audio clips and the speech judge's reference readings for curriculum words."

    def add_arguments(self, parser):
        parser.add_argument("words", nargs="*", help="Words to prepare (default: the curriculum).")
        parser.add_argument("--level", type=int, help="Only the words of this level (1 = first).")
        parser.add_argument("--no-references", action="store_true", help="Only the audio clips.")
        parser.add_argument("--no-clips", action="store_true", help="Only the reference readings.")

    def handle(self, *args, words, level, no_references, no_clips=False, **options):
        if not words:
            query = Word.objects.order_by("level__order", "position", "text")
            if level is not None:
                query = query.filter(level__order=level)
            words = list(query.values_list("text", flat=True))
        words = [word for word in dict.fromkeys(lexicon.normalise(w) for w in words) if word]
        started = time.perf_counter()
        if not no_clips:
            for word in words:
                request_clips(word)
            self.stdout.write(f"Audio clips requested for {len(words)} words.")
        if no_references:
            return
        for n, word in enumerate(words, 1):  # for the default engine and the busy one
            self.stdout.write(f"{n:>4}  {word}  ({prepare(word)} readings)")
        self.stdout.write(
            self.style.SUCCESS(f"Prepared {len(words)} words in {time.perf_counter() - started:.0f} s.")
        )
