from pathlib import Path

import pytest
from django.utils import translation

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DATA_DIR = REPO_DIR.parent / "shared" / "data"
MIPEX_WORKBOOK = SHARED_DATA_DIR / "mipex" / "mipex_core_2007-2019.xlsx"


@pytest.fixture
def mipex_workbook_path() -> Path:
    """The MIPEX national workbook, which is read from beside the checkout and never committed."""
    if not MIPEX_WORKBOOK.exists():
        pytest.fail(f"The MIPEX national workbook is missing: {MIPEX_WORKBOOK}")
    return MIPEX_WORKBOOK


@pytest.fixture(autouse=True)
def restore_language():
    """Reactivate the language that was active before each test.

    LocaleMiddleware leaves the language of a test client's last request active in the
    thread, so a test that requests /el/ would otherwise make later tests compare Greek
    labels.
    """
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def publish_without_commit(monkeypatch):
    """Run on-commit callbacks at once: tests roll back instead of committing.

    wagtail-localize (1.14) publishes a translated page's revision in `on_commit`. Modules
    that translate pages use it with `pytest.mark.usefixtures`.
    """
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback, **kwargs: callback())
