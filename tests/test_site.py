import logging

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from home.management.commands import ensure_admin
from indicators.scoring import compute_edition_scores
from mipexsite.logging import ExtraFieldsFormatter
from tests.factories import answer, make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db


def test_default_locale_is_english(settings):
    assert settings.WAGTAIL_I18N_ENABLED is True
    assert Locale.get_default().language_code == "en"


def test_ensure_admin_keeps_generated_password(tmp_path, monkeypatch, capsys, client):
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / ".admin-password")

    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    second = capsys.readouterr().out

    assert "http://127.0.0.1:8000/admin/" in first
    assert first == second
    password = first.rsplit("password: ", 1)[1].strip()
    assert len(password) >= 12
    assert client.login(username="admin", password=password)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_regions_region:list",
        "wagtailsnippets_indicators_framework:list",
        "wagtailsnippets_indicators_indicator:list",
        "wagtailsnippets_indicators_edition:list",
        "wagtailsnippets_indicators_questionnaireresponse:list",
        "wagtailsnippets_indicators_score:list",
    ],
)
def test_admin_lists_index_data(admin_client, url_name):
    framework = make_framework({"x": {"x1": ["i1"]}})
    edition = make_edition(framework)
    answer(edition, make_region(), "i1", "a")
    compute_edition_scores(edition)

    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200


def test_admin_cannot_edit_scores(admin_client):
    framework = make_framework({"x": {"x1": ["i1"]}})
    edition = make_edition(framework)
    answer(edition, make_region(), "i1", "a")
    compute_edition_scores(edition)
    score = edition.scores.first()

    add = admin_client.get(reverse("wagtailsnippets_indicators_score:add"))
    edit = admin_client.get(reverse("wagtailsnippets_indicators_score:edit", args=[score.pk]))

    assert add.status_code in (302, 403)
    assert edit.status_code in (302, 403)


def test_admin_requires_login(client):
    response = client.get(reverse("wagtailsnippets_indicators_score:list"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_log_formatter_appends_extra_fields():
    formatter = ExtraFieldsFormatter("%(levelname)s %(message)s")
    record = logging.makeLogRecord({"levelname": "INFO", "msg": "Imported", "rows": 3})

    assert formatter.format(record) == "INFO Imported rows=3"


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("wagtailsnippets_indicators_framework:list", "Test"),
        ("wagtailsnippets_indicators_policyarea:list", "Area"),
        ("wagtailsnippets_indicators_indicator:list", "i1"),
        ("wagtailsnippets_indicators_edition:list", "test"),
        ("wagtailsnippets_indicators_questionnaireresponse:list", "ES51"),
        ("wagtailsnippets_indicators_score:list", "ES51"),
    ],
)
def test_admin_search_index_data(admin_client, url_name, query):
    framework = make_framework({"x": {"x1": ["i1"]}})
    edition = make_edition(framework)
    answer(edition, make_region(), "i1", "a")
    compute_edition_scores(edition)

    response = admin_client.get(reverse(url_name), {"q": query})

    assert response.status_code == 200
