"""Import the MIPEX national workbook: one sheet per country, one block per policy area.

`import_workbook` reads the whole file first, so that a cell that cannot be read stops the
import before anything is written, and then writes everything in one transaction. See
docs/mipex-workbook.md for the layout of the workbook and the rules for reading it.
"""

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction

from .errors import WorkbookError
from .framework import build_framework
from .reading import read_workbook
from .writing import ImportSummary, edition_slug, write_workbook

__all__ = ["ImportSummary", "WorkbookError", "edition_slug", "import_workbook"]

logger = logging.getLogger(__name__)


def import_workbook(
    path: str | Path,
    years: Iterable[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import the workbook at `path`, all its years or only `years`.

    `progress` receives a line for each step. Raises WorkbookError, naming the sheet and
    cell, for input that cannot be read; nothing is written then.
    """
    path = Path(path)
    progress = progress or (lambda message: None)
    requested_years = set(years) if years is not None else None

    contents = read_workbook(path, requested_years, progress)
    if requested_years is not None:
        missing = sorted(requested_years - set(contents.years))
        if missing:
            raise WorkbookError(
                contents.file,
                f"has no data for {', '.join(map(str, missing))}. Allowed years: "
                f"{', '.join(map(str, contents.years))}.",
            )
    spec = build_framework(contents)

    with transaction.atomic():
        summary = write_workbook(contents, spec, requested_years or contents.years, progress)
    logger.info(
        "Imported MIPEX workbook %s: %d countries, editions %s, %d answers created, "
        "%d updated, %d deleted, %d warnings",
        contents.file,
        summary.countries,
        ", ".join(summary.editions),
        summary.answers_created,
        summary.answers_updated,
        summary.answers_deleted,
        len(summary.warnings),
    )
    return summary
