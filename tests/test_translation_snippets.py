"""Translated policy areas, dimensions and indicators: text only, never structure or scores."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation

from home.translations import translate_object, translate_page
from indicators.importers.framework import import_framework
from indicators.models import Answer, Dimension, Framework, Indicator, PolicyArea, Score
from indicators.scoring import compute_edition_scores
from questionnaires.testing import make_user
from questionnaires.translators import translator_group_name
from tests import test_translation_pages as translation_pages
from tests.test_import_framework import ROWS as FRAMEWORK_ROWS
from tests.test_import_framework import changed, write_csv
from tests.test_profiles import shown_scores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("publish_without_commit")]


# The published profile of Cataluña in reg-2026, as in the page translation tests.
edition = translation_pages.edition
profile = translation_pages.profile
admin_client = translation_pages.admin_client
locale = translation_pages.locale


def area(edition, code: str) -> PolicyArea:
    return PolicyArea.objects.source().get(framework=edition.framework, code=code)


def edit_url(instance) -> str:
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def submit_snippet(client, instance, language_code: str):
    return client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[instance._meta.app_label, instance._meta.model_name, instance.pk],
        ),
        {"locales": [locale(language_code).pk]},
    )


def translate_in_editor(client, instance, language_code: str, texts: dict[str, str]):
    """Submit `instance` for translation, translate `texts` segment by segment, publish."""
    assert submit_snippet(client, instance, language_code).status_code == 302
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale__language_code=language_code
    )
    for source_text, text in texts.items():
        segment = translation_pages.segment_with_text(translation, source_text)
        response = translation_pages.translate_segment(client, translation, segment, text)
        assert response.status_code in (200, 201)
    target = translation.get_target_instance()
    response = client.post(edit_url(target), {"action": "publish"})
    assert response.status_code in (200, 302)
    return instance.get_translation(locale(language_code))


# The translatable text field of each framework model.
TEXT_FIELDS = {PolicyArea: "name", Dimension: "name", Indicator: "title"}


def translate_framework(framework, language_code: str, prefix: str) -> None:
    """Translate the name or title of every area, dimension and indicator of `framework`."""
    for model, name in TEXT_FIELDS.items():
        for item in model.objects.source().filter(framework=framework):
            text = getattr(item, name)
            translate_object(item, locale(language_code), {text: f"{prefix} {text}"})


def scores(edition) -> list[tuple]:
    return list(
        Score.objects.filter(edition=edition)
        .order_by("region__code", "level", "code")
        .values_list("region__code", "level", "code", "value", "answered", "total")
    )


def test_translation_editor_translates_area(admin_client, edition):
    source = area(edition, "x")
    catalan = translate_in_editor(admin_client, source, "ca", {"Area x": "Àmbit x"})

    assert catalan.locale.language_code == "ca"
    assert catalan.name == "Àmbit x"
    assert (catalan.code, catalan.framework_id, catalan.order) == ("x", source.framework_id, 0)
    source.refresh_from_db()
    assert source.name == "Area x"


def test_codes_and_structure_are_not_segments(admin_client, edition):
    indicator = Indicator.objects.source().get(framework=edition.framework, code="p1")
    submit_snippet(admin_client, indicator, "ca")
    texts = set(
        StringSegment.objects.filter(source__object_id=indicator.translation_key).values_list(
            "string__data", flat=True
        )
    )
    # The title and the answer options' labels; codes and scores are synchronised.
    assert texts == {"Indicator p1", "A", "B", "C"}


def test_translated_indicator_keeps_source_structure(edition):
    part = Indicator.objects.source().get(framework=edition.framework, code="p1")
    catalan = translate_object(part, locale("ca"), {"Indicator p1": "Indicador p1"})

    assert catalan.title == "Indicador p1"
    assert catalan.parent_id == part.parent_id
    assert catalan.dimension_id == part.dimension_id
    assert catalan.weight == part.weight


def test_profile_translated_names_same_scores(profile, edition, client):
    catalan_page = translate_page(profile, locale("ca"), {})
    translate_object(area(edition, "x"), locale("ca"), {"Area x": "Àmbit x"})
    dimension = Dimension.objects.source().get(framework=edition.framework, code="x1")
    translate_object(dimension, locale("ca"), {"Dimension x1": "Dimensió x1"})
    indicator = Indicator.objects.source().get(framework=edition.framework, code="i1")
    translate_object(indicator, locale("ca"), {"Indicator i1": "Indicador i1"})

    english = client.get(profile.url).content.decode()
    catalan = client.get(catalan_page.url).content.decode()

    assert "Àmbit x" in catalan
    assert "Dimensió x1" in catalan
    assert "Indicador i1" in catalan
    assert "Area y" in catalan  # not translated: the source's name
    assert "Àmbit x" not in english
    assert "Area x" in english
    assert shown_scores(catalan) == shown_scores(english)
    assert shown_scores(english)


def test_profile_pdf_shows_translated_area_name(profile, edition, client):
    from tests.pdf_helpers import pdf_text

    catalan_page = translate_page(profile, locale("ca"), {})
    translate_object(area(edition, "x"), locale("ca"), {"Area x": "Àmbit x"})

    response = client.get(f"{catalan_page.url}pdf/")
    assert response.status_code == 200
    assert "Àmbit x" in pdf_text(b"".join(response.streaming_content))


def test_scoring_ignores_translations(edition):
    before = scores(edition)
    translate_framework(edition.framework, "ca", "CA")
    translate_framework(edition.framework, "el", "EL")

    compute_edition_scores(edition)

    assert scores(edition) == before
    assert PolicyArea.objects.filter(framework=edition.framework).count() == 6
    assert PolicyArea.objects.source().filter(framework=edition.framework).count() == 2


def test_export_ignores_translations(edition):
    export = io.StringIO()
    call_command("export_scores", "--edition", "reg-2026", stdout=export)
    translate_framework(edition.framework, "ca", "CA")
    compute_edition_scores(edition)

    after = io.StringIO()
    call_command("export_scores", "--edition", "reg-2026", stdout=after)
    assert after.getvalue() == export.getvalue()


def test_framework_reimport_keeps_translations(tmp_path):
    path = write_csv(tmp_path / "framework.csv", FRAMEWORK_ROWS)
    import_framework(path)
    framework = Framework.objects.get(slug="pilot")
    translate_framework(framework, "ca", "CA")
    translations = sorted(
        PolicyArea.objects.exclude(locale__language_code="en").values_list("pk", "name")
    )

    import_framework(
        write_csv(tmp_path / "renamed.csv", changed(FRAMEWORK_ROWS, 2, "area_name", "Jobs"))
    )

    assert PolicyArea.objects.source().get(framework=framework, code="WRK").name == "Jobs"
    assert (
        sorted(PolicyArea.objects.exclude(locale__language_code="en").values_list("pk", "name"))
        == translations
    )
    assert Indicator.objects.source().filter(framework=framework).count() == len(
        {row[6] for row in FRAMEWORK_ROWS if row[6]}
    )


def test_answer_import_uses_source_indicators(edition, tmp_path):
    translate_framework(edition.framework, "ca", "CA")
    path = tmp_path / "answers.csv"
    path.write_text(
        "edition,region,role,indicator,answer,source,comment\nreg-2026,ES61,final,i2,a,,\n",
        encoding="utf-8",
    )
    call_command("import_responses", str(path), stdout=io.StringIO())

    indicator = Indicator.objects.get(answers__response__region__code="ES61", code="i2")
    assert indicator.locale.language_code == "en"


def test_translator_edits_own_locale_only(client, edition):
    source = area(edition, "x")
    catalan = translate_object(source, locale("ca"), {"Area x": "Àmbit x"})
    greek = translate_object(source, locale("el"), {"Area x": "Τομέας x"})
    translator = make_user("translator-ca", translator_group_name("ca"))
    client.force_login(translator)

    assert client.get(edit_url(catalan)).status_code == 200
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    for instance in (greek, source):
        response = client.get(edit_url(instance))
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    response = client.post(edit_url(source), {"name": "Changed", "order": 0})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.name == "Area x"


def test_profile_rejects_translated_area(profile, edition):
    from django.core.exceptions import ValidationError

    catalan_area = translate_object(area(edition, "x"), locale("ca"), {"Area x": "Àmbit x"})
    block = next(block for block in profile.body if block.block_type == "policy_area")
    block.value["area"] = catalan_area

    with pytest.raises(ValidationError, match="not part of the framework.*in English"):
        profile.full_clean()


def test_area_translation_rebuilds_language_pdfs(profile, edition, client):
    """The test settings run tasks at once, so a stale PDF is rebuilt within the save."""
    from publications.models import ProfilePDF

    catalan_page = translate_page(profile, locale("ca"), {})
    for page in (profile, catalan_page):
        assert client.get(f"{page.url}pdf/").status_code == 200
    etags = dict(ProfilePDF.objects.values_list("page_id", "etag"))

    translate_object(area(edition, "x"), locale("ca"), {"Area x": "Àmbit x"})

    after = dict(ProfilePDF.objects.filter(stale=False).values_list("page_id", "etag"))
    assert after[profile.pk] == etags[profile.pk]
    assert after[catalan_page.pk] != etags[catalan_page.pk]


def test_sync_copies_synchronised_fields(edition):
    source = area(edition, "x")
    catalan = translate_object(source, locale("ca"), {"Area x": "Àmbit x"})
    source.order = 7
    source.save()

    call_command("sync_translations", stdout=io.StringIO())

    catalan.refresh_from_db()
    assert (catalan.order, catalan.name) == (7, "Àmbit x")


def test_sync_untranslates_changed_source_text(edition):
    source = area(edition, "x")
    catalan = translate_object(source, locale("ca"), {"Area x": "Àmbit x"})
    source.name = "Area x renamed"
    source.save()

    call_command("sync_translations", stdout=io.StringIO())

    catalan.refresh_from_db()
    assert catalan.name == "Area x renamed"  # the source's text until translated again
    translation = Translation.objects.get(target_locale=locale("ca"))
    assert translation.get_progress() == (1, 0)


def test_translator_submits_own_locale_only(client, edition):
    source = area(edition, "x")
    client.force_login(make_user("translator-ca", translator_group_name("ca")))

    response = submit_snippet(client, source, "el")
    assert not Translation.objects.filter(source__object_id=source.translation_key).exists()
    assert "Ελληνικά" in response.content.decode()

    assert submit_snippet(client, source, "ca").status_code == 302
    assert source.has_translation(locale("ca"))


def test_editor_submits_snippet_translations(client, edition):
    source = area(edition, "x")
    client.force_login(make_user("editor", "Editor"))

    assert submit_snippet(client, source, "el").status_code == 302
    assert source.has_translation(locale("el"))


def test_source_translator_cannot_change_weight(client, edition):
    indicator = Indicator.objects.source().get(framework=edition.framework, code="p1")
    client.force_login(make_user("translator-en", translator_group_name("en")))

    response = client.post(edit_url(indicator), {"title": "Indicator p1", "weight": 9})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    indicator.refresh_from_db()
    assert indicator.weight == 1.0


def test_stopped_translation_closed_to_translators(client, edition):
    catalan = translate_object(area(edition, "x"), locale("ca"), {"Area x": "Àmbit x"})
    Translation.objects.filter(target_locale=locale("ca")).update(enabled=False)
    client.force_login(make_user("translator-ca", translator_group_name("ca")))

    response = client.post(edit_url(catalan), {"name": "Àmbit x", "order": 5})

    assert response.status_code == 302
    catalan.refresh_from_db()
    assert catalan.order == 0


def test_editor_opens_snippet_translation_editor(client, edition):
    catalan = translate_object(area(edition, "x"), locale("ca"), {"Area x": "Àmbit x"})
    client.force_login(make_user("editor", "Editor"))

    assert client.get(edit_url(catalan)).status_code == 200


def test_indicator_form_offers_text_only(admin_client, edition):
    indicator = Indicator.objects.source().get(framework=edition.framework, code="p1")

    form = admin_client.get(edit_url(indicator)).context["form"]

    assert set(form.fields) == {"title", "question"}


def test_translated_options_keep_scores_and_answers(edition):
    indicator = Indicator.objects.source().get(framework=edition.framework, code="i1")
    catalan = translate_object(indicator, locale("ca"), {"Indicator i1": "Indicador i1", "A": "Sí"})

    options = {option.code: option for option in catalan.options.all()}
    assert options["a"].label == "Sí"
    assert options["b"].label == "B"
    assert [(o.code, o.score) for o in catalan.options.order_by("order")] == [
        (o.code, o.score) for o in indicator.options.order_by("order")
    ]
    assert all(option.locale.language_code == "ca" for option in options.values())
    assert not Answer.objects.filter(option__locale__language_code="ca").exists()


def test_profile_shows_translated_answer_label(profile, client):
    indicator = Indicator.objects.source().get(framework=profile.edition.framework, code="i1")
    catalan_page = translate_page(profile, locale("ca"), {})
    translate_object(indicator, locale("ca"), {"A": "Sí, per a tothom"})

    catalan = client.get(catalan_page.url).content.decode()
    english = client.get(profile.url).content.decode()

    assert "Sí, per a tothom" in catalan
    assert "Sí, per a tothom" not in english
