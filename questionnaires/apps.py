from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questionnaires"
    verbose_name = "Questionnaires and review"
