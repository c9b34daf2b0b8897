import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from indicators.importers.errors import ImportFailed
from indicators.importers.framework import import_framework
from indicators.models import (
    AnswerOption,
    Axis,
    AxisValue,
    Dimension,
    Framework,
    Indicator,
    PolicyArea,
    Score,
)
from indicators.scoring import compute_edition_scores
from tests.factories import answer, make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db

COLUMNS = [
    "framework",
    "framework_name",
    "area_code",
    "area_name",
    "dimension_code",
    "dimension_name",
    "indicator_code",
    "indicator_title",
    "question",
    "competence_level",
    "parent_indicator",
    "weight",
    "tags",
    "option_code",
    "option_label",
    "option_score",
]

# An invented two-area framework: an indicator with options, a direct-score indicator, and a
# composite indicator with two weighted parts. Rows 2 to 12 of the file.
ROWS = [
    [
        "pilot",
        "Pilot index",
        "WRK",
        "Work",
        "WRK1",
        "Access",
        "w1",
        "Permit",
        "Can newcomers work?",
        "regional",
        "",
        "",
        "stage:policy;target:refugees",
        "a",
        "Yes",
        "100",
    ],
    ["pilot", "", "WRK", "", "WRK1", "", "w1", "", "", "", "", "", "", "b", "Partly", "50"],
    ["pilot", "", "WRK", "", "WRK1", "", "w1", "", "", "", "", "", "", "c", "No", "0"],
    ["pilot", "", "WRK", "", "WRK1", "", "w2", "Training hours", "", "", "", "", "", "", "", ""],
    [
        "pilot",
        "",
        "WRK",
        "",
        "WRK2",
        "Support",
        "w3",
        "Support services",
        "",
        "shared",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "pilot",
        "",
        "WRK",
        "",
        "WRK2",
        "",
        "w3.1",
        "Advice",
        "",
        "",
        "w3",
        "2",
        "",
        "y",
        "Yes",
        "100",
    ],
    ["pilot", "", "WRK", "", "WRK2", "", "w3.1", "", "", "", "", "", "", "n", "No", "0"],
    [
        "pilot",
        "",
        "WRK",
        "",
        "WRK2",
        "",
        "w3.2",
        "Mentoring",
        "",
        "",
        "w3",
        "1",
        "",
        "y",
        "Yes",
        "100",
    ],
    ["pilot", "", "WRK", "", "WRK2", "", "w3.2", "", "", "", "", "", "", "n", "No", "0"],
    [
        "pilot",
        "",
        "SCH",
        "School",
        "SCH1",
        "Enrolment",
        "s1",
        "Enrolment",
        "",
        "",
        "",
        "",
        "stage:implementation",
        "a",
        "Yes",
        "100",
    ],
    ["pilot", "", "SCH", "", "SCH1", "", "s1", "", "", "", "", "", "", "b", "No", "0"],
]


def write_csv(path, rows, *, columns=COLUMNS, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows, *, columns=COLUMNS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def changed(rows, row_number, column, value):
    """Return a copy of ROWS-like rows with one cell changed; row numbers count the header."""
    copy = [list(row) for row in rows]
    copy[row_number - 2][COLUMNS.index(column)] = value
    return copy


def test_import_framework_creates_tree(tmp_path):
    result = import_framework(write_csv(tmp_path / "framework.csv", ROWS))

    framework = Framework.objects.get(slug="pilot")
    assert framework.name == "Pilot index"
    assert result.created["policy area"] == 2
    assert result.created["dimension"] == 3
    assert result.created["indicator"] == 6
    assert result.created["answer option"] == 9
    assert list(framework.areas.values_list("code", "order")) == [("WRK", 1), ("SCH", 2)]
    assert Dimension.objects.get(code="WRK2").area.code == "WRK"


def test_import_framework_indicator_fields(tmp_path):
    import_framework(write_csv(tmp_path / "framework.csv", ROWS))

    permit = Indicator.objects.get(code="w1")
    advice = Indicator.objects.get(code="w3.1")
    assert permit.question == "Can newcomers work?"
    assert permit.competence_level == "regional"
    assert permit.weight == 1.0
    assert list(permit.options.values_list("code", "score")) == [("a", 100), ("b", 50), ("c", 0)]
    assert advice.parent.code == "w3"
    assert advice.weight == 2.0
    assert not Indicator.objects.get(code="w2").options.exists()


def test_import_framework_creates_axes_from_tags(tmp_path):
    import_framework(write_csv(tmp_path / "framework.csv", ROWS))

    permit = Indicator.objects.get(code="w1")
    assert sorted(str(value) for value in permit.axis_values.all()) == [
        "stage:policy",
        "target:refugees",
    ]
    assert set(Axis.objects.values_list("code", flat=True)) == {"stage", "target"}
    assert AxisValue.objects.get(code="implementation").axis.code == "stage"


def test_import_framework_semicolon_bom(tmp_path):
    path = write_csv(tmp_path / "framework.csv", ROWS, delimiter=";", encoding="utf-8-sig")

    result = import_framework(path)

    assert result.created["indicator"] == 6
    assert Framework.objects.get(slug="pilot").name == "Pilot index"


def test_import_framework_xlsx(tmp_path):
    rows = [[float(cell) if cell.isdigit() else cell for cell in row] for row in ROWS]

    import_framework(write_xlsx(tmp_path / "framework.xlsx", rows))

    assert AnswerOption.objects.get(indicator__code="w1", code="b").score == 50
    assert Indicator.objects.get(code="w3.1").weight == 2.0


def test_import_framework_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "framework.csv", ROWS)
    import_framework(path)

    result = import_framework(path)

    assert sum(result.created.values()) == 0
    assert sum(result.updated.values()) == 0
    assert result.unchanged["answer option"] == 9
    assert Indicator.objects.count() == 6
    assert AnswerOption.objects.count() == 9


def test_import_framework_updates_changed_values(tmp_path):
    import_framework(write_csv(tmp_path / "framework.csv", ROWS))
    rows = changed(ROWS, 3, "option_score", "40")
    rows = changed(rows, 2, "tags", "stage:policy")

    result = import_framework(write_csv(tmp_path / "framework2.csv", rows))

    assert result.updated["answer option"] == 1
    assert result.updated["indicator"] == 1
    assert AnswerOption.objects.get(indicator__code="w1", code="b").score == 40
    assert AnswerOption.objects.count() == 9
    assert [str(v) for v in Indicator.objects.get(code="w1").axis_values.all()] == ["stage:policy"]


def test_import_framework_rescores_editions(tmp_path):
    import_framework(write_csv(tmp_path / "framework.csv", ROWS))
    edition = make_edition(Framework.objects.get(slug="pilot"))
    region = make_region()
    answer(edition, region, "w1", "b")
    compute_edition_scores(edition)

    import_framework(write_csv(tmp_path / "framework2.csv", changed(ROWS, 3, "option_score", "40")))

    score = Score.objects.get(edition=edition, region=region, level="indicator", code="w1")
    assert score.value == 40


def test_import_framework_dry_run_writes_nothing(tmp_path):
    result = import_framework(write_csv(tmp_path / "framework.csv", ROWS), dry_run=True)

    assert result.created["indicator"] == 6
    assert not Framework.objects.exists()


def test_import_framework_keeps_parts_of_stored_parent(tmp_path):
    """A file may add a part to a composite indicator that was imported earlier."""
    import_framework(write_csv(tmp_path / "framework.csv", ROWS))
    part = ["pilot", "", "WRK", "", "WRK2", "", "w3.3", "Housing", "", "", "w3", "", "", "", "", ""]

    import_framework(write_csv(tmp_path / "part.csv", [part]))

    assert set(Indicator.objects.get(code="w3").parts.values_list("code", flat=True)) == {
        "w3.1",
        "w3.2",
        "w3.3",
    }


def with_comparable_area(reference):
    rows = [[*row, ""] for row in ROWS]
    rows[0][-1] = reference
    return rows


def test_import_framework_comparable_area(tmp_path):
    make_framework({"LMM": {"LMM1": ["n1"]}}, name="National")
    rows = with_comparable_area("national:LMM")

    import_framework(
        write_csv(tmp_path / "framework.csv", rows, columns=[*COLUMNS, "comparable_area"])
    )

    area = PolicyArea.objects.get(framework__slug="pilot", code="WRK")
    assert area.comparable_area == PolicyArea.objects.get(framework__slug="national", code="LMM")


def test_import_framework_unknown_comparable_area(tmp_path):
    rows = with_comparable_area("national:XX")
    path = write_csv(tmp_path / "framework.csv", rows, columns=[*COLUMNS, "comparable_area"])

    with pytest.raises(ImportFailed) as failure:
        import_framework(path)

    assert [str(error) for error in failure.value.errors] == [
        'framework.csv, row 2, column "comparable_area": "national:XX" is not a policy area '
        "(allowed: blank, or framework slug and code of another policy area, such as "
        "mipex-2020:LMM)."
    ]


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (
            3,
            "option_score",
            "120",
            '"120" is not a valid score for option "b" (allowed: a number from 0 to 100).',
        ),
        (3, "option_score", "many", '"many" is not a valid score for option "b"'),
        (
            2,
            "competence_level",
            "federal",
            '"federal" is not a competence level (allowed: national, regional, shared).',
        ),
        (7, "parent_indicator", "w9", '"w9" is not an indicator of framework "pilot"'),
        (
            9,
            "parent_indicator",
            "w3.1",
            '"w3.1" is itself a part of "w3", and parts cannot have parts',
        ),
        (
            7,
            "parent_indicator",
            "w1",
            '"w1" is in dimension "WRK1", not in "WRK2" like indicator "w3.1"',
        ),
        (7, "parent_indicator", "w3.1", 'indicator "w3.1" cannot be a part of itself'),
        (
            3,
            "area_name",
            "Jobs",
            '"Jobs" differs from "Work" given for policy area "WRK" in row 2 '
            "(allowed: the same value on every row of this policy area, or blank).",
        ),
        (
            3,
            "indicator_title",
            "Permits",
            '"Permits" differs from "Permit" given for indicator "w1" in row 2',
        ),
        (
            4,
            "option_code",
            "a",
            'option "a" of indicator "w1" is already given in row 2 '
            "(allowed: one row per answer option).",
        ),
        (
            4,
            "option_code",
            "N/A",
            '"N/A" is reserved: a responses file reads it as "not '
            'applicable" (allowed: any other code).',
        ),
        (
            2,
            "tags",
            "stage",
            '"stage" is not a valid tag (allowed: axis:value pairs separated by semicolons',
        ),
        (5, "option_label", "Maybe", '"Maybe" is given without an option code'),
        (4, "option_label", "", 'the label of option "c" is missing (allowed: any text).'),
        (2, "weight", "-1", '"-1" is not a valid weight (allowed: a number of 0 or more).'),
        (5, "indicator_code", "w" * 41, "is too long (allowed: at most 40 characters)."),
        (5, "indicator_code", "=A1", '"=A1" is not a valid code (allowed: letters, digits,'),
        (5, "indicator_code", "w 5", '"w 5" is not a valid code'),
        (3, "option_code", "-b", '"-b" is not a valid code'),
        (3, "option_code", "@b", '"@b" is not a valid code'),
        (4, "dimension_code", "", "the dimension code is missing (allowed: a code on every row)."),
    ],
)
def test_import_framework_error_names_row_column_value(tmp_path, row, column, value, expected):
    path = write_csv(tmp_path / "framework.csv", changed(ROWS, row, column, value))

    with pytest.raises(ImportFailed) as failure:
        import_framework(path)

    errors = failure.value.errors
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [
        ("framework.csv", row, column, value)
    ]
    assert expected in errors[0].message
    assert str(errors[0]).startswith(f'framework.csv, row {row}, column "{column}": ')


def test_import_framework_rejects_invalid_slug(tmp_path):
    rows = [["pilot index", *row[1:]] for row in ROWS]

    with pytest.raises(ImportFailed) as failure:
        import_framework(write_csv(tmp_path / "framework.csv", rows))

    errors = failure.value.errors
    assert [(error.row, error.column) for error in errors] == [
        (n, "framework") for n in range(2, 13)
    ]
    assert str(errors[0]) == (
        'framework.csv, row 2, column "framework": "pilot index" is not a valid framework slug '
        "(allowed: letters, digits, hyphens and underscores)."
    )


def test_import_framework_reports_missing_name(tmp_path):
    rows = changed(ROWS, 11, "area_name", "")

    with pytest.raises(ImportFailed) as failure:
        import_framework(write_csv(tmp_path / "framework.csv", rows))

    assert [str(error) for error in failure.value.errors] == [
        'framework.csv, row 11, column "area_name": the name of policy area "SCH" is missing '
        "(allowed: any text, on at least one of its rows)."
    ]


def test_import_framework_rejects_name_of_other_framework(tmp_path):
    make_framework({"x": {"x1": ["i1"]}}, name="Pilot index")

    with pytest.raises(ImportFailed) as failure:
        import_framework(write_csv(tmp_path / "framework.csv", ROWS))

    assert failure.value.errors[0].column == "framework_name"
    assert 'is already the name of framework "pilot-index"' in failure.value.errors[0].message


def test_import_framework_bad_row_writes_nothing(tmp_path):
    rows = changed(ROWS, 12, "option_score", "101")

    with pytest.raises(ImportFailed):
        import_framework(write_csv(tmp_path / "framework.csv", rows))

    assert Framework.objects.count() == 0
    assert PolicyArea.objects.count() == 0
    assert AnswerOption.objects.count() == 0


def test_import_framework_collects_every_error(tmp_path):
    rows = changed(ROWS, 2, "option_score", "x")
    rows = changed(rows, 6, "competence_level", "x")
    rows = changed(rows, 12, "option_score", "x")

    with pytest.raises(ImportFailed) as failure:
        import_framework(write_csv(tmp_path / "framework.csv", rows))

    assert [error.row for error in failure.value.errors] == [2, 6, 12]


def test_import_framework_command(tmp_path, capsys):
    path = write_csv(tmp_path / "framework.csv", ROWS)

    call_command("import_framework", str(path))

    assert "indicators: 6 created" in capsys.readouterr().out
    assert Indicator.objects.count() == 6


def test_import_framework_command_dry_run(tmp_path, capsys):
    call_command("import_framework", str(write_csv(tmp_path / "framework.csv", ROWS)), "--dry-run")

    assert capsys.readouterr().out.startswith("Dry run of framework.csv, nothing written")
    assert not Indicator.objects.exists()


def test_import_framework_command_error(tmp_path):
    path = write_csv(tmp_path / "framework.csv", changed(ROWS, 3, "option_score", "120"))

    with pytest.raises(CommandError) as failure:
        call_command("import_framework", str(path))

    assert 'framework.csv, row 3, column "option_score": "120"' in str(failure.value)


def test_import_framework_area_description(tmp_path):
    columns = [*COLUMNS, "area_description"]
    rows = [[*row, ""] for row in ROWS]
    rows[0][-1] = "Access to work and training."
    import_framework(write_csv(tmp_path / "framework.csv", rows, columns=columns))

    area = PolicyArea.objects.get(framework__slug="pilot", code="WRK")
    assert area.description == "Access to work and training."

    rows[0][-1] = "Access to work."
    result = import_framework(write_csv(tmp_path / "framework.csv", rows, columns=columns))

    area.refresh_from_db()
    assert area.description == "Access to work."
    assert result.updated["policy area"] == 1
