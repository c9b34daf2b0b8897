from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.import_views import SESSION_KEY
from indicators.models import Answer, Indicator, Score
from tests.factories import make_edition, make_framework, make_region

pytestmark = pytest.mark.django_db

RESPONSES_URL = "indicators_import:responses"
CONFIRM_URL = "indicators_import:responses_confirm"

VALID_FILE = (
    b"edition,region,role,indicator,answer,source,comment\n"
    b"test-2026,ES51,final,i1,a,Law 3/2021,\n"
    b"test-2026,ES51,final,i2,37.5,,\n"
)
INVALID_FILE = (
    b"edition,region,role,indicator,answer\n"
    b"test-2026,ES51,final,i1,a\n"
    b"test-2026,ES51,final,i2,d\n"
    b"test-2026,XX99,final,i2,b\n"
)

FRAMEWORK_FILE = (
    b"framework;framework_name;area_code;area_name;dimension_code;dimension_name;"
    b"indicator_code;indicator_title;option_code;option_label;option_score\n"
    b"pilot;Pilot index;WRK;Work;WRK1;Access;w1;Permit;a;Yes;100\n"
    b"pilot;;WRK;;WRK1;;w1;;b;No;0\n"
)


@pytest.fixture
def edition():
    framework = make_framework({"x": {"x1": ["i1", "i2"]}})
    make_region("ES51")
    return make_edition(framework)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, content, name="responses.csv", url_name=RESPONSES_URL):
    return client.post(reverse(url_name), {"file": SimpleUploadedFile(name, content)})


def pending_token(client):
    (token,) = client.session[SESSION_KEY]
    return token


def test_import_screen_shows_upload_form(admin_client):
    response = admin_client.get(reverse(RESPONSES_URL))

    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert b"Import responses" in response.content


def test_import_screen_preview_lists_changes(admin_client, edition, media_root):
    response = upload(admin_client, VALID_FILE)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Answers to create" in content
    assert "<td>i1</td>" in content
    assert "<td>37.5</td>" in content
    assert 'name="confirm"' in content
    assert not Answer.objects.exists()
    assert (media_root / "imports" / pending_token(admin_client)).read_bytes() == VALID_FILE


def test_import_screen_preview_lists_errors(admin_client, edition, media_root):
    response = upload(admin_client, INVALID_FILE)

    content = response.content.decode()
    assert "The file has 2 errors, so nothing will be imported." in content
    assert "<td>3</td>" in content
    assert "<td>answer</td>" in content
    assert "<td>d</td>" in content
    assert "is not an option of indicator" in content
    assert "<td>XX99</td>" in content
    assert 'name="confirm"' not in content
    assert not client_has_pending_upload(admin_client)


def client_has_pending_upload(client):
    return bool(client.session.get(SESSION_KEY))


def test_import_screen_confirm_writes(admin_client, edition, media_root):
    upload(admin_client, VALID_FILE)
    token = pending_token(admin_client)

    response = admin_client.post(reverse(CONFIRM_URL), {"token": token, "confirm": ""}, follow=True)

    assert Answer.objects.count() == 2
    assert set(Answer.objects.values_list("entered_by__username", flat=True)) == {"admin"}
    assert Score.objects.get(edition=edition, level="indicator", code="i1").value == 100
    assert "Imported 2 rows from responses.csv" in response.content.decode()
    assert not (media_root / "imports" / token).exists()
    assert not client_has_pending_upload(admin_client)


def test_import_screen_confirm_twice_writes_once(admin_client, edition, media_root):
    upload(admin_client, VALID_FILE)
    token = pending_token(admin_client)
    admin_client.post(reverse(CONFIRM_URL), {"token": token, "confirm": ""})

    response = admin_client.post(reverse(CONFIRM_URL), {"token": token}, follow=True)

    assert "This import has expired or was already done" in response.content.decode()
    assert Answer.objects.count() == 2


def test_import_screen_cancel_deletes_upload(admin_client, edition, media_root):
    upload(admin_client, VALID_FILE)
    token = pending_token(admin_client)

    admin_client.post(reverse(CONFIRM_URL), {"token": token, "cancel": ""})

    assert not Answer.objects.exists()
    assert not (media_root / "imports" / token).exists()


def test_import_screen_confirm_revalidates(admin_client, edition, media_root):
    upload(admin_client, VALID_FILE)
    token = pending_token(admin_client)
    Indicator.objects.filter(code="i2").delete()

    response = admin_client.post(reverse(CONFIRM_URL), {"token": token})

    assert '"i2" is not an indicator of edition "test-2026"' in unescape(response.content.decode())
    assert not Answer.objects.exists()
    assert not (media_root / "imports" / token).exists()


def test_import_screen_rejects_token_of_other_session(client, admin_client, edition, media_root):
    upload(admin_client, VALID_FILE)
    token = pending_token(admin_client)
    other = get_user_model().objects.create_superuser("other", password="not-used-here")
    client.force_login(other)

    client.post(reverse(CONFIRM_URL), {"token": token})

    assert not Answer.objects.exists()
    assert Path(media_root / "imports" / token).exists()


def test_import_screen_rejects_large_file(admin_client, settings, media_root):
    settings.MIPEX_IMPORT_MAX_UPLOAD_SIZE = 10

    response = upload(admin_client, VALID_FILE)

    assert "responses.csv" in response.content.decode()
    assert "(allowed: at most 10" in response.content.decode()
    assert not (media_root / "imports").exists()


def test_import_screen_rejects_other_extension(admin_client, media_root):
    response = upload(admin_client, VALID_FILE, name="responses.pdf")

    assert "is not a CSV or XLSX file (allowed: .csv, .xlsx)." in response.content.decode()


def test_import_screen_requires_login(client):
    response = client.get(reverse(RESPONSES_URL))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_import_screen_requires_permission(client, edition, media_root):
    user = get_user_model().objects.create_user("viewer", password="not-used-here")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    get = client.get(reverse(RESPONSES_URL))
    post = upload(client, VALID_FILE)

    assert get.status_code in (302, 403)
    assert post.status_code in (302, 403)
    assert not (media_root / "imports").exists()


def test_import_screen_allows_answer_permission(client, edition, media_root):
    user = get_user_model().objects.create_user("editor", password="not-used-here")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_answer"),
    )
    client.force_login(user)

    response = upload(client, VALID_FILE)

    assert response.status_code == 200
    assert "Answers to create" in response.content.decode()


def test_import_menu_lists_import_screens(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert reverse(RESPONSES_URL).encode() in response.content
    assert reverse("indicators_import:framework").encode() in response.content


def test_framework_import_screen_confirm_writes(admin_client, media_root):
    preview = upload(
        admin_client, FRAMEWORK_FILE, name="framework.csv", url_name="indicators_import:framework"
    )
    assert "Indicators to create" in preview.content.decode()

    admin_client.post(
        reverse("indicators_import:framework_confirm"), {"token": pending_token(admin_client)}
    )

    assert list(Indicator.objects.values_list("code", flat=True)) == ["w1"]
