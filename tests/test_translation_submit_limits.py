"""Translators kept to their locales in "Translate", "Sync translations" and page actions.

Every test runs wagtail-localize's and Wagtail's real admin views through the test client,
on a published English profile, as a Catalan translator, a Greek translator or an editor.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.admin.ui.menus.pages import get_page_header_buttons
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.translations import translate_page
from questionnaires.testing import make_user
from regions.profiles import create_profile
from tests.factories import make_edition, make_framework, make_region
from tests.page_factories import make_index_page
from tests.test_profiles import LAYOUT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_without_commit")]

NEW_SUMMARY = "Catalonia leads on education."


@pytest.fixture
def profile():
    edition = make_edition(make_framework(LAYOUT), slug="reg-2026")
    return create_profile(make_index_page(edition), make_region("ES51"), publish=True)


@pytest.fixture
def catalan_translator():
    return make_user("traductora", "Translator (ca)")


@pytest.fixture
def greek_translator():
    return make_user("metafrastria", "Translator (el)")


@pytest.fixture
def editor():
    return make_user("editor", "Editor")


def locale(language_code: str) -> Locale:
    return Locale.objects.get(language_code=language_code)


def submit_url(page: Page) -> str:
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def sync_url(page: Page) -> str:
    source = TranslationSource.objects.get_for_instance(page)
    return reverse("wagtail_localize:update_translations", args=[source.pk])


def offered_language_codes(response) -> set[str]:
    """Return the language codes of the locale checkboxes in a rendered submit form."""
    ids = {int(pk) for pk in re.findall(r'name="locales" value="(\d+)"', response.content.decode())}
    return set(Locale.objects.filter(pk__in=ids).values_list("language_code", flat=True))


def submit(client, page: Page, *language_codes: str):
    return client.post(submit_url(page), {"locales": [locale(code).pk for code in language_codes]})


def translation_codes(page: Page) -> set[str]:
    return set(
        Translation.objects.filter(source__object_id=page.translation_key).values_list(
            "target_locale__language_code", flat=True
        )
    )


def page_codes(page: Page) -> set[str]:
    return set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )


def form_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get("locales", [])]


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_submit_form_offers_own_locale(client, profile, catalan_translator):
    client.force_login(catalan_translator)

    response = client.get(submit_url(profile))

    assert response.status_code == 200
    assert offered_language_codes(response) == {"ca"}


def test_submit_form_offers_editor_every_locale(client, profile, editor):
    client.force_login(editor)

    response = client.get(submit_url(profile))

    assert offered_language_codes(response) == {"ca", "es", "it", "sv", "el", "fr", "de"}


def test_submit_translates_into_own_locale(client, profile, catalan_translator):
    client.force_login(catalan_translator)

    response = submit(client, profile, "ca")

    assert response.status_code == 302
    assert translation_codes(profile) == {"ca"}
    assert page_codes(profile) == {"en", "ca"}
    # A new translation is a draft until someone who may publish publishes it.
    assert not profile.get_translation(locale("ca")).live


@pytest.mark.parametrize(
    ("translator", "language_codes", "message"),
    [
        (
            "catalan_translator",
            ["el"],
            "You translate into Català, so you cannot submit translations into Ελληνικά. "
            "Choose one of your languages.",
        ),
        (
            "catalan_translator",
            ["ca", "el", "de"],
            "You translate into Català, so you cannot submit translations into Deutsch, "
            "Ελληνικά. Choose one of your languages.",
        ),
        (
            "greek_translator",
            ["ca"],
            "You translate into Ελληνικά, so you cannot submit translations into Català. "
            "Choose one of your languages.",
        ),
    ],
)
def test_submit_rejects_other_locale(client, request, profile, translator, language_codes, message):
    client.force_login(request.getfixturevalue(translator))
    pages_before = Page.objects.count()

    response = submit(client, profile, *language_codes)

    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert translation_codes(profile) == set()
    assert page_codes(profile) == {"en"}
    assert Page.objects.count() == pages_before


def test_editor_submits_every_locale(client, profile, editor):
    client.force_login(editor)

    response = submit(client, profile, "ca", "el")

    assert response.status_code == 302
    assert translation_codes(profile) == {"ca", "el"}
    assert page_codes(profile) == {"en", "ca", "el"}


def change_source_summary(profile) -> None:
    profile.summary = f"<p>{NEW_SUMMARY}</p>"
    profile.save_revision().publish()


def has_new_segment(profile) -> bool:
    return StringSegment.objects.filter(
        source__object_id=profile.translation_key, string__data=NEW_SUMMARY
    ).exists()


@pytest.fixture
def catalan_and_greek(profile):
    """Translate the profile into Catalan and Greek, then change the English summary."""
    catalan = translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})
    greek = translate_page(profile, locale("el"), {"Cataluña": "Καταλονία"})
    change_source_summary(profile)
    return catalan, greek


@pytest.mark.parametrize(
    ("translator", "language"),
    [("catalan_translator", "Ελληνικά"), ("greek_translator", "Català")],
)
def test_sync_rejects_translator_of_some_locales(
    client, request, profile, catalan_and_greek, translator, language
):
    client.force_login(request.getfixturevalue(translator))
    _catalan, greek = catalan_and_greek
    greek_revision = greek.get_latest_revision().pk

    page_view = client.get(sync_url(profile))
    sync = client.post(sync_url(profile), {"publish_translations": "on"}, follow=True)

    assert page_view.status_code == 302
    assert messages_of(sync)[-1] == (
        f"Syncing “Cataluña” updates its translations into every language, and you do not "
        f"translate into {language}. Ask an editor to sync it."
    )
    assert not has_new_segment(profile)
    greek.refresh_from_db()
    assert greek.get_latest_revision().pk == greek_revision
    assert NEW_SUMMARY not in greek.summary


def test_sync_rejection_keeps_source(client, profile, catalan_and_greek, catalan_translator):
    client.force_login(catalan_translator)
    source = TranslationSource.objects.get_for_instance(profile)
    updated_at = source.last_updated_at

    client.post(sync_url(profile), {"publish_translations": "on"})

    source.refresh_from_db()
    assert source.last_updated_at == updated_at


def test_sync_allows_translator_of_every_locale(client, profile, catalan_translator):
    catalan = translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})
    change_source_summary(profile)
    client.force_login(catalan_translator)

    assert client.get(sync_url(profile)).status_code == 200
    response = client.post(sync_url(profile), {"publish_translations": "on"})

    assert response.status_code == 302
    assert has_new_segment(profile)
    # Translators may not publish, so "Publish immediately" is ignored for them.
    catalan.refresh_from_db()
    assert catalan.summary != f"<p>{NEW_SUMMARY}</p>"
    assert not catalan.has_unpublished_changes


def test_sync_form_disables_publish_for_translators(client, profile, catalan_translator):
    translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})
    client.force_login(catalan_translator)

    form = client.get(sync_url(profile)).context["form"]

    assert form.fields["publish_translations"].disabled


def test_editor_syncs_every_locale(client, profile, catalan_and_greek, editor):
    catalan, greek = catalan_and_greek
    client.force_login(editor)

    response = client.post(sync_url(profile), {"publish_translations": "on"})

    assert response.status_code == 302
    assert has_new_segment(profile)
    for page in (catalan, greek):
        page.refresh_from_db()
        assert page.summary == f"<p>{NEW_SUMMARY}</p>"


def header_button_urls(page: Page, user) -> list[str]:
    buttons = get_page_header_buttons(page, user, next_url=None, view_name="edit")
    return [str(button.url) for button in buttons]


def offers(urls: list[str], url: str) -> bool:
    return any(candidate.split("?")[0] == url for candidate in urls)


def test_buttons_offer_translate_to_translator(profile, catalan_translator):
    urls = header_button_urls(profile, catalan_translator)

    assert offers(urls, submit_url(profile))


def test_buttons_hide_translate_when_own_locale_done(profile, catalan_translator, editor):
    translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})

    assert not offers(header_button_urls(profile, catalan_translator), submit_url(profile))
    assert offers(header_button_urls(profile, editor), submit_url(profile))


def test_buttons_hide_sync_of_other_locales(profile, catalan_and_greek, catalan_translator):
    assert not offers(header_button_urls(profile, catalan_translator), sync_url(profile))


def test_buttons_offer_sync_to_editor(profile, catalan_and_greek, editor):
    assert offers(header_button_urls(profile, editor), sync_url(profile))


def test_buttons_offer_sync_of_own_locale(profile, catalan_translator):
    translate_page(profile, locale("ca"), {"Cataluña": "Catalunya"})

    assert offers(header_button_urls(profile, catalan_translator), sync_url(profile))


def test_explorer_hides_sync_of_other_locales(
    client, profile, catalan_and_greek, catalan_translator
):
    client.force_login(catalan_translator)

    response = client.get(reverse("wagtailadmin_explore", args=[profile.get_parent().pk]))

    assert response.status_code == 200
    assert sync_url(profile) not in response.content.decode()


def test_explorer_offers_sync_to_editor(client, profile, catalan_and_greek, editor):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_explore", args=[profile.get_parent().pk]))

    assert sync_url(profile) in response.content.decode()


@pytest.mark.parametrize("language_code", ["ca", "el"])
def test_convert_to_alias_rejects_translators(
    client, profile, catalan_and_greek, catalan_translator, language_code
):
    page = dict(zip(["ca", "el"], catalan_and_greek, strict=True))[language_code]
    client.force_login(catalan_translator)

    response = client.post(
        reverse("wagtail_localize:convert_to_alias", args=[page.pk]), follow=True
    )

    page.refresh_from_db()
    assert page.alias_of_id is None
    assert translation_codes(profile) == {"ca", "el"}
    assert messages_of(response)[-1] == (
        "Only editors can stop a translation or convert a page to an alias."
    )


def test_convert_to_alias_allowed_for_editors(client, profile, catalan_and_greek, editor):
    catalan, _greek = catalan_and_greek
    client.force_login(editor)

    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[catalan.pk]))

    assert response.status_code == 302
    catalan.refresh_from_db()
    assert catalan.alias_of_id == profile.pk
    assert translation_codes(profile) == {"el"}


def test_restart_translation_rejects_other_locale(
    client, profile, catalan_and_greek, catalan_translator
):
    _catalan, greek = catalan_and_greek
    Translation.objects.filter(target_locale=locale("el")).update(enabled=False)
    client.force_login(catalan_translator)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[greek.pk]),
        {"localize-restart-translation": "Start Synced translation"},
        follow=True,
    )

    assert not Translation.objects.get(target_locale=locale("el")).enabled
    assert messages_of(response)[-1] == (
        "You translate into Català, so you cannot edit “Καταλονία” in Ελληνικά."
    )


@pytest.fixture
def greek_draft(profile) -> Page:
    """A Greek translation that was never published, which "change page" lets users delete."""
    return translate_page(profile, locale("el"), {"Cataluña": "Καταλονία"}, publish=False)


def test_delete_rejects_other_locale(client, greek_draft, catalan_translator):
    client.force_login(catalan_translator)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[greek_draft.pk]))

    assert response.status_code == 302
    assert Page.objects.filter(pk=greek_draft.pk).exists()


def test_delete_allows_own_locale(client, greek_draft, greek_translator):
    client.force_login(greek_translator)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[greek_draft.pk]))

    assert response.status_code == 302
    assert not Page.objects.filter(pk=greek_draft.pk).exists()


def test_bulk_delete_rejects_other_locale(client, greek_draft, catalan_translator):
    client.force_login(catalan_translator)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = client.post(f"{url}?id={greek_draft.pk}", follow=True)

    assert Page.objects.filter(pk=greek_draft.pk).exists()
    assert messages_of(response)[-1] == (
        "You translate into Català, so no page was changed: “Καταλονία” (Ελληνικά) are in "
        "other languages. Select pages of your languages only."
    )


def test_convert_alias_rejects_other_locale(client, profile, catalan_translator):
    greek_alias = profile.copy_for_translation(locale("el"), copy_parents=True, alias=True)
    client.force_login(catalan_translator)

    client.post(reverse("wagtailadmin_pages:convert_alias", args=[greek_alias.pk]))

    greek_alias.refresh_from_db()
    assert greek_alias.alias_of_id == profile.pk
