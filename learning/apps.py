from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning: levels and words"

    def ready(self):
        # Registers the task names actions queue by (dyslexia_site.queue) in every process.
        from . import recordings, tasks  # noqa: F401

        recordings.connect_file_deletion()

        from . import recommending

        recommending.connect_curriculum_changes()

        # Reference readings outlive the process: kept in the database, made by workers.
        from speech.references import use_store

        from .references import DatabaseReferenceStore

        use_store(DatabaseReferenceStore())
