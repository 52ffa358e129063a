from pathlib import Path

from django.core.management.base import BaseCommand

from learning.curriculum import STARTER, load_curriculum


class Command(BaseCommand):
    help = "Load the starter curriculum (or another curriculum JSON file). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(STARTER), help="A curriculum JSON file.")

    def handle(self, *args, path, **options):
        report = load_curriculum(Path(path))
        self.stdout.write(self.style.SUCCESS(str(report)))
