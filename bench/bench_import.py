"""Benchmark: importing 54,000 answers from CSV against tablib parsing the same file.

The file holds 300 regions x 60 indicators x 3 roles (expert, peer reviewer, final). The
target is an import time of at most 8 times tablib's parse time, and peak memory under
500 MB. The import includes validation, the bulk writes and recomputing the final scores.
Run: .venv/bin/python bench/bench_import.py
"""

import csv
import random
import resource
import tempfile
from pathlib import Path

from bench_scoring import build_framework
from common import database_label, setup_django, time_call

REGIONS = 300
ROLES = ("expert", "peer_reviewer", "final")
TARGET_RATIO = 8


def write_responses_csv(path: Path, framework, edition_slug: str, region_codes: list[str]) -> int:
    indicator_codes = list(framework.indicators.values_list("code", flat=True))
    chooser = random.Random(REGIONS)
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["edition", "region", "role", "indicator", "answer", "source", "comment"])
        for region_code in region_codes:
            for role in ROLES:
                for code in indicator_codes:
                    answer = chooser.choice(("a", "b", "c", "n/a", "75"))
                    writer.writerow(
                        [edition_slug, region_code, role, code, answer, "Law 12/2009, art. 4", ""]
                    )
                    rows += 1
    return rows


def parse_with_tablib(path: Path) -> None:
    import tablib

    tablib.Dataset().load(path.read_text(encoding="utf-8-sig"), format="csv")


def main() -> None:
    setup_django()
    from indicators.importers.responses import import_responses
    from indicators.models import Edition
    from regions.models import Region

    framework = build_framework()
    edition = Edition.objects.create(
        framework=framework, slug="bench-import", title="Bench", year=2026
    )
    region_codes = [f"XX{n:04d}" for n in range(REGIONS)]
    Region.objects.bulk_create(
        Region(code=code, name=code, country="ES", level="nuts2") for code in region_codes
    )

    path = Path(tempfile.mkdtemp(prefix="mipex-bench-")) / "responses.csv"
    rows = write_responses_csv(path, framework, edition.slug, region_codes)

    parse_seconds = time_call(lambda: parse_with_tablib(path), repeat=5)
    first_import = time_call(lambda: import_responses(path))
    reimport = time_call(lambda: import_responses(path))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"Database: {database_label()}; file: {rows} rows, {path.stat().st_size / 1e6:.1f} MB")
    print(f"tablib parse (median of 5):   {parse_seconds:.3f} s")
    first_ratio = first_import / parse_seconds
    print(f"import, new answers:          {first_import:.3f} s  ratio {first_ratio:.1f}")
    print(f"import again, all unchanged:  {reimport:.3f} s  ratio {reimport / parse_seconds:.1f}")
    print(f"target ratio: at most {TARGET_RATIO}; peak memory of the process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
