"""The MIPEX national workbook importer, on the real workbook and on small built workbooks.

The real workbook is read from beside the checkout (see conftest.py). The tests compare the
stored scores with the scores that the workbook itself publishes, which they read with
openpyxl directly rather than through the importer.
"""

from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from indicators.bands import round_score
from indicators.importers.mipex_workbook import WorkbookError, import_workbook
from indicators.importers.mipex_workbook.cell_values import normalise_code, parse_answer_options
from indicators.importers.mipex_workbook.framework import is_part_of
from indicators.models import (
    Answer,
    AnswerOption,
    Dimension,
    Edition,
    Framework,
    Indicator,
    PolicyArea,
    QuestionnaireResponse,
    Score,
    ScoreLevel,
)
from indicators.models.scores import OVERALL_CODE
from regions.countries import to_iso_country_code
from regions.models import Region
from tests.conftest import MIPEX_WORKBOOK

TOLERANCE = 0.01
NON_HEALTH_AREAS = ("a", "b", "c", "d", "e", "f", "g")


def _year_rows(rows: list[tuple], first: int):
    """Yield (year, row) from row index `first` on, while column A contains a year."""
    index = first
    while index < len(rows) and isinstance(rows[index][0], int | float):
        yield int(rows[index][0]), rows[index]
        index += 1


def published_scores(path: Path) -> dict[tuple[str, int, str], float]:
    """Return the scores the workbook publishes, by (ISO country code, year, code).

    Codes are the area codes a-h, "overall" for the overall score with health and
    "without health" for the overall score without health. Cells without a number are
    skipped, because the workbook publishes no score there.
    """
    scores: dict[tuple[str, int, str], float] = {}
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for worksheet in workbook.worksheets:
        country = to_iso_country_code(worksheet.title)
        rows = list(worksheet.iter_rows(values_only=True))

        # The "Overall Scores" block: a header row, then year, with health, without health.
        for year, row in _year_rows(rows, 2):
            for code, value in ((OVERALL_CODE, row[1]), ("without health", row[2])):
                if isinstance(value, int | float):
                    scores[(country, year, code)] = value

        # Each "Policy strand" block: the area code below it, and the strand average in B.
        for index, row in enumerate(rows):
            if isinstance(row[0], str) and row[0].strip() == "Policy strand":
                area = str(rows[index + 1][1]).strip()
                for year, year_row in _year_rows(rows, index + 7):
                    if isinstance(year_row[1], int | float):
                        scores[(country, year, area)] = year_row[1]
    workbook.close()
    return scores


def stored_scores() -> dict[tuple[str, int, str], float | None]:
    """Return the stored area and overall scores, by (country code, year, code)."""
    rows = Score.objects.filter(
        edition__framework__slug="mipex-national",
        level__in=[ScoreLevel.AREA, ScoreLevel.OVERALL],
    ).values_list("region__code", "edition__year", "code", "value")
    return {(country, year, code): value for country, year, code, value in rows}


def table_counts() -> dict[str, int]:
    models = (
        Framework,
        PolicyArea,
        Dimension,
        Indicator,
        AnswerOption,
        Edition,
        Region,
        QuestionnaireResponse,
        Answer,
        Score,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="class")
def imported_workbook(django_db_setup, django_db_blocker):
    """Import the real workbook once for a test class, and roll it back after its last test."""
    if not MIPEX_WORKBOOK.exists():
        pytest.fail(f"The MIPEX national workbook is missing: {MIPEX_WORKBOOK}")
    with django_db_blocker.unblock(), transaction.atomic():
        summary = import_workbook(MIPEX_WORKBOOK)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def published(imported_workbook):
    return published_scores(MIPEX_WORKBOOK)


@pytest.mark.workbook
@pytest.mark.usefixtures("imported_workbook")
class TestRealWorkbook:
    """The real workbook, imported once for the class."""

    @pytest.mark.django_db
    def test_every_published_area_score_reproduced(self, published):
        stored = stored_scores()
        compared, mismatches = 0, []
        for (country, year, code), expected in published.items():
            if code in (OVERALL_CODE, "without health"):
                continue
            compared += 1
            value = stored.get((country, year, code))
            if value is None or abs(value - expected) > TOLERANCE:
                mismatches.append(f"{country} {year} {code}: published {expected}, stored {value}")

        assert compared > 0
        assert mismatches == []

    @pytest.mark.django_db
    def test_every_published_overall_reproduced(self, published):
        stored = stored_scores()
        compared, mismatches = 0, []
        for (country, year, code), expected in published.items():
            if code != OVERALL_CODE:
                continue
            compared += 1
            value = stored.get((country, year, OVERALL_CODE))
            if value is None or abs(value - expected) > TOLERANCE:
                mismatches.append(f"{country} {year}: published {expected}, stored {value}")

        assert compared > 0
        assert mismatches == []

    @pytest.mark.django_db
    def test_overall_without_health_reproduced(self, published):
        stored = stored_scores()
        compared, mismatches = 0, []
        for (country, year, code), expected in published.items():
            if code != "without health":
                continue
            areas = [stored.get((country, year, area)) for area in NON_HEALTH_AREAS]
            values = [value for value in areas if value is not None]
            mean = sum(values) / len(values) if values else None
            compared += 1
            if mean is None or abs(mean - expected) > TOLERANCE:
                mismatches.append(f"{country} {year}: published {expected}, mean of 7 areas {mean}")

        assert compared > 0
        assert mismatches == []

    @pytest.mark.django_db
    def test_every_sheet_has_published_scores_compared(self, published, mipex_workbook_path):
        workbook = openpyxl.load_workbook(mipex_workbook_path, read_only=True)
        countries = {to_iso_country_code(name) for name in workbook.sheetnames}
        workbook.close()

        assert {country for country, _, _ in published} == countries

    @pytest.mark.django_db
    def test_sweden_2019_matches_published_results(self):
        stored = stored_scores()
        expected = {
            OVERALL_CODE: 86.39,
            "a": 90.78,
            "b": 71.28,
            "c": 92.86,
            "d": 80,
            "e": 89.58,
            "f": 83.25,
            "g": 100,
            "h": 83.38,
        }
        for code, value in expected.items():
            assert stored[("SE", 2019, code)] == pytest.approx(value, abs=0.005), code

    @pytest.mark.django_db
    def test_germany_2019_overall(self):
        assert stored_scores()[("DE", 2019, OVERALL_CODE)] == pytest.approx(58.33, abs=0.005)

    @pytest.mark.django_db
    def test_2019_rounded_overall_scores(self):
        stored = stored_scores()
        expected = {
            "SE": 86,
            "FI": 85,
            "PT": 81,
            "CA": 80,
            "NZ": 77,
            "US": 73,
            "NO": 69,
            "BE": 69,
            "DE": 58,
            "CH": 50,
            "AT": 46,
            "LV": 37,
            "SA": 10,
        }
        rounded = {
            country: round_score(stored[(country, 2019, OVERALL_CODE)]) for country in expected
        }

        assert rounded == expected

    @pytest.mark.django_db
    def test_workbook_country_codes_become_iso(self):
        codes = set(Region.objects.values_list("code", flat=True))

        assert {"TR", "GB", "GR"} <= codes
        assert not {"TU", "UK", "EL"} & codes

    @pytest.mark.django_db
    def test_editions_one_per_year(self, imported_workbook):
        slugs = set(Edition.objects.values_list("slug", flat=True))

        assert slugs == {f"mipex-{year}" for year in range(2007, 2021)}
        assert imported_workbook.editions == sorted(slugs)

    @pytest.mark.django_db
    def test_framework_has_eight_areas_and_dimensions(self):
        areas = list(PolicyArea.objects.filter(framework__slug="mipex-national"))
        dimensions = Dimension.objects.filter(framework__slug="mipex-national")
        dimension_codes = {area.code: [] for area in areas}
        for dimension in dimensions:
            dimension_codes[dimension.area.code].append(dimension.code)

        assert [area.code for area in areas] == list("abcdefgh")
        assert dimension_codes["e"] == ["e1", "e2", "e3", "e4"]
        assert dimension_codes["g"] == ["ga", "gb", "gc", "gd"]
        assert dimension_codes["h"] == ["h1", "h2", "h3", "h4"]
        assert dimension_codes["a"] == ["a"]

    @pytest.mark.django_db
    def test_composite_parts_have_parent(self):
        parents = dict(
            Indicator.objects.filter(parent__isnull=False).values_list("code", "parent__code")
        )

        assert parents["bb28a"] == "bb28"
        assert parents["bb31"] == "bb30bb31"
        assert parents["cd64"] == "cc59cd64"
        assert parents["fb107"] == "fb_new"
        assert parents["gb126"] == "gb"
        # Written in the Sub-indicator row of some sheets, but not a part of any composite.
        assert "aa1" not in parents

    @pytest.mark.django_db
    def test_composite_parts_counted_once(self):
        area = Score.objects.get(
            edition__slug="mipex-2019", region__code="SE", level=ScoreLevel.AREA, code="b"
        )
        top_level = Indicator.objects.filter(
            framework__slug="mipex-national", dimension__area__code="b", parent__isnull=True
        )
        scores = Answer.objects.filter(
            response__edition__slug="mipex-2019",
            response__region__code="SE",
            indicator__in=top_level,
        ).values_list("direct_score", flat=True)

        assert area.total == top_level.count()
        assert area.value == pytest.approx(sum(scores) / len(scores))

    @pytest.mark.django_db
    def test_answer_options_read_from_file(self):
        options = AnswerOption.objects.filter(indicator__code="aa1")

        assert {option.code for option in options} == {"100", "50", "0"}
        assert all(option.label for option in options)
        assert not AnswerOption.objects.filter(indicator__code="bb30bb31").exists()

    @pytest.mark.django_db
    def test_reimport_changes_nothing(self, mipex_workbook_path):
        before = table_counts()

        summary = import_workbook(mipex_workbook_path)

        assert table_counts() == before
        assert summary.answers_created == 0
        assert summary.answers_updated == 0
        assert summary.answers_deleted == 0


# Small workbooks built for a test, with one country sheet and one strand block.
BUILT_YEARS = (2013, 2014, 2019)
# Indicator columns: code cell, written in the Indicator or in the Sub-indicator row.
BUILT_COLUMNS = (
    ("aa1", "indicator"),
    ("ab2", "indicator"),
    ("ab2a", "sub"),
    ("ab2b", "sub"),
    ("ac3 (new)", "indicator"),
)
STRAND_ROW = 10
FIRST_YEAR_ROW = STRAND_ROW + 7


def score_cell(code: str, year: int) -> str:
    """Return the coordinate of an indicator's score cell in a built workbook."""
    index = [column for column, _ in BUILT_COLUMNS].index(code)
    column = openpyxl.utils.get_column_letter(5 + 3 * index)
    return f"{column}{FIRST_YEAR_ROW + BUILT_YEARS.index(year)}"


def build_workbook(
    path: Path,
    sheets: dict[str, dict[tuple[str, int], object]],
    comments: dict[tuple[str, int], str] | None = None,
) -> Path:
    """Write a workbook with one sheet per country, with the scores given by (code, year).

    Every sheet gets the same `comments`, beside the score cells of (code, year).
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, scores in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet["A1"] = "Overall Scores"
        sheet["A2"] = "Year"
        sheet.cell(STRAND_ROW, 1, "Policy strand")
        sheet.cell(STRAND_ROW, 2, "Labour Market Mobility Strand ")
        labels = ("Indicator", "Sub-indicator", "Title ", "Description ", "Answer options ", "Year")
        for offset, label in enumerate(labels, start=1):
            sheet.cell(STRAND_ROW + offset, 1, label)
        sheet.cell(STRAND_ROW + 1, 2, "a")
        for index, (code, row_kind) in enumerate(BUILT_COLUMNS):
            column = 5 + 3 * index
            code_row = STRAND_ROW + (1 if row_kind == "indicator" else 2)
            sheet.cell(code_row, column, code)
            sheet.cell(STRAND_ROW + 3, column, f"Test indicator {code}")
            sheet.cell(STRAND_ROW + 4, column, "A question written for this test.")
            sheet.cell(STRAND_ROW + 5, column, "100 - Yes\n50 - Partly\n0 - No")
            sheet.cell(STRAND_ROW + 6, column, "Score")
            sheet.cell(STRAND_ROW + 6, column + 1, "Comments")
        for offset, year in enumerate(BUILT_YEARS):
            sheet.cell(FIRST_YEAR_ROW + offset, 1, year)
        for (code, year), value in scores.items():
            sheet[score_cell(code, year)] = value
        for (code, year), comment in (comments or {}).items():
            cell = sheet[score_cell(code, year)]
            sheet.cell(cell.row, cell.column + 1, comment)
    workbook.save(path)
    return path


def full_scores(value: object = 100) -> dict[tuple[str, int], object]:
    return {(code, year): value for code, _ in BUILT_COLUMNS for year in BUILT_YEARS}


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("gc_new (128, 129, 133, 135)", "gc_new"),
        (148, "148"),
        (148.0, "148"),
        (" fb107 ", "fb107"),
        ("cd64 ", "cd64"),
    ],
)
def test_normalise_code_cases(cell, code):
    assert normalise_code(cell) == code


@pytest.mark.parametrize(
    ("code", "composite", "expected"),
    [
        ("bb28a", "bb28", True),
        ("gb123", "gb", True),
        ("fb104a", "fb_new", True),
        ("bb31", "bb30bb31", True),
        ("cd64", "cc59cd64", True),
        ("bb280", "bb28", False),
        ("ac13", "ab9", False),
        ("aa3", "aa1", False),
    ],
)
def test_is_part_of_cases(code, composite, expected):
    assert is_part_of(code, composite) is expected


def test_parse_answer_options_skips_other_lines():
    options = parse_answer_options("100 - Yes\n50-  Partly\nNote for the expert\n0 - No")

    assert options == [("100", "Yes", 100.0), ("50", "Partly", 50.0), ("0", "No", 0.0)]
    assert parse_answer_options("TO BE FILLED AUTOMATICALLY") == []


@pytest.mark.django_db
def test_built_composite_counted_once(tmp_path):
    scores = full_scores()
    scores[("ab2", 2019)] = 50  # The parts stay at 100: their mean would give 100.
    path = build_workbook(tmp_path / "composite.xlsx", {"LI": scores})

    import_workbook(path, years=[2019])

    area = Score.objects.get(region__code="LI", level=ScoreLevel.AREA, code="a")
    assert area.value == pytest.approx((100 + 50 + 100) / 3)
    assert area.total == 3
    assert Indicator.objects.get(code="ab2a").parent.code == "ab2"
    assert Indicator.objects.filter(code="ac3").exists()


@pytest.mark.django_db
def test_years_option_imports_only_those(tmp_path):
    path = build_workbook(tmp_path / "years.xlsx", {"LI": full_scores()})

    call_command(
        "import_mipex_workbook", str(path), years="2019,2014", stdout=StringIO(), stderr=StringIO()
    )

    assert set(Edition.objects.values_list("slug", flat=True)) == {"mipex-2014", "mipex-2019"}
    assert QuestionnaireResponse.objects.count() == 2


@pytest.mark.django_db
def test_command_progress_on_stderr(tmp_path):
    path = build_workbook(tmp_path / "progress.xlsx", {"LI": full_scores()})
    stdout, stderr = StringIO(), StringIO()

    call_command("import_mipex_workbook", str(path), stdout=stdout, stderr=stderr)

    assert "Reading sheet LI (1/1)" in stderr.getvalue()
    assert "Computing scores of mipex-2019" in stderr.getvalue()
    assert "1 country, 3 editions" in stdout.getvalue()


@pytest.mark.django_db
def test_built_reimport_updates_in_place(tmp_path):
    scores = full_scores()
    import_workbook(build_workbook(tmp_path / "first.xlsx", {"LI": scores}))
    answers_before = Answer.objects.count()
    scores[("aa1", 2019)] = 0
    del scores[("ac3 (new)", 2019)]

    summary = import_workbook(build_workbook(tmp_path / "second.xlsx", {"LI": scores}))

    assert (summary.answers_created, summary.answers_updated, summary.answers_deleted) == (0, 1, 1)
    assert Answer.objects.count() == answers_before - 1
    changed = Answer.objects.get(
        response__edition__slug="mipex-2019", indicator__code="aa1", response__region__code="LI"
    )
    assert changed.direct_score == 0


@pytest.mark.django_db
def test_turkey_and_uk_sheets_become_iso(tmp_path):
    path = build_workbook(tmp_path / "codes.xlsx", {"TU": full_scores(), "UK": full_scores()})

    import_workbook(path, years=[2019])

    regions = set(QuestionnaireResponse.objects.values_list("region__code", flat=True))
    assert regions == {"TR", "GB"}


@pytest.mark.django_db
def test_no_data_markers_leave_unanswered(tmp_path):
    scores = full_scores()
    scores[("aa1", 2019)] = "#DIV/0!"
    scores[("ab2", 2019)] = "#DIV/0! "
    path = build_workbook(tmp_path / "markers.xlsx", {"LI": scores})

    import_workbook(path, years=[2019])

    answered = set(Answer.objects.values_list("indicator__code", flat=True))
    assert answered == {"ab2a", "ab2b", "ac3"}


@pytest.mark.django_db
def test_comment_without_score_kept(tmp_path):
    scores = full_scores()
    del scores[("aa1", 2019)]
    comments = {("aa1", 2019): "Law under review.", ("ab2", 2019): "Since 2018."}
    path = build_workbook(tmp_path / "comments.xlsx", {"LI": scores}, comments)

    import_workbook(path, years=[2019])

    unscored = Answer.objects.get(indicator__code="aa1")
    scored = Answer.objects.get(indicator__code="ab2")
    assert (unscored.direct_score, unscored.comment) == (None, "Law under review.")
    assert (scored.direct_score, scored.comment) == (100, "Since 2018.")


@pytest.mark.django_db
def test_comments_in_year_without_scores_skipped(tmp_path):
    scores = {key: value for key, value in full_scores().items() if key[1] != 2013}
    path = build_workbook(tmp_path / "comments.xlsx", {"LI": scores}, {("aa1", 2013): "Note."})

    summary = import_workbook(path)

    assert not QuestionnaireResponse.objects.filter(edition__year=2013).exists()
    assert any(f"LI!{score_cell('aa1', 2013)}" in warning for warning in summary.warnings)


@pytest.mark.parametrize("value", ["n/a", "-", "fifty", 150, -1, True])
@pytest.mark.django_db
def test_bad_score_error_names_cell(tmp_path, value):
    scores = full_scores()
    scores[("aa1", 2014)] = value
    path = build_workbook(tmp_path / "bad.xlsx", {"LI": scores})
    before = table_counts()

    with pytest.raises(WorkbookError) as raised:
        import_workbook(path)

    message = str(raised.value)
    assert message.startswith("bad.xlsx, LI!")
    assert f"LI!{score_cell('aa1', 2014)}" in message
    assert f'"{value}"' in message
    assert "Allowed: a number from 0 to 100" in message
    assert table_counts() == before


@pytest.mark.django_db
def test_command_bad_cell_raises_command_error(tmp_path):
    scores = full_scores()
    scores[("ab2b", 2019)] = "n/a"
    path = build_workbook(tmp_path / "bad.xlsx", {"LI": scores})

    with pytest.raises(CommandError, match=r"LI!N19 \(row 19, column N\).*Nothing was imported"):
        call_command("import_mipex_workbook", str(path), stdout=StringIO(), stderr=StringIO())

    assert Edition.objects.count() == 0


@pytest.mark.django_db
def test_error_while_writing_rolls_back(tmp_path):
    other = Framework.objects.create(name="Other framework", slug="other")
    Edition.objects.create(framework=other, slug="mipex-2019", title="Other 2019", year=2019)
    path = build_workbook(tmp_path / "clash.xlsx", {"LI": full_scores()})
    before = table_counts()

    with pytest.raises(WorkbookError, match='edition "mipex-2019" already exists'):
        import_workbook(path)

    assert table_counts() == before


@pytest.mark.django_db
def test_framework_name_clash_rejected(tmp_path):
    Framework.objects.create(name="MIPEX national 2020", slug="national")
    path = build_workbook(tmp_path / "clash.xlsx", {"LI": full_scores()})

    with pytest.raises(WorkbookError, match='already exists with slug "national"'):
        import_workbook(path)

    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_unknown_sheet_name_rejected(tmp_path):
    path = build_workbook(tmp_path / "names.xlsx", {"Summary": full_scores()})

    with pytest.raises(WorkbookError, match='sheet "Summary".*not a country code'):
        import_workbook(path)


@pytest.mark.django_db
def test_missing_year_rejected(tmp_path):
    path = build_workbook(tmp_path / "years.xlsx", {"LI": full_scores()})

    with pytest.raises(
        WorkbookError, match="has no data for 2030. Allowed years: 2013, 2014, 2019"
    ):
        import_workbook(path, years=[2030])


@pytest.mark.django_db
def test_command_invalid_years_option(tmp_path):
    path = build_workbook(tmp_path / "years.xlsx", {"LI": full_scores()})

    with pytest.raises(CommandError, match='"twenty" is not a year'):
        call_command("import_mipex_workbook", str(path), years="2019,twenty")


@pytest.mark.django_db
def test_sheets_with_different_layouts_rejected(tmp_path):
    path = build_workbook(tmp_path / "layout.xlsx", {"LI": full_scores(), "MC": full_scores()})
    workbook = openpyxl.load_workbook(path)
    workbook["MC"].cell(STRAND_ROW + 1, 5 + 3 * len(BUILT_COLUMNS), "ad4")
    workbook.save(path)

    with pytest.raises(WorkbookError, match='sheet "MC".*differ from those of sheet "LI"'):
        import_workbook(path)


@pytest.mark.django_db
def test_workbook_command_rejects_non_workbook(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello")

    with pytest.raises(CommandError, match=r"fake\.xlsx: cannot be opened as an \.xlsx workbook"):
        call_command("import_mipex_workbook", str(fake))

    assert not Edition.objects.exists()
