from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self):
        from .locales import ensure_content_locales
        from .translation_buttons import limit_localize_page_buttons

        # post_migrate is sent once per app after all migrations; this sender makes it run once.
        post_migrate.connect(ensure_content_locales, sender=self)
        limit_localize_page_buttons()
