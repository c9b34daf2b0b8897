"""Settings for a developer's machine: SQLite, debug pages, e-mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
# Only used on a developer's machine; production reads DJANGO_SECRET_KEY.
SECRET_KEY = "dev-only-not-secret-mipex-reg"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
