"""Translator groups per locale, and translators kept to their own locale's pages."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from home.translations import translate_page
from questionnaires.testing import make_user
from tests.page_factories import home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_home(publish_without_commit):
    """The home page translated into French through wagtail-localize (a synced translation)."""
    return translate_page(home_page(), Locale.objects.get(language_code="fr"), {})


def test_migration_creates_group_for_default_locale():
    group = Group.objects.get(name="Translator (en)")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {
        "access_admin",
        "submit_translation",
        "change_policyarea",
        "change_dimension",
        "change_indicator",
    }
    assert not Group.objects.filter(name="Translator").exists()


def test_new_locale_gets_translator_group(french_home):
    group = Group.objects.get(name="Translator (fr)")
    assert group.page_permissions.filter(permission__codename="change_page").exists()


def test_translator_edits_own_locale(client, french_home):
    client.force_login(make_user("traductrice", "Translator (fr)"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[french_home.pk]))
    assert response.status_code == 200


def test_translator_rejected_in_other_locale(client, french_home):
    client.force_login(make_user("traductrice", "Translator (fr)"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page().pk]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_editor_edits_every_locale(client, french_home):
    client.force_login(make_user("editor", "Editor"))
    for page in (home_page(), french_home):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200


def test_translator_rejected_outside_synced_translations(client):
    french = Locale.objects.get(language_code="fr")
    copied = home_page().copy_for_translation(french)
    client.force_login(make_user("traductrice", "Translator (fr)"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[copied.pk]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_source_language_translator_cannot_edit_sources(client):
    client.force_login(make_user("translator", "Translator (en)"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page().pk]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
