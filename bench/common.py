"""Shared set-up for the benchmark scripts: a fresh, migrated database and timers."""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DATA_DIR = REPO_DIR.parent / "shared" / "data"


def setup_django() -> None:
    """Configure Django with bench.settings and migrate a new, empty database."""
    sys.path.insert(0, str(REPO_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    if os.environ.get("MIPEX_BENCH_DATABASE") == "postgres":
        _recreate_postgres_database("mipex_bench")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _recreate_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def time_call(function: Callable[[], object], repeat: int = 1) -> float:
    """Return the median wall-clock time of `function` over `repeat` runs, in seconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def database_label() -> str:
    from django.db import connection

    return connection.vendor
