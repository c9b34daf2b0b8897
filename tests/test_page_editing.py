"""Editors' side of the published pages: publishing through the admin, content blocks."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from indicators.models import EditionStatus, PolicyArea
from indicators.scoring import compute_edition_scores
from regions.models import PolicyAreaPage, RegionProfilePage
from regions.profiles import create_profile
from tests.factories import answer, make_edition, make_framework, make_region
from tests.page_factories import make_index_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition(make_framework({"x": {"x1": ["i1", "i2"]}}), slug="reg-2026")
    answer(edition, make_region("ES51"), "i1", "a")
    answer(edition, make_region("ES51"), "i2", "b")
    compute_edition_scores(edition)
    return edition


@pytest.fixture
def index_page(edition):
    return make_index_page(edition)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def profile_form(profile, body) -> dict:
    return nested_form_data(
        {
            "title": profile.title,
            "slug": profile.slug,
            "region": profile.region_id,
            "edition": profile.edition_id,
            "summary": rich_text("<p>Edited summary.</p>"),
            "body": streamfield(body),
            "action-publish": "publish",
        }
    )


def test_admin_publishes_edited_profile(admin_client, client, edition, index_page):
    draft = create_profile(index_page, make_region("ES51"))
    area = PolicyArea.objects.get(framework=edition.framework, code="x")
    body = [
        ("score_summary", {"heading": "Key figures"}),
        (
            "policy_area",
            {"area": area.pk, "commentary": rich_text("<p>Our view.</p>"), "show_indicators": "on"},
        ),
    ]

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), profile_form(draft, body)
    )
    published = RegionProfilePage.objects.get(pk=draft.pk)
    html = client.get(published.url).content.decode()

    assert response.status_code == 302
    assert published.live
    assert "Key figures" in html
    assert "Our view." in html
    assert 'data-score="reg-2026/ES51/area/x">75</data>' in html


def test_admin_rejects_area_of_other_framework(admin_client, edition, index_page):
    draft = create_profile(index_page, make_region("ES51"))
    other = make_framework({"z": {"z1": ["k1"]}}, name="Other")
    body = [("policy_area", {"area": PolicyArea.objects.get(framework=other).pk})]

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), profile_form(draft, body)
    )

    assert response.status_code == 200
    assert "not part of the framework" in response.content.decode()
    assert not RegionProfilePage.objects.get(pk=draft.pk).live


def test_region_choice_lists_regions_without_profile(admin_client, edition, index_page):
    answer(edition, make_region("ITI1", name="Toscana", country="IT"), "i1", "a")
    create_profile(index_page, make_region("ES51"))

    html = admin_client.get(reverse("regions_create_profile", args=[index_page.pk])).content
    options = re.findall(r"<option [^>]*>([^<]+)</option>", html.decode())

    assert options == ["ITI1 Toscana"]


def test_region_choice_needs_permission(client, django_user_model, index_page):
    user = django_user_model.objects.create_user("reader", password="secret-password")
    client.force_login(user)

    response = client.get(reverse("regions_create_profile", args=[index_page.pk]))

    assert response.status_code in (302, 403)


def test_index_page_of_draft_edition_hides_scores(client, edition, index_page):
    create_profile(index_page, make_region("ES51"), publish=True)
    edition.status = EditionStatus.DRAFT
    edition.save()

    html = client.get(index_page.url).content.decode()

    assert "Cataluña" in html
    assert "data-score" not in html
    assert "not published yet" in html


def test_area_page_of_draft_edition_hides_scores(client, edition, index_page):
    page = PolicyAreaPage(
        title="Area x",
        slug="area-x",
        edition=edition,
        area=PolicyArea.objects.get(framework=edition.framework, code="x"),
    )
    index_page.add_child(instance=page)
    page.save_revision().publish()
    edition.status = EditionStatus.DRAFT
    edition.save()

    html = client.get(page.url).content.decode()

    assert "data-score" not in html
    assert "not published yet" in html


def test_profile_renders_content_blocks(client, media_root, edition, index_page):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    image = Image.objects.create(title="Harbour", file=ContentFile(buffer.getvalue(), "h.png"))
    document = Document.objects.create(title="Regional plan", file=ContentFile(b"plan", "plan.pdf"))
    area = PolicyArea.objects.get(framework=edition.framework, code="x")
    profile = create_profile(index_page, make_region("ES51"))
    profile.body = [
        ("rich_text", "<p>Free text.</p>"),
        ("quote", {"quote": "Start local.", "attribution": "A mayor"}),
        ("image", {"image": {"image": image, "alt_text": "A harbour"}, "caption": "Port"}),
        ("document_link", {"document": document, "title": ""}),
        (
            "good_practice",
            {
                "title": "Welcome desks",
                "area": area,
                "description": "<p>One desk per town.</p>",
                "link": "https://example.org/desks",
                # A fresh instance: ImageBlock keeps the alt text on the image object.
                "image": {
                    "image": Image.objects.get(pk=image.pk),
                    "alt_text": "A desk",
                    "decorative": False,
                },
            },
        ),
    ]
    profile.save_revision().publish()

    html = client.get(profile.url).content.decode()

    assert "<p>Free text.</p>" in html
    assert "<blockquote><p>Start local.</p></blockquote>" in html
    assert 'alt="A harbour"' in html
    assert "Regional plan" in html
    assert "Welcome desks" in html
    assert 'alt="A desk"' in html
    assert 'href="https://example.org/desks"' in html


def test_area_page_form_starts_on_index_edition(admin_client, edition, index_page):
    add_url = reverse("wagtailadmin_pages:add", args=["regions", "policyareapage", index_page.pk])

    html = admin_client.get(add_url).content.decode()

    edition_input = re.search(r'<input type="hidden" name="edition"[^>]*>', html).group(0)
    assert f'value="{edition.pk}"' in edition_input
