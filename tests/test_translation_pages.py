"""Translated profiles: made in the translation editor, synchronised with their source."""

import re

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from home.translations import translate_page
from indicators.models import PolicyArea
from indicators.scoring import compute_edition_scores
from questionnaires.testing import make_user
from regions.models import RegionProfilePage
from regions.profiles import create_profile
from tests.factories import answer, make_edition, make_framework, make_region
from tests.page_factories import home_page, make_index_page
from tests.test_profiles import LAYOUT, shown_scores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_without_commit")]


CATALAN_SUMMARY = "Com puntua Catalunya a reg-2026."
GREEK_SUMMARY = "Πώς βαθμολογείται η Καταλονία στην έκδοση reg-2026."


@pytest.fixture
def edition():
    edition = make_edition(make_framework(LAYOUT), slug="reg-2026")
    catalonia = make_region("ES51")
    andalusia = make_region("ES61", name="Andalucía")
    for code, value in [("i1", "a"), ("i2", "b"), ("i3", "c"), ("j1", "a")]:
        answer(edition, catalonia, code, value)
    answer(edition, andalusia, "i1", "b")
    compute_edition_scores(edition)
    return edition


@pytest.fixture
def profile(edition):
    return create_profile(make_index_page(edition), make_region("ES51"), publish=True)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org"))
    return client


def locale(language_code: str) -> Locale:
    return Locale.objects.get(language_code=language_code)


def submit_translation(client, page, language_code: str) -> Translation:
    """Submit `page` for translation in the admin, as the "Translate" action does."""
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale(language_code).pk]},
    )
    assert response.status_code == 302
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=language_code
    )


def translate_segment(client, translation: Translation, segment: StringSegment, text: str):
    """Save one segment's translation through the translation editor's API."""
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        encode_multipart(BOUNDARY, {"value": text}),
        content_type=MULTIPART_CONTENT,
    )


def publish_in_editor(client, translation: Translation):
    page = translation.get_target_instance()
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


def segment_with_text(translation: Translation, text: str) -> StringSegment:
    return StringSegment.objects.get(source=translation.source, string__data=text)


def translated_profile(page, language_code: str) -> RegionProfilePage:
    return page.get_translation(locale(language_code)).specific


def block_references(page) -> list[tuple]:
    """Return (block type, id, policy area id, national edition id) for each body block."""
    return [
        (
            block.block_type,
            block.id,
            *(_pk(block.value.get(key)) for key in ("area", "national_edition")),
        )
        for block in page.body
        if hasattr(block.value, "get")
    ]


def _pk(value):
    return value.pk if value is not None else None


def test_content_locales_exist():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"en", "ca", "es", "it", "sv", "el", "fr", "de"}


@pytest.mark.parametrize(
    ("language_code", "title", "summary"),
    [("ca", "Catalunya", CATALAN_SUMMARY), ("el", "Καταλονία", GREEK_SUMMARY)],
)
def test_translation_editor_publishes_profile(admin_client, profile, language_code, title, summary):
    translation = submit_translation(admin_client, profile, language_code)
    for source_text, text in [
        ("Cataluña", title),
        ("How Cataluña scores in reg-2026.", summary),
    ]:
        response = translate_segment(
            admin_client, translation, segment_with_text(translation, source_text), text
        )
        assert response.status_code in (200, 201)
    response = publish_in_editor(admin_client, translation)
    assert response.status_code == 302

    page = translated_profile(profile, language_code)
    html = admin_client.get(page.url).content.decode()
    assert page.live
    assert page.url.startswith(f"/{language_code}/")
    assert page.title == title
    assert summary in html
    assert shown_scores(html) == shown_scores(admin_client.get(profile.url).content.decode())
    assert shown_scores(html)["reg-2026/ES51/area/x"] == "38"


def test_translation_keeps_data_references(profile):
    catalan = translate_page(profile, locale("ca"), {})
    assert catalan.region_id == profile.region_id
    assert catalan.edition_id == profile.edition_id
    assert block_references(catalan) == block_references(profile)
    assert len(block_references(profile)) == 5


def test_translation_offers_no_reference_overrides(profile):
    translate_page(profile, locale("ca"), {})
    source = TranslationSource.objects.get(object_id=profile.translation_key)
    paths = set(
        OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True)
    )
    text_paths = set(
        StringSegment.objects.filter(source=source).values_list("context__path", flat=True)
    )

    assert not any(path.endswith((".area", ".national_edition")) for path in paths)
    assert not {"region", "edition"} & paths
    assert not any(path.endswith((".area", ".national_edition")) for path in text_paths)
    assert "summary" in {path.split(".")[0] for path in text_paths}


def test_translated_scores_follow_reimport(client, edition, profile):
    greek = translate_page(profile, locale("el"), {})
    answer(edition, make_region("ES51"), "i3", "a")
    compute_edition_scores(edition)

    source_scores = shown_scores(client.get(profile.url).content.decode())
    greek_scores = shown_scores(client.get(greek.url).content.decode())

    assert source_scores["reg-2026/ES51/area/x"] == "88"
    assert greek_scores == source_scores


def test_sync_translations_follows_source_edit(client, edition, profile):
    greek = translate_page(profile, locale("el"), {"Cataluña": "Καταλονία"})
    area_y = PolicyArea.objects.get(framework=edition.framework, code="y")
    body = profile.body.raw_data
    for block in body:
        if block["type"] == "policy_area" and block["value"]["area"] != area_y.pk:
            block["value"]["area"] = area_y.pk
    profile.body = body
    profile.save_revision().publish()

    call_command("sync_translations", "--publish", stdout=None)
    greek.refresh_from_db()

    assert greek.title == "Καταλονία"
    assert block_references(greek) == block_references(profile)
    assert {reference[2] for reference in block_references(greek)} >= {area_y.pk}
    assert shown_scores(client.get(greek.url).content.decode()) == shown_scores(
        client.get(profile.url).content.decode()
    )


def test_sync_view_adds_changed_text(admin_client, profile):
    translation = submit_translation(admin_client, profile, "ca")
    profile.summary = "<p>Catalonia leads on education.</p>"
    profile.save_revision().publish()
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])

    assert admin_client.get(sync_url).status_code == 200
    response = admin_client.post(sync_url, {"publish_translations": "on"})

    assert response.status_code == 302
    assert StringSegment.objects.filter(
        source=translation.source, string__data="Catalonia leads on education."
    ).exists()
    total, translated = translation.get_progress()
    assert translated < total
    catalan = translated_profile(profile, "ca")
    assert catalan.summary == "<p>Catalonia leads on education.</p>"


def test_po_file_round_trip(admin_client, profile):
    translation = submit_translation(admin_client, profile, "ca")
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(download.content.decode())
    for entry in po:
        if entry.msgid == "How Cataluña scores in reg-2026.":
            entry.msgstr = CATALAN_SUMMARY

    response = upload_po(admin_client, translation, str(po))
    publish_in_editor(admin_client, translation)

    assert response.status_code == 200
    assert (
        CATALAN_SUMMARY in admin_client.get(translated_profile(profile, "ca").url).content.decode()
    )


def upload_po(client, translation: Translation, text: str):
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("translation.po", text.encode()), "next": "/admin/"},
        follow=True,
    )


def last_message(response) -> str:
    return [str(message) for message in response.context["messages"]][-1]


def test_po_upload_rejects_other_language(admin_client, profile):
    catalan = submit_translation(admin_client, profile, "ca")
    greek = submit_translation(admin_client, profile, "el")
    greek_po = admin_client.get(reverse("wagtail_localize:download_pofile", args=[greek.pk]))

    response = upload_po(admin_client, catalan, greek_po.content.decode())

    assert last_message(response) == (
        "The uploaded PO file is for “Cataluña” in Ελληνικά, but this translation is "
        "“Cataluña” in Català. Upload the PO file downloaded from “Cataluña” in Català."
    )
    assert not catalan.source.stringsegment_set.filter(
        string__translations__locale__language_code="ca"
    ).exists()


def test_po_upload_rejects_other_page(admin_client, profile):
    catalan = submit_translation(admin_client, profile, "ca")
    home = submit_translation(admin_client, home_page(), "ca")
    home_po = admin_client.get(reverse("wagtail_localize:download_pofile", args=[home.pk]))

    response = upload_po(admin_client, catalan, home_po.content.decode())

    assert last_message(response).startswith(
        f"The uploaded PO file is for “{home_page().title}” in Català"
    )


def test_po_upload_rejects_file_without_header(admin_client, profile):
    catalan = submit_translation(admin_client, profile, "ca")

    response = upload_po(admin_client, catalan, 'msgid "Cataluña"\nmsgstr "Catalunya"\n')

    assert "has no X-WagtailLocalize-TranslationID header" in last_message(response)


@pytest.fixture
def catalan_and_greek(admin_client, profile):
    return submit_translation(admin_client, profile, "ca"), submit_translation(
        admin_client, profile, "el"
    )


def test_translator_edits_own_locale(client, catalan_and_greek):
    catalan, _greek = catalan_and_greek
    client.force_login(make_user("traductora", "Translator (ca)"))
    page = catalan.get_target_instance()

    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    segment = segment_with_text(catalan, "Cataluña")
    assert translate_segment(client, catalan, segment, "Catalunya").status_code in (200, 201)


def test_translator_rejected_in_other_locale(client, catalan_and_greek):
    _catalan, greek = catalan_and_greek
    client.force_login(make_user("traductora", "Translator (ca)"))
    page = greek.get_target_instance()
    segment = segment_with_text(greek, "Cataluña")

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    download = client.get(reverse("wagtail_localize:download_pofile", args=[greek.pk]))
    string_edit = translate_segment(client, greek, segment, "Καταλονία")

    assert edit.status_code == 302
    assert edit.url == reverse("wagtailadmin_home")
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    assert download.status_code == 302
    assert download.url == reverse("wagtailadmin_home")
    assert string_edit.status_code in (302, 403)
    assert not segment.string.translations.filter(locale__language_code="el").exists()


def test_language_switcher_links_translations(client, profile):
    catalan = translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})
    greek = translate_page(profile, locale("el"), {"Cataluña": "Καταλονία"})

    html = client.get(greek.url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)

    assert re.findall(r'href="([^"]+)"', switcher) == [profile.url, catalan.url, greek.url]
    assert f'<a href="{greek.url}" aria-current="page" lang="el">Ελληνικά</a>' in switcher
    assert '<html lang="el">' in html
    for page, code in [(profile, "en"), (catalan, "ca"), (greek, "el")]:
        assert f'<link rel="alternate" hreflang="{code}" href="{page.full_url}">' in html


def test_language_switcher_hidden_without_translation(client, profile):
    html = client.get(profile.url).content.decode()
    assert "language-switcher" not in html
    assert 'rel="alternate"' not in html


def test_sitemap_lists_every_locale(client, profile):
    greek = translate_page(profile, locale("el"), {})

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"<loc>{greek.full_url}</loc>" in sitemap
    assert f"<loc>{profile.full_url}</loc>" in sitemap
    assert f'hreflang="el" href="{greek.full_url}"' in sitemap
    assert f'hreflang="en" href="{profile.full_url}"' in sitemap


def test_restricted_translation_not_an_alternate(client, profile):
    greek = translate_page(profile, locale("el"), {})
    catalan = translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})
    PageViewRestriction.objects.create(
        page=greek, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    sitemap = client.get("/sitemap.xml").content.decode()
    html = client.get(profile.url).content.decode()

    assert f'hreflang="ca" href="{catalan.full_url}"' in sitemap
    assert greek.full_url not in sitemap
    assert f'<link rel="alternate" hreflang="ca" href="{catalan.full_url}">' in html
    assert f'hreflang="el" href="{greek.full_url}"' not in html


def test_root_redirects_to_language_prefix(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="el")
    assert response.status_code == 302
    assert response.url == "/el/"


def test_translated_profile_keeps_its_edition(profile, edition):
    from django.core.exceptions import ValidationError

    translate_page(profile, locale("ca"), {})
    other = make_edition(edition.framework, slug="reg-2027", year=2027)
    profile.edition = other

    with pytest.raises(ValidationError, match="every language must show the same scores"):
        profile.full_clean()
