from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DATA_DIR = REPO_DIR.parent / "shared" / "data"
MIPEX_WORKBOOK = SHARED_DATA_DIR / "mipex" / "mipex_core_2007-2019.xlsx"


@pytest.fixture
def mipex_workbook_path() -> Path:
    """The MIPEX national workbook, which is read from beside the checkout and never committed."""
    if not MIPEX_WORKBOOK.exists():
        pytest.fail(f"The MIPEX national workbook is missing: {MIPEX_WORKBOOK}")
    return MIPEX_WORKBOOK
