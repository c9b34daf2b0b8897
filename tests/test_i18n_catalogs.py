"""The site's own strings: gettext catalogs for every content language, used on the pages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from indicators.bands import SCORE_BANDS

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")

# Navigation, band labels, table headings and buttons of the public pages: every catalog
# must translate these.
PUBLIC_STRINGS = [
    "Home",
    "Skip to content",
    "Languages",
    "Search",
    "Download PDF",
    "Overall score",
    "Rank",
    "Coverage",
    "Policy area",
    "Score (0 to 100)",
    "Indicator",
    "Answer",
    "Legal source or reference",
    "Expert comment",
    "Country",
    "Region",
    "Last updated:",
    "All regions in %(edition)s, ranked",
    "Select a column heading to sort the table.",
    "No profile of this edition is published yet.",
    "Overall score: region, country and peers",
    "Score given directly",
    "No final answers",
    *(str(band.label) for band in SCORE_BANDS),
]


def catalog(language_code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language_code / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    """Compile the catalogs when a `.mo` file is missing or older than its `.po` file."""
    for language_code in TRANSLATED_LANGUAGES:
        po_path = LOCALE_DIR / language_code / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            call_command("compilemessages", locale=TRANSLATED_LANGUAGES, verbosity=0)
            translation.trans_real._translations.clear()
            break


@pytest.mark.parametrize("language_code", TRANSLATED_LANGUAGES)
def test_catalog_translates_public_strings(language_code):
    entries = {entry.msgid: entry for entry in catalog(language_code)}
    untranslated = [
        msgid for msgid in PUBLIC_STRINGS if not entries.get(msgid) or not entries[msgid].msgstr
    ]
    assert untranslated == []


@pytest.mark.parametrize("language_code", TRANSLATED_LANGUAGES)
def test_catalog_keeps_placeholders(language_code):
    mismatched = []
    for entry in catalog(language_code).translated_entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                mismatched.append(entry.msgid)
    assert mismatched == []


@pytest.mark.parametrize("language_code", TRANSLATED_LANGUAGES)
def test_catalog_has_no_fuzzy_entries(language_code):
    assert [entry.msgid for entry in catalog(language_code).fuzzy_entries()] == []


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("el", "Ευνοϊκή"), ("ca", "Favorable"), ("de", "Günstig"), ("sv", "Gynnsam")],
)
def test_band_label_translated(language_code, expected):
    favourable = SCORE_BANDS[0]
    with translation.override(language_code):
        assert str(favourable.label) == expected


@pytest.mark.django_db
def test_greek_page_uses_catalog(client):
    html = client.get("/el/search/").content.decode()
    assert '<html lang="el">' in html
    assert "Μετάβαση στο περιεχόμενο" in html
    assert "<h1>Αναζήτηση</h1>" in html
