"""Dates, numbers and country names on public pages and PDFs, in each page's language."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import date_format
from wagtail.models import Locale

from home.month_names import ALT_MONTH_NAMES
from home.translations import translate_page
from indicators.models import Edition
from indicators.scoring import compute_edition_scores
from publications.builder import build_profile_pdf, live_profile
from publications.publication import build_publication
from regions.models import RegionProfilePage
from regions.profiles import create_profile
from tests.factories import answer, make_edition, make_framework, make_region
from tests.page_factories import home_page, make_index_page
from tests.pdf_helpers import pdf_text
from tests.test_profiles import LAYOUT, shown_scores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_without_commit")]

TRANSLATED_LANGUAGES = ("ca", "el", "de")
PUBLISHED_AT = datetime(2026, 3, 5, 14, 30, tzinfo=UTC)
SCORES_COMPUTED_AT = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)
PDF_BUILT_AT = datetime(2026, 5, 7, 9, 5, tzinfo=UTC)

# The day (5) and the month (3) differ, so the tests distinguish day-month from month-day order.
LAST_UPDATED = {
    "en": "Last updated: 5 March 2026",
    "ca": "Darrera actualització: 5 de març de 2026",
    "el": "Τελευταία ενημέρωση: 05/03/2026",
    "de": "Zuletzt aktualisiert: 5. März 2026",
}
PDF_BUILT = {
    "en": "Generated from the site on 7 May 2026, 09:05 UTC.",
    "ca": "Generat des del lloc web el 7 de maig de 2026 a les 9:05 UTC.",
    "el": "Δημιουργήθηκε από τον ιστότοπο στις 07/05/2026 9:05 πμ. UTC.",
    "de": "Von der Website erzeugt am 7. Mai 2026 09:05 UTC.",
}
SPAIN = {"en": "Spain", "ca": "Espanya", "el": "Ισπανία", "de": "Spanien"}


@pytest.fixture
def edition() -> Edition:
    """An edition whose scores of ES51 have decimals: x1 is 75, x is 37.5."""
    edition = make_edition(make_framework(LAYOUT), slug="reg-2026")
    catalonia = make_region("ES51")
    for code, value in [("i1", "a"), ("i2", "b"), ("i3", "c"), ("j1", "a")]:
        answer(edition, catalonia, code, value)
    answer(edition, make_region("ES61", name="Andalucía"), "i1", "b")
    compute_edition_scores(edition)
    Edition.objects.filter(pk=edition.pk).update(scores_computed_at=SCORES_COMPUTED_AT)
    edition.refresh_from_db()
    return edition


@pytest.fixture
def pages(edition) -> dict[str, dict]:
    """{language: {"index": page, "profile": page}} for English and its translations."""
    index_page = make_index_page(edition)
    profile = create_profile(index_page, make_region("ES51"), publish=True)
    pages = {"en": {"index": index_page, "profile": profile}}
    for language_code in TRANSLATED_LANGUAGES:
        locale = Locale.objects.get(language_code=language_code)
        translate_page(home_page(), locale, {})
        pages[language_code] = {
            "index": translate_page(index_page, locale, {}),
            "profile": translate_page(profile, locale, {}),
        }
    RegionProfilePage.objects.filter(region__code="ES51").update(last_published_at=PUBLISHED_AT)
    return pages


def get_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def visible_text(html: str) -> str:
    """Return the page's text without tags, with each run of white space made one space."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("language_code", ["en", *TRANSLATED_LANGUAGES])
def test_profile_last_updated_in_language(client, pages, language_code):
    html = get_html(client, pages[language_code]["profile"])

    assert LAST_UPDATED[language_code] in visible_text(html)
    assert '<time datetime="2026-03-05T14:30:00+00:00">' in html


@pytest.mark.parametrize("language_code", ["en", *TRANSLATED_LANGUAGES])
def test_profile_country_name_in_language(client, pages, language_code):
    html = get_html(client, pages[language_code]["profile"])
    meta = re.search(r'<p class="profile__meta">(.*?)</p>', html, re.S).group(1)

    assert visible_text(meta).startswith(f"{SPAIN[language_code]} · ES51")


@pytest.mark.parametrize("language_code", ["en", *TRANSLATED_LANGUAGES])
def test_index_country_column_in_language(client, pages, language_code):
    html = get_html(client, pages[language_code]["index"])

    assert f"<td>{SPAIN[language_code]}</td>" in html


@pytest.mark.parametrize("language_code", TRANSLATED_LANGUAGES)
def test_profile_machine_readable_numbers_keep_point(client, pages, language_code):
    html = get_html(client, pages[language_code]["profile"])
    values = re.findall(r'<data class="score__value" value="([^"]+)"', html)
    widths = re.findall(r'style="width: ([^"]+)%"', html)

    assert "37.5000" in values
    assert all(re.fullmatch(r"\d+\.\d{4}", value) for value in values), values
    assert "37.5" in widths
    assert all(re.fullmatch(r"\d+\.\d", width) for width in widths), widths


@pytest.mark.parametrize("language_code", TRANSLATED_LANGUAGES)
def test_profile_scores_shown_as_in_english(client, pages, language_code):
    english = shown_scores(get_html(client, pages["en"]["profile"]))
    translated = shown_scores(get_html(client, pages[language_code]["profile"]))

    assert english
    assert translated == english


@pytest.mark.parametrize(
    ("month", "expected"),
    [(3, "5 de març de 2026"), (4, "5 d’abril de 2026"), (8, "5 d’agost de 2026")],
)
def test_catalan_date_has_preposition(month, expected):
    with translation.override("ca"):
        formatted = date_format(datetime(2026, month, 5, tzinfo=UTC), "DATE_FORMAT")

    assert formatted == expected


def test_catalan_catalog_has_every_month():
    with translation.override("ca"):
        names = [str(name) for name in ALT_MONTH_NAMES]

    assert all(re.fullmatch(r"(de |d’)\w+", name) for name in names), names


def test_last_updated_follows_later_score_computation(client, pages, edition):
    recomputed_at = datetime(2026, 4, 20, 12, 0, tzinfo=UTC)
    Edition.objects.filter(pk=edition.pk).update(scores_computed_at=recomputed_at)

    html = get_html(client, pages["de"]["profile"])

    assert "Zuletzt aktualisiert: 20. April 2026" in visible_text(html)


def test_last_updated_ignores_draft_edition_scores(pages, edition):
    Edition.objects.filter(pk=edition.pk).update(
        status="draft", scores_computed_at=datetime(2026, 4, 20, 12, 0, tzinfo=UTC)
    )
    profile = RegionProfilePage.objects.get(pk=pages["en"]["profile"].pk)

    assert profile.last_updated_at == PUBLISHED_AT


@pytest.mark.parametrize("language_code", ["en", *TRANSLATED_LANGUAGES])
def test_profile_pdf_dates_in_language(monkeypatch, pages, language_code):
    monkeypatch.setattr("publications.builder.timezone.now", lambda: PDF_BUILT_AT)

    text = pdf_text(build_profile_pdf(live_profile(pages[language_code]["profile"].pk)))

    assert LAST_UPDATED[language_code] in text
    assert PDF_BUILT[language_code] in text
    assert f"{SPAIN[language_code]} · ES51" in text


@pytest.mark.parametrize(
    ("language_code", "built"),
    [
        ("en", "Generated from the MIPEX-REG site on 7 May 2026."),
        ("el", "Δημιουργήθηκε από τον ιστότοπο του MIPEX-REG στις 07/05/2026."),
        ("de", "Von der Website von MIPEX-REG erzeugt am 7. Mai 2026."),
    ],
)
def test_publication_pdf_dates_in_language(monkeypatch, pages, edition, language_code, built):
    monkeypatch.setattr("publications.publication.timezone.now", lambda: PDF_BUILT_AT)

    text = pdf_text(build_publication(edition, Locale.objects.get(language_code=language_code)))

    assert built in text
    assert LAST_UPDATED[language_code] in text
    assert f"{SPAIN[language_code]} · ES51" in text


def test_live_profile_keeps_publication_time_with_draft(pages):
    profile = RegionProfilePage.objects.get(pk=pages["en"]["profile"].pk)
    profile.title = "Catalonia, draft"
    profile.save_revision()

    live = live_profile(profile.pk)

    assert live.title != "Catalonia, draft"
    assert live.last_published_at == PUBLISHED_AT


def test_export_decimals_ignore_active_language(edition):
    with translation.override("de"):
        records = json.loads(call_command_output("--edition", "reg-2026"))
        rows = list(
            csv.DictReader(
                io.StringIO(call_command_output("--edition", "reg-2026", "--format", "csv"))
            )
        )

    json_area = next(r for r in records if r["region"] == "ES51" and r["code"] == "x")
    csv_area = next(r for r in rows if r["region"] == "ES51" and r["code"] == "x")
    assert json_area["score"] == 37.5
    assert csv_area["score"] == "37.5"


def call_command_output(*args: str) -> str:
    output = io.StringIO()
    call_command("export_scores", *args, stdout=output)
    return output.getvalue()
