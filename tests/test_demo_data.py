import pytest

from indicators.demo.content import DEMO_REGIONS
from indicators.demo.loader import DEMO_SOURCE, EDITION_SLUG, load_demo_data
from indicators.models import Answer, Indicator, QuestionnaireResponse, Score, ScoreLevel
from regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = load_demo_data()
        yield summary
        # Module-scoped data lives outside the per-test transactions, so remove it here.
        QuestionnaireResponse.objects.filter(edition=summary.edition).delete()
        summary.edition.delete()
        summary.framework.delete()
        # One DELETE per level, children first: per-row deletes would take seconds here.
        for level in ("nuts3", "nuts2", "nuts1", "country"):
            regions = Region.objects.filter(level=level)
            regions._raw_delete(regions.db)


def test_demo_framework_shape(demo):
    framework = demo.framework

    assert framework.areas.count() == 8
    top_level = Indicator.objects.filter(framework=framework, parent=None).count()
    assert 45 <= top_level <= 55
    assert Indicator.objects.filter(framework=framework).exclude(parent=None).exists()
    assert framework.axes.filter(code="stage").exists()


def test_demo_has_three_roles_per_region(demo):
    responses = QuestionnaireResponse.objects.filter(edition=demo.edition)

    assert responses.count() == 3 * len(DEMO_REGIONS)
    assert set(responses.values_list("region__code", flat=True)) == set(DEMO_REGIONS)


def test_demo_answers_are_marked(demo):
    answers = Answer.objects.filter(response__edition=demo.edition)

    assert answers.exclude(source=DEMO_SOURCE).count() == 0
    assert answers.filter(comment__icontains="invented for the demo").count() == answers.count()


def test_demo_regions_are_scored(demo):
    overall = Score.objects.filter(edition=demo.edition, level=ScoreLevel.OVERALL)

    assert overall.count() == len(DEMO_REGIONS)
    assert all(0 <= score.value <= 100 for score in overall)
    incomplete = overall.get(region__code="EL41")
    assert incomplete.answered < incomplete.total


def test_load_demo_twice_changes_nothing(demo):
    before = {
        "answers": Answer.objects.filter(response__edition=demo.edition).count(),
        "scores": list(
            Score.objects.filter(edition=demo.edition, level=ScoreLevel.OVERALL)
            .order_by("region__code")
            .values_list("region__code", "value")
        ),
    }

    again = load_demo_data()

    assert again.edition.slug == EDITION_SLUG
    assert Answer.objects.filter(response__edition=demo.edition).count() == before["answers"]
    after = list(
        Score.objects.filter(edition=demo.edition, level=ScoreLevel.OVERALL)
        .order_by("region__code")
        .values_list("region__code", "value")
    )
    assert after == before["scores"]
