import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from indicators.importers.changes import ChangeKind
from indicators.importers.errors import ImportFailed
from indicators.importers.responses import import_responses
from indicators.models import Answer, QuestionnaireResponse, Score
from tests.factories import make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db

COLUMNS = ["edition", "region", "role", "indicator", "answer", "source", "comment"]

# Rows 2 to 5 of a valid file.
ROWS = [
    ["test-2026", "ES51", "final", "i1", "a", "Law 3/2021", "Checked"],
    ["test-2026", "ES51", "final", "i2", "n/a", "", ""],
    ["test-2026", "ES51", "final", "i3", "37.5", "", ""],
    ["test-2026", "ES51", "expert", "i1", "b", "", "First draft"],
]


@pytest.fixture
def edition():
    """An edition of a framework with options a (100), b (50), c (0) on every indicator."""
    framework = make_framework({"x": {"x1": ["i1", "i2", "i3"], "x2": ["i4"]}})
    make_region("ES51")
    make_region("GR", name="Greece", country="GR")
    return make_edition(framework)


def write_csv(path, rows, *, columns=COLUMNS, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def changed(rows, row_number, column, value):
    copy = [list(row) for row in rows]
    copy[row_number - 2][COLUMNS.index(column)] = value
    return copy


def stored_answers():
    """Return {(role, indicator code): (option code, direct score, n/a, source, comment)}."""
    rows = Answer.objects.values_list(
        "response__role",
        "indicator__code",
        "option__code",
        "direct_score",
        "is_not_applicable",
        "source",
        "comment",
    )
    return {(role, code): tuple(values) for role, code, *values in rows}


EXPECTED = {
    ("final", "i1"): ("a", None, False, "Law 3/2021", "Checked"),
    ("final", "i2"): (None, None, True, "", ""),
    ("final", "i3"): (None, 37.5, False, "", ""),
    ("expert", "i1"): ("b", None, False, "", "First draft"),
}


def test_import_responses_csv_comma(edition, tmp_path):
    result = import_responses(write_csv(tmp_path / "responses.csv", ROWS))

    assert stored_answers() == EXPECTED
    assert result.responses_created == 2
    assert result.answers_created == 4


def test_import_responses_csv_semicolon(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS, delimiter=";"))

    assert stored_answers() == EXPECTED


def test_import_responses_csv_bom(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS, encoding="utf-8-sig"))

    assert stored_answers() == EXPECTED


def test_import_responses_xlsx(edition, tmp_path):
    workbook = Workbook()
    workbook.active.append(COLUMNS)
    for row in changed(ROWS, 4, "answer", 37.5):
        workbook.active.append(row)
    workbook.save(tmp_path / "responses.xlsx")

    import_responses(tmp_path / "responses.xlsx")

    assert stored_answers() == EXPECTED


def test_import_responses_name_and_bytes(edition, tmp_path):
    content = write_csv(tmp_path / "responses.csv", ROWS).read_bytes()

    result = import_responses(("upload.csv", content))

    assert result.file_name == "upload.csv"
    assert stored_answers() == EXPECTED


def test_import_responses_uploaded_file(edition, tmp_path):
    content = write_csv(tmp_path / "responses.csv", ROWS).read_bytes()

    result = import_responses(SimpleUploadedFile("upload.csv", content))

    assert result.file_name == "upload.csv"
    assert stored_answers() == EXPECTED


def test_import_responses_decimal_comma(edition, tmp_path):
    rows = changed(ROWS, 4, "answer", "37,5")

    import_responses(write_csv(tmp_path / "responses.csv", rows, delimiter=";"))

    assert stored_answers()[("final", "i3")][1] == 37.5


def test_import_responses_codes_ignore_case(edition, tmp_path):
    rows = [["TEST-2026", "es51", "Peer reviewer", "I1", "A", "", ""]]

    import_responses(write_csv(tmp_path / "responses.csv", rows))

    assert stored_answers() == {("peer_reviewer", "i1"): ("a", None, False, "", "")}


def test_import_responses_nuts_country_code(edition, tmp_path):
    """EL is Greece's NUTS code; countries are stored under ISO codes (GR)."""
    rows = [["test-2026", "EL", "final", "i1", "a", "", ""]]

    import_responses(write_csv(tmp_path / "responses.csv", rows))

    assert QuestionnaireResponse.objects.get().region.code == "GR"


def test_import_responses_number_option_code_wins(tmp_path):
    """A number that is an option code of the indicator is that option, not a direct score."""
    framework = make_framework({"x": {"x1": ["i1"]}}, options=[("1", 0), ("2", 100)])
    make_edition(framework)
    make_region("ES51")
    rows = [
        ["test-2026", "ES51", "final", "i1", "2", "", ""],
        ["test-2026", "ES51", "expert", "i1", "3", "", ""],
    ]

    import_responses(write_csv(tmp_path / "responses.csv", rows))

    assert stored_answers() == {
        ("final", "i1"): ("2", None, False, "", ""),
        ("expert", "i1"): (None, 3.0, False, "", ""),
    }


def test_import_responses_again_updates(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS))
    rows = changed(ROWS, 2, "answer", "c")

    result = import_responses(write_csv(tmp_path / "responses2.csv", rows))

    assert Answer.objects.count() == 4
    assert QuestionnaireResponse.objects.count() == 2
    assert stored_answers()[("final", "i1")][0] == "c"
    assert (result.answers_created, result.answers_updated, result.answers_unchanged) == (0, 1, 3)
    assert [change.kind for change in result.changes] == [
        ChangeKind.UPDATED,
        ChangeKind.UNCHANGED,
        ChangeKind.UNCHANGED,
        ChangeKind.UNCHANGED,
    ]
    assert (result.changes[0].before, result.changes[0].after) == ("a", "c")


def test_import_responses_blank_answer_clears(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS))
    rows = changed(ROWS, 2, "answer", "")

    import_responses(write_csv(tmp_path / "responses2.csv", rows))

    assert stored_answers()[("final", "i1")] == (None, None, False, "Law 3/2021", "Checked")


def test_import_responses_without_comment_column_keeps_comments(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS))
    rows = [row[:5] for row in changed(ROWS, 2, "answer", "b")]

    import_responses(write_csv(tmp_path / "responses2.csv", rows, columns=COLUMNS[:5]))

    assert stored_answers()[("final", "i1")] == ("b", None, False, "Law 3/2021", "Checked")


def test_import_responses_dry_run_writes_nothing(edition, tmp_path):
    result = import_responses(write_csv(tmp_path / "responses.csv", ROWS), dry_run=True)

    assert result.dry_run
    assert result.answers_created == 4
    assert result.responses_created == 2
    assert {change.kind for change in result.changes} == {ChangeKind.NEW}
    assert not QuestionnaireResponse.objects.exists()
    assert not Answer.objects.exists()


def test_import_responses_recomputes_scores(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS))

    scores = Score.objects.filter(edition=edition, region__code="ES51")
    assert scores.get(level="indicator", code="i1").value == 100
    # The dimension's mean leaves out i2 (not applicable): (100 + 37.5) / 2.
    assert scores.get(level="dimension", code="x1").value == 68.75

    import_responses(write_csv(tmp_path / "responses2.csv", changed(ROWS, 2, "answer", "c")))

    assert scores.get(level="indicator", code="i1").value == 0


def test_import_responses_sets_entered_by(edition, tmp_path):
    user = get_user_model().objects.create_user("editor", password="not-used-here")

    import_responses(write_csv(tmp_path / "responses.csv", ROWS), user=user)

    assert set(Answer.objects.values_list("entered_by", flat=True)) == {user.pk}


def test_import_responses_reports_progress(edition, tmp_path):
    reports = []

    import_responses(
        write_csv(tmp_path / "responses.csv", ROWS),
        progress=lambda step, done, total: reports.append((step, done, total)),
    )

    assert ("Validated", 4, 4) in reports
    assert reports[-1] == ("Wrote", 4, 4)
    # A small file reports each step once, at its end.
    assert [step for step, _, _ in reports].count("Validated") == 1


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            3,
            "edition",
            "test-2025",
            '"test-2025" is not an edition (allowed: test-2026).',
        ),
        (
            3,
            "region",
            "ES99",
            '"ES99" is not a region (allowed: the code of a loaded region: ISO 3166-1 alpha-2 '
            "for a country, such as GR, or NUTS 2024 for a region, such as EL41).",
        ),
        (
            3,
            "role",
            "reviewer",
            '"reviewer" is not a role (allowed: expert, peer_reviewer, final).',
        ),
        (
            3,
            "indicator",
            "i9",
            '"i9" is not an indicator of edition "test-2026" (allowed: i1, i2, i3, i4).',
        ),
        (
            3,
            "answer",
            "d",
            '"d" is not an option of indicator "i2" (allowed: a, b, c, n/a, a direct score from '
            "0 to 100, or blank).",
        ),
        (
            3,
            "answer",
            "120",
            '"120" is not a valid direct score (allowed: 0 to 100).',
        ),
        (
            3,
            "answer",
            "-1",
            '"-1" is not a valid direct score (allowed: 0 to 100).',
        ),
        (
            3,
            "edition",
            "",
            "the edition is missing (allowed: test-2026).",
        ),
        (
            5,
            "indicator",
            "i3",
            'edition "test-2026", region "ES51", role "final" and indicator "i3" are already '
            "given in row 4 (allowed: one row per edition, region, role and indicator).",
        ),
    ],
)
def test_import_responses_error_names_row_column_value(
    edition, tmp_path, row, column, value, message
):
    rows = changed(ROWS, row, column, value)
    if row == 5:
        rows = changed(rows, 5, "role", "final")

    with pytest.raises(ImportFailed) as failure:
        import_responses(write_csv(tmp_path / "responses.csv", rows))

    assert [str(error) for error in failure.value.errors] == [
        f'responses.csv, row {row}, column "{column}": {message}'
    ]
    assert (failure.value.errors[0].row, failure.value.errors[0].value) == (row, value)


def test_import_responses_answer_without_options(tmp_path):
    framework = make_framework({"x": {"x1": ["i1"]}}, options=[])
    make_edition(framework)
    make_region("ES51")
    rows = [["test-2026", "ES51", "final", "i1", "yes", "", ""]]

    with pytest.raises(ImportFailed) as failure:
        import_responses(write_csv(tmp_path / "responses.csv", rows))

    assert str(failure.value) == (
        'responses.csv, row 2, column "answer": "yes" is not a score for indicator "i1", which '
        "has no answer options (allowed: a direct score from 0 to 100, n/a, or blank)."
    )


def test_import_responses_bad_row_writes_nothing(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS[:1]))
    before = (QuestionnaireResponse.objects.count(), list(Answer.objects.values_list()))
    rows = changed(ROWS, 4, "answer", "d")

    with pytest.raises(ImportFailed):
        import_responses(write_csv(tmp_path / "responses2.csv", rows))

    assert (QuestionnaireResponse.objects.count(), list(Answer.objects.values_list())) == before


def test_import_responses_collects_every_error(edition, tmp_path):
    rows = changed(ROWS, 2, "region", "XX")
    rows = changed(rows, 3, "role", "boss")
    rows = changed(rows, 5, "answer", "zz")

    with pytest.raises(ImportFailed) as failure:
        import_responses(write_csv(tmp_path / "responses.csv", rows))

    errors = failure.value.errors
    assert [(error.row, error.column) for error in errors] == [
        (2, "region"),
        (3, "role"),
        (5, "answer"),
    ]


def test_import_responses_error_list_is_capped(edition, tmp_path):
    rows = [["test-2026", "ES51", "final", f"x{number}", "a", "", ""] for number in range(60)]

    with pytest.raises(ImportFailed) as failure:
        import_responses(write_csv(tmp_path / "responses.csv", rows))

    assert len(failure.value.errors) == 60
    assert str(failure.value).splitlines()[-1] == "... and 10 more errors."


def test_import_responses_skips_blank_lines_keeping_row_numbers(edition, tmp_path):
    path = write_csv(tmp_path / "responses.csv", changed(ROWS, 5, "answer", "d"))
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join([*lines[:2], "\n", ",,,,,,\n", *lines[2:]]))

    with pytest.raises(ImportFailed) as failure:
        import_responses(path)

    assert [error.row for error in failure.value.errors] == [7]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"",
            "responses.csv: the file is empty (expected the columns edition, region, role, "
            "indicator, answer).",
        ),
        (
            b"edition,region,role,indicator,answer\n",
            "responses.csv: the file has a header row but no data rows.",
        ),
        (
            "edition,region,role,indicator,answer\ntest-2026,ES51,final,i1,é\n".encode("latin-1"),
            "responses.csv: the file is not UTF-8 text (invalid byte 0xE9 on line 2); save it as "
            "CSV UTF-8 and import it again.",
        ),
        (
            b"edition,region,role,indicator\ntest-2026,ES51,final,i1\n",
            "responses.csv, row 1: the "
            'required column "answer" is missing (required: edition, region, role, indicator, '
            "answer).",
        ),
        (
            b"edition,region,role,indicator,answer,notes\n",
            'responses.csv, row 1, column "notes": '
            'unknown column "notes" (allowed: edition, region, role, indicator, answer, source, '
            "comment).",
        ),
        (
            b"edition,region,role,indicator,answer,answer\n",
            "responses.csv, row 1, column "
            '"answer": the column "answer" appears twice (allowed: each column once).',
        ),
        (
            b"edition,region,role,indicator,answer\ntest-2026,ES51,final,i1,a,oops\n",
            "responses.csv, row 2: the row has 6 values but the header names 5 columns; "
            '"oops" has no column (allowed: at most 5 values, or name the column in row 1).',
        ),
        (
            b"PK\x03\x04 not really a workbook",
            "responses.csv: the file is not a readable XLSX "
            "workbook; save it again as XLSX or CSV.",
        ),
    ],
)
def test_import_responses_rejects_unusable_file(edition, content, message):
    with pytest.raises(ImportFailed) as failure:
        import_responses(("responses.csv", content))

    assert str(failure.value) == message


def test_import_responses_ignores_empty_trailing_cells(edition):
    content = b"edition,region,role,indicator,answer,\ntest-2026,ES51,final,i1,a,\n"

    import_responses(("responses.csv", content))

    assert stored_answers() == {("final", "i1"): ("a", None, False, "", "")}


def test_import_responses_missing_file(tmp_path):
    with pytest.raises(ImportFailed) as failure:
        import_responses(tmp_path / "missing.csv")

    assert "missing.csv: the file cannot be read (No such file or directory)." in str(failure.value)


def test_import_responses_command(edition, tmp_path, capsys):
    path = write_csv(tmp_path / "responses.csv", ROWS)

    call_command("import_responses", str(path))

    output = capsys.readouterr()
    assert output.out == (
        "Imported 4 rows from responses.csv: 2 questionnaire responses created, 4 answers "
        "created, 0 updated, 0 unchanged; scores recomputed for 1 region.\n"
    )
    assert "Validated 4/4 rows" in output.err
    assert Answer.objects.count() == 4


def test_import_responses_command_dry_run(edition, tmp_path, capsys):
    call_command("import_responses", str(write_csv(tmp_path / "r.csv", ROWS)), "--dry-run")

    assert capsys.readouterr().out.startswith("Dry run of r.csv, nothing written: 4 rows")
    assert not Answer.objects.exists()


def test_import_responses_command_error(edition, tmp_path):
    path = write_csv(tmp_path / "responses.csv", changed(ROWS, 3, "answer", "d"))

    with pytest.raises(CommandError) as failure:
        call_command("import_responses", str(path))

    assert 'responses.csv, row 3, column "answer": "d" is not an option' in str(failure.value)


def test_import_responses_rejects_short_row(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS))
    content = b"edition,region,role,indicator,answer,source\ntest-2026,ES51,final,i1\n"

    with pytest.raises(ImportFailed) as failure:
        import_responses(("responses.csv", content))

    assert str(failure.value) == (
        "responses.csv, row 2: the row has 4 values but the header names 6 columns "
        '(allowed: one value per column; leave a cell empty with an extra ",").'
    )
    assert stored_answers() == EXPECTED


def test_import_responses_long_comment(edition):
    comment = "x" * 300_000
    content = f"edition,region,role,indicator,answer,comment\ntest-2026,ES51,final,i1,a,{comment}\n"

    import_responses(("responses.csv", content.encode()))

    assert Answer.objects.get().comment == comment


def test_import_responses_rejects_uncomputed_formula(edition, tmp_path):
    import_responses(write_csv(tmp_path / "responses.csv", ROWS))
    workbook = Workbook()
    workbook.active.append(COLUMNS)
    workbook.active.append(["test-2026", "ES51", "final", "i1", "=CHAR(97)", "", ""])
    workbook.save(tmp_path / "formula.xlsx")

    with pytest.raises(ImportFailed) as failure:
        import_responses(tmp_path / "formula.xlsx")

    assert str(failure.value) == (
        'formula.xlsx, row 2, column "answer": the cell holds the formula "=CHAR(97)" without '
        "a computed value (allowed: plain values; open the file in a spreadsheet program and "
        "save it, or paste the values over the formulas)."
    )
    assert stored_answers() == EXPECTED
