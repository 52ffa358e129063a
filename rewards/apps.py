from django.apps import AppConfig


class RewardsConfig(AppConfig):
    name = "rewards"
    verbose_name = "Rewards, streaks and family summaries"

    def ready(self):
        from . import receivers, tasks  # noqa: F401 - tasks registers the weekly summary's name

        receivers.connect()
