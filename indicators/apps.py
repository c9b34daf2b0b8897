from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and scores"

    def ready(self) -> None:
        from . import signals  # noqa: F401
