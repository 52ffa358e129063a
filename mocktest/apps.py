from django.apps import AppConfig


class MocktestConfig(AppConfig):
    name = "mocktest"
    verbose_name = "Mock tests"

    def ready(self):
        from . import tasks  # noqa: F401 - registers the task names actions queue by
