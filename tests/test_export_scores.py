import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from indicators.scoring import compute_edition_scores
from tests.factories import answer, make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_edition():
    framework = make_framework({"x": {"x1": ["i1", "i2"]}, "y": {"y1": ["j1"]}})
    edition = make_edition(framework, slug="demo-2026")
    catalonia = make_region("ES51")
    tuscany = make_region("ITI1", name="Toscana", country="IT")
    answer(edition, catalonia, "i1", "a")
    answer(edition, catalonia, "i2", 33.33333)
    answer(edition, tuscany, "j1", "b")
    compute_edition_scores(edition)
    return edition


def run_export(*args: str) -> str:
    output = io.StringIO()
    call_command("export_scores", *args, stdout=output)
    return output.getvalue()


def test_export_json_has_one_record_per_score(scored_edition):
    records = json.loads(run_export("--edition", "demo-2026"))

    # Per region: 3 indicators, 2 dimensions, 2 areas, 1 overall.
    assert len(records) == 16
    assert set(records[0]) == {"edition", "region", "level", "code", "score", "answered", "total"}
    overall = [r for r in records if r["region"] == "ES51" and r["level"] == "overall"]
    assert overall == [
        {
            "edition": "demo-2026",
            "region": "ES51",
            "level": "overall",
            "code": "overall",
            "score": pytest.approx(66.666665, abs=1e-6),
            "answered": 2,
            "total": 3,
        }
    ]


def test_export_score_keeps_four_decimals(scored_edition):
    records = json.loads(run_export("--edition", "demo-2026", "--region", "ES51"))

    i2 = next(r for r in records if r["code"] == "i2")
    assert i2["score"] == pytest.approx(33.33333, abs=1e-5)


def test_export_csv_region_filter(scored_edition):
    rows = list(
        csv.DictReader(
            io.StringIO(run_export("--edition", "demo-2026", "--region", "ITI1", "--format", "csv"))
        )
    )

    assert {row["region"] for row in rows} == {"ITI1"}
    area_y = next(row for row in rows if row["level"] == "area" and row["code"] == "y")
    assert area_y["score"] == "50.0"
    area_x = next(row for row in rows if row["level"] == "area" and row["code"] == "x")
    assert area_x["score"] == ""
    assert (area_x["answered"], area_x["total"]) == ("0", "2")


def test_export_unknown_edition_names_known_ones(scored_edition):
    with pytest.raises(CommandError, match='Edition "nope" not found .*demo-2026'):
        run_export("--edition", "nope")


def test_export_region_without_scores_fails(scored_edition):
    make_region("FRH0", name="Bretagne", country="FR")

    with pytest.raises(CommandError, match='Region "FRH0" has no scores'):
        run_export("--edition", "demo-2026", "--region", "FRH0")


@pytest.mark.parametrize("code", ["es51", " ES51 "])
def test_export_region_code_any_case(scored_edition, code):
    records = json.loads(run_export("--edition", "demo-2026", "--region", code))

    assert {record["region"] for record in records} == {"ES51"}


def test_export_region_nuts_country_alias(scored_edition):
    greece = make_region("GR", name="Greece", country="GR")
    answer(scored_edition, greece, "i1", "c")
    compute_edition_scores(scored_edition)

    records = json.loads(run_export("--edition", "demo-2026", "--region", "EL"))

    assert {record["region"] for record in records} == {"GR"}


@pytest.mark.parametrize("code", ["XX", ""])
def test_export_region_not_found(scored_edition, code):
    with pytest.raises(CommandError, match=f'Region "{code}" not found'):
        run_export("--edition", "demo-2026", "--region", code)
