"""Settings for the benchmarks: the test settings on a fresh database file (or PostgreSQL)."""

import os
import tempfile
from pathlib import Path

from mipexsite.settings.test import *  # noqa: F403

if os.environ.get("MIPEX_BENCH_DATABASE") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "mipex_bench",
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": "5432",
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(tempfile.mkdtemp(prefix="mipex-bench-")) / "bench.sqlite3",
        }
    }

LOGGING = {"version": 1, "disable_existing_loggers": False}
