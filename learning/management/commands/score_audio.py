"""Judge recordings from the command line, through the same code as the web app.

    python manage.py score_audio --word ship recording.webm other.wav
    python manage.py score_audio --manifest recordings.csv      # columns: file,word

One JSON object per line and file.
"""

import csv
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from speech import AudioRejected, judge_audio


class Command(BaseCommand):
    help = "Judge recordings of single words and print one JSON line per file."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Audio files (webm, ogg, mp4, wav, mp3).")
        parser.add_argument("--word", help="The word every FILE should be saying.")
        parser.add_argument(
            "--manifest", help="A CSV file with columns file,word (paths relative to the CSV)."
        )

    def handle(self, *args, files, word, manifest, **options):
        jobs = self._jobs(files, word, manifest)
        for path, target in jobs:
            self.stdout.write(json.dumps(self._score(path, target), ensure_ascii=False))

    def _jobs(self, files, word, manifest) -> list[tuple[Path, str]]:
        if manifest:
            if files or word:
                raise CommandError("Use either --manifest or --word with files, not both.")
            base = Path(manifest).resolve().parent
            with open(manifest, newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                if not reader.fieldnames or {"file", "word"} - set(reader.fieldnames):
                    raise CommandError("The manifest needs the columns file,word.")
                return [(base / row["file"], row["word"].strip()) for row in reader]
        if not word or not files:
            raise CommandError("Give --word WORD and one or more files, or --manifest CSV.")
        return [(Path(name), word) for name in files]

    def _score(self, path: Path, word: str) -> dict:
        started = time.perf_counter()
        row = {"file": str(path), "word": word}
        try:
            judgement = judge_audio(path.read_bytes(), word)
        except OSError as error:
            return {
                **row,
                "verdict": "error",
                "score": None,
                "mastered": False,
                "transcript": "",
                "feedback": f"Could not read the file: {error.strerror}",
                "engine": "",
                "seconds": round(time.perf_counter() - started, 3),
            }
        except AudioRejected as rejected:
            return {
                **row,
                "verdict": "rejected",
                "score": None,
                "mastered": False,
                "transcript": "",
                "feedback": rejected.message,
                "engine": "",
                "seconds": round(time.perf_counter() - started, 3),
            }
        return {
            **row,
            "verdict": judgement.verdict,
            "score": judgement.score,
            "mastered": judgement.mastered,
            "transcript": judgement.transcript,
            "feedback": judgement.feedback,
            "engine": judgement.engine,
            "seconds": round(time.perf_counter() - started, 3),
        }
