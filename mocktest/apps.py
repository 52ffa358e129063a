from django.apps import AppConfig


class MocktestConfig(AppConfig):
    name = "mocktest"
    verbose_name = "Mock tests"
