from django.apps import AppConfig


class ChatbotConfig(AppConfig):
    name = "chatbot"
    verbose_name = "Tutor chat"

    def ready(self):
        # Registers the task names actions queue by (dyslexia_site.queue) in every process.
        from . import tasks  # noqa: F401
