"""Benchmark: importing the MIPEX national workbook (56 countries, 2007-2020) into a new database.

Times the first import into an empty, migrated database and a second import of the same
file, which finds every row in place. The budget is 60 seconds for an import. The workbook
is read from ../shared/data/mipex beside the checkout. Run:
.venv/bin/python bench/bench_workbook.py (MIPEX_BENCH_DATABASE=postgres for PostgreSQL).
"""

import os
import sys

from common import SHARED_DATA_DIR, database_label, setup_django, time_call

WORKBOOK = SHARED_DATA_DIR / "mipex" / "mipex_core_2007-2019.xlsx"
BUDGET_SECONDS = 60.0


def main() -> None:
    if not WORKBOOK.exists():
        sys.exit(f"The MIPEX national workbook is missing: {WORKBOOK}")
    setup_django()
    from indicators.importers.mipex_workbook import import_workbook
    from indicators.models import Answer, Score

    print(f"Database: {database_label()}, {os.cpu_count()} CPUs")
    print(f"Workbook: {WORKBOOK.name}")
    print("import       seconds  share of the 60 s budget")
    for label in ("first", "second"):
        seconds = time_call(lambda: import_workbook(WORKBOOK))
        print(f"{label:<11} {seconds:8.2f}  {seconds / BUDGET_SECONDS:.2f}")
    print(f"Stored: {Answer.objects.count()} answers, {Score.objects.count()} scores")


if __name__ == "__main__":
    main()
