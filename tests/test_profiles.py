import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Locale

from indicators.models import EditionStatus, PolicyArea
from indicators.scoring import compute_edition_scores
from regions.models import PolicyAreaPage, RegionLevel, RegionProfilePage
from regions.profiles import create_profile, default_profile_body
from tests.factories import answer, make_edition, make_framework, make_region
from tests.page_factories import make_index_page

pytestmark = pytest.mark.django_db

LAYOUT = {
    "x": {"x1": ["i1", "i2"], "x2": ["i3"]},
    "y": {"y1": ["j1", "j2", "j2/p1", "j2/p2"]},
}


def shown_scores(html: str) -> dict[str, str]:
    """Return {score reference: rounded number shown} for every score a page prints."""
    return dict(re.findall(r'data-score="([^"]+)">(\d+)</data>', html))


@pytest.fixture
def edition():
    edition = make_edition(make_framework(LAYOUT), slug="reg-2026")
    catalonia = make_region("ES51")
    andalusia = make_region("ES61", name="Andalucía")
    tuscany = make_region("ITI1", name="Toscana", country="IT")
    for code, value in [("i1", "a"), ("i2", "b"), ("i3", "c"), ("p1", "a"), ("p2", "b")]:
        answer(edition, catalonia, code, value)
    answer(edition, catalonia, "j1", None)
    answer(edition, andalusia, "i1", "b")
    answer(edition, tuscany, "i1", "a")
    answer(edition, tuscany, "j1", "a")
    compute_edition_scores(edition)
    return edition


@pytest.fixture
def index_page(edition):
    return make_index_page(edition)


@pytest.fixture
def profile(index_page):
    return create_profile(index_page, make_region("ES51"), publish=True)


def test_default_body_has_one_block_per_area(edition):
    body = default_profile_body(edition)

    types = [block_type for block_type, _ in body]
    assert types == [
        "score_summary",
        "policy_area",
        "policy_area",
        "comparison",
        "strengths_weaknesses",
    ]
    assert [value["area"].code for kind, value in body if kind == "policy_area"] == ["x", "y"]


def test_profile_body_stores_no_numbers(profile):
    for block in profile.body.raw_data:
        for key, value in block["value"].items():
            assert not isinstance(value, float), (block["type"], key)
        assert "score" not in block["value"]


def test_profile_shows_stored_scores(client, profile):
    html = client.get(profile.url).content.decode()

    shown = shown_scores(html)
    assert shown["reg-2026/ES51/overall/overall"] == "56"
    assert shown["reg-2026/ES51/area/x"] == "38"
    assert shown["reg-2026/ES51/dimension/x1"] == "75"
    assert shown["reg-2026/ES51/indicator/j2"] == "75"
    assert "Rank" in html
    assert "2 of 3 regions" in html


def test_profile_shows_coverage_of_incomplete_area(client, profile):
    html = client.get(profile.url).content.decode()

    assert "(1 of 2 indicators answered)" in html


def test_profile_follows_reimported_data_without_edit(client, edition, profile):
    answer(edition, make_region("ES51"), "i3", "a")
    compute_edition_scores(edition)

    shown = shown_scores(client.get(profile.url).content.decode())

    assert shown["reg-2026/ES51/dimension/x2"] == "100"
    assert shown["reg-2026/ES51/area/x"] == "88"


def test_profile_lists_answers_with_source(client, edition, profile):
    saved = answer(edition, make_region("ES51"), "i1", "a")
    saved.source = "Regional Law 10/2010, art. 4"
    saved.comment = "Applies since 2011."
    saved.save()

    html = client.get(profile.url).content.decode()

    assert "Regional Law 10/2010, art. 4" in html
    assert "Applies since 2011." in html


def test_profile_compares_with_country_peers(client, index_page, profile):
    create_profile(index_page, make_region("ES61"), publish=True)

    html = client.get(profile.url).content.decode()

    assert "Andalucía" in html
    assert "Mean of published regions" in html


def test_profile_of_draft_edition_hides_scores(client, edition, profile):
    edition.status = EditionStatus.DRAFT
    edition.save()

    html = client.get(profile.url).content.decode()

    assert shown_scores(html) == {}
    assert "not published yet" in html
    assert "Rank" not in html


def test_preview_shows_draft_edition_scores_to_editor(admin_client, edition, profile):
    edition.status = EditionStatus.DRAFT
    edition.save()

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[profile.pk]))
    live = admin_client.get(profile.url)

    assert shown_scores(preview.content.decode())["reg-2026/ES51/area/x"] == "38"
    assert shown_scores(live.content.decode()) == {}


def test_draft_profile_preview_renders(admin_client, index_page):
    draft = create_profile(index_page, make_region("ITI1", name="Toscana", country="IT"))

    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))

    assert not draft.live
    assert response.status_code == 200
    assert shown_scores(response.content.decode())["reg-2026/ITI1/area/y"] == "100"


def test_draft_profile_is_not_served(client, index_page):
    draft = create_profile(index_page, make_region("ITI1", name="Toscana", country="IT"))

    assert client.get(f"{index_page.url}{draft.slug}/").status_code == 404


def test_national_comparison_uses_comparable_area(client, edition, index_page):
    national = make_edition(
        make_framework({"a": {"a1": ["n1"]}, "b": {"b1": ["n2"]}}, name="National"),
        slug="mipex-2019",
        year=2019,
    )
    spain = make_region("ES", name="Spain", country="ES")
    spain.level = RegionLevel.COUNTRY
    spain.save()
    answer(national, spain, "n1", "b")
    answer(national, spain, "n2", "a")
    compute_edition_scores(national)
    PolicyArea.objects.filter(framework=edition.framework, code="x").update(
        comparable_area=PolicyArea.objects.get(framework=national.framework, code="a")
    )

    profile = create_profile(index_page, make_region("ES51"), publish=True)
    shown = shown_scores(client.get(profile.url).content.decode())

    comparison = next(block for block in profile.body if block.block_type == "comparison")
    assert comparison.value["national_edition"] == national
    assert shown["mipex-2019/ES/area/a"] == "50"
    assert "mipex-2019/ES/area/b" not in shown


def test_index_page_lists_published_profiles(client, index_page, profile):
    create_profile(index_page, make_region("ITI1", name="Toscana", country="IT"))

    html = client.get(index_page.url).content.decode()

    assert "Cataluña" in html
    assert "Toscana" not in html
    assert shown_scores(html) == {"reg-2026/ES51/overall/overall": "56"}


def test_index_page_sorts_by_region(client, index_page, profile):
    create_profile(index_page, make_region("ITI1", name="Toscana", country="IT"), publish=True)
    create_profile(index_page, make_region("ES61", name="Andalucía"), publish=True)

    by_rank = client.get(index_page.url).content.decode()
    by_name = client.get(index_page.url, {"sort": "region"}).content.decode()
    by_name_desc = client.get(index_page.url, {"sort": "region", "order": "desc"}).content.decode()

    def order(html):
        return re.findall(r"(Andalucía|Cataluña|Toscana)</a>", html)

    assert order(by_rank) == ["Toscana", "Cataluña", "Andalucía"]
    assert order(by_name) == ["Andalucía", "Cataluña", "Toscana"]
    assert order(by_name_desc) == ["Toscana", "Cataluña", "Andalucía"]
    assert 'aria-sort="ascending"' in by_name


def test_policy_area_page_ranks_regions(client, edition, index_page, profile):
    page = PolicyAreaPage(
        title="Area y",
        slug="area-y",
        edition=edition,
        area=PolicyArea.objects.get(framework=edition.framework, code="y"),
    )
    index_page.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert re.findall(r"(Cataluña|Toscana|Andalucía)(?:</a>)? <span", html)[:2] == [
        "Toscana",
        "Cataluña",
    ]
    assert shown_scores(html)["reg-2026/ITI1/area/y"] == "100"
    assert shown_scores(html)["reg-2026/ES51/dimension/y1"] == "75"


def test_policy_area_page_rejects_foreign_area(edition):
    other = make_framework({"z": {"z1": ["k1"]}}, name="Other")
    page = PolicyAreaPage(
        title="Z",
        slug="z",
        edition=edition,
        area=PolicyArea.objects.get(framework=other, code="z"),
    )

    with pytest.raises(Exception, match="is not a policy area of"):
        page.full_clean()


def test_profile_rejects_second_profile_of_region(index_page, profile):
    duplicate = RegionProfilePage(
        title="Again", slug="again", region=profile.region, edition=profile.edition
    )
    duplicate.locale = profile.locale

    with pytest.raises(Exception, match="already has a profile"):
        duplicate.full_clean()


def test_profile_rejects_area_of_other_framework(profile):
    other = make_framework({"z": {"z1": ["k1"]}}, name="Other")
    profile.body.append(("policy_area", {"area": PolicyArea.objects.get(framework=other)}))

    with pytest.raises(Exception, match="not part of the framework"):
        profile.full_clean()


def test_create_profiles_makes_drafts_once(edition, index_page):
    call_command("create_profiles", "--edition", "reg-2026")
    call_command("create_profiles", "--edition", "reg-2026")

    profiles = RegionProfilePage.objects.filter(edition=edition).order_by("region__code")
    assert [page.region.code for page in profiles] == ["ES51", "ES61", "ITI1"]
    assert not any(page.live for page in profiles)
    assert all(page.has_unpublished_changes for page in profiles)


def test_create_profiles_unknown_edition():
    with pytest.raises(CommandError, match='Edition "nope" not found'):
        call_command("create_profiles", "--edition", "nope")


def test_create_profiles_needs_index_page(edition):
    with pytest.raises(CommandError, match="No region index page"):
        call_command("create_profiles", "--edition", "reg-2026")


def test_admin_add_profile_starts_from_region(admin_client, index_page):
    add_url = reverse(
        "wagtailadmin_pages:add", args=["regions", "regionprofilepage", index_page.pk]
    )

    start = admin_client.get(add_url)
    choose = admin_client.get(start["Location"])
    created = admin_client.post(start["Location"], {"region": make_region("ITI1").pk})

    assert start.status_code == 302
    assert "Toscana" in choose.content.decode() or "ITI1" in choose.content.decode()
    page = RegionProfilePage.objects.get(region__code="ITI1")
    assert created["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert [block.block_type for block in page.body][0] == "score_summary"
    assert not page.live


def test_admin_edits_profile(admin_client, profile):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk]))

    assert response.status_code == 200


def test_admin_lists_policy_areas(admin_client, edition):
    response = admin_client.get(reverse("wagtailsnippets_indicators_policyarea:list"))

    assert response.status_code == 200
    assert "Area x" in response.content.decode()


def test_profile_escapes_area_names_once(client, edition, profile):
    PolicyArea.objects.filter(framework=edition.framework, code="x").update(name="Health & <care>")

    html = client.get(profile.url).content.decode()

    assert "Dimension scores in Health &amp; &lt;care&gt;" in html
    assert "&amp;amp;" not in html
    assert "<care>" not in html


def test_default_body_escapes_area_description(edition):
    PolicyArea.objects.filter(framework=edition.framework, code="x").update(
        description="Jobs & <training>"
    )

    body = default_profile_body(edition)

    commentary = next(value["commentary"] for kind, value in body if kind == "policy_area")
    assert commentary == "<p>Jobs &amp; &lt;training&gt;</p>"


def test_translated_profile_shows_same_scores(client, profile):
    spanish = Locale.objects.get(language_code="es")
    translation = profile.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()

    source_html = client.get(profile.url).content.decode()
    translated_html = client.get(translation.url).content.decode()

    assert translation.body.raw_data == profile.body.raw_data
    assert shown_scores(translated_html)["reg-2026/ES51/area/x"] == "38"
    assert shown_scores(translated_html) == shown_scores(source_html)
