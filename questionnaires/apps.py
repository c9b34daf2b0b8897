from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questionnaires"
    verbose_name = "Questionnaires and review"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save
        from wagtail.models import Locale, TaskState
        from wagtail.signals import task_submitted

        from .profile_workflow import notify_regional_expert
        from .translators import ensure_translator_groups, locale_saved

        post_save.connect(locale_saved, sender=Locale, dispatch_uid="translator_group_per_locale")
        post_migrate.connect(
            ensure_translator_groups, sender=self, dispatch_uid="translator_groups_after_migrate"
        )
        task_submitted.connect(
            notify_regional_expert, sender=TaskState, dispatch_uid="notify_regional_expert"
        )
