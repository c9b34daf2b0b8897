"""Translator groups for locales that are created without a post_save signal."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from questionnaires.translators import ensure_translator_groups

pytestmark = pytest.mark.django_db


def test_groups_created_for_bulk_locales():
    Locale.objects.bulk_create([Locale(language_code="pt")])
    assert not Group.objects.filter(name="Translator (pt)").exists()

    ensure_translator_groups()

    group = Group.objects.get(name="Translator (pt)")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {
        "access_admin",
        "submit_translation",
        "change_policyarea",
        "change_dimension",
        "change_indicator",
    }
    assert group.page_permissions.filter(permission__codename="change_page").exists()


def test_groups_not_duplicated():
    ensure_translator_groups()
    ensure_translator_groups()
    assert Group.objects.filter(name="Translator (en)").count() == 1
