from django.core.management.base import BaseCommand

from dynamic import difficulty


class Command(BaseCommand):
    help = (
        "Train the explorer's difficulty model on the curriculum (each word's level is its label), "
        "record its held-out evaluation, and save both under softwaremodels/difficulty/."
    )

    def handle(self, *args, **options):
        words = difficulty.curriculum_words()
        metrics = difficulty.evaluate(words)
        model = difficulty.train(words)
        difficulty.save(model, metrics)
        for name, figures in metrics["results"].items():
            self.stdout.write(
                f"{name:15} accuracy {figures['accuracy']:.3f}  within one level {figures['within_one']:.3f}"
            )
        self.stdout.write(self.style.SUCCESS(f"Saved to {difficulty.MODEL_DIR}"))
