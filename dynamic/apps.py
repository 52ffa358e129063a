from django.apps import AppConfig


class DynamicConfig(AppConfig):
    name = "dynamic"
    verbose_name = "Word explorer"

    def ready(self):
        # Registers the task names actions queue by, and lets the speech URL speak explorer words.
        from learning.rules import register_spoken_words

        from . import rules, tasks  # noqa: F401

        register_spoken_words(rules.has_explorer_entry)
