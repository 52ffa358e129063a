from django.core.management.base import BaseCommand

from learning.training import train_recommender


class Command(BaseCommand):
    help = (
        "Train the learner model behind 'Next word' on the attempt history (simulated learners when "
        "there are too few attempts) and save it with its features, version and metrics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Where to save (default: settings.RECOMMENDER_MODEL_PATH).")
        parser.add_argument("--learners", type=int, default=200, help="Simulated learners per policy.")
        parser.add_argument("--attempts", type=int, default=300, help="Readings per simulated learner.")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, output=None, learners=200, attempts=300, seed=0, **options):
        trained = train_recommender(path=output, simulated_learners=learners, attempts=attempts, seed=seed)
        metrics = trained.model.metrics
        self.stdout.write(
            f"Saved {trained.path} — trained on {trained.model.trained_on}; "
            f"held-out AUC {metrics.get('auc')}, Brier {metrics.get('brier')}"
        )
