"""Hostile rich text in a profile: nothing is fetched, unsafe parts are left out, the PDF builds."""

import logging
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from xhtml2pdf.config.resources import ResourceAccessError

from publications.builder import build_profile_pdf
from publications.rendering import clean_html, link_callback, local_path, resource_policy
from tests.pdf_helpers import DemoSiteTestCase, NetworkGuard, pdf_text

pytestmark = pytest.mark.django_db

# 203.0.113.0/24 is TEST-NET-3 (RFC 5737): no host there, and the guard blocks it anyway.
REMOTE_IMAGE = "http://203.0.113.7/tracker.png"


def write_huge_image(media_root: str) -> str:
    """Write a 6,000 x 5,000 pixel PNG (30 megapixels, a few kB on disk) under MEDIA_ROOT."""
    path = Path(media_root) / "original_images" / "huge.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("1", (6000, 5000)).save(path)
    return settings.MEDIA_URL + "original_images/huge.png"


class HostileRichTextTests(DemoSiteTestCase):
    @pytest.fixture(autouse=True)
    def guard_network(self, monkeypatch):
        self.network = NetworkGuard(monkeypatch)

    @pytest.fixture(autouse=True)
    def capture_logs(self, caplog):
        caplog.set_level(logging.WARNING)
        self.caplog = caplog

    def hostile_profile(self):
        page = self.profile("FRH0")
        huge_image = write_huge_image(settings.MEDIA_ROOT)
        page.summary = (
            "<p>Before the hostile parts.</p>"
            f'<p><img src="{REMOTE_IMAGE}" alt="remote"></p>'
            '<p><img src="file:///etc/passwd" alt="local file"></p>'
            '<p><img src="/etc/passwd" alt="absolute path"></p>'
            '<p><img src="/static/../../../../etc/passwd" alt="escape"></p>'
            f'<p><img src="{huge_image}" alt="huge"></p>'
            '<p><a href="file:///etc/passwd">A link to a local file</a></p>'
            '<p><a href="https://example.org/report">A link to another site</a></p>'
            "<p>After the hostile parts.</p>"
        )
        page.save_revision().publish()
        return page

    def test_hostile_rich_text_builds_pdf(self):
        page = self.hostile_profile()

        text = pdf_text(build_profile_pdf(page))

        assert "Before the hostile parts." in text
        assert "After the hostile parts." in text
        assert "A link to a local file" in text
        assert "root:" not in text
        assert self.network.attempts == []

    def test_hostile_rich_text_is_logged(self):
        page = self.hostile_profile()

        build_profile_pdf(page)

        messages = "\n".join(record.getMessage() for record in self.caplog.records)
        assert REMOTE_IMAGE in messages
        assert "file:///etc/passwd" in messages
        assert "/static/../../../../etc/passwd" in messages
        assert "huge.png" in messages

    def test_hostile_profile_served_over_http(self):
        page = self.hostile_profile()

        response = self.client.get(page.url + "pdf/")

        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert self.network.attempts == []


def test_clean_html_keeps_media_and_static_images():
    html = (
        '<img src="/static/fonts/x.png"><img src="/media/images/a.png">'
        '<img src="https://example.org/a.png"><img src="data:image/png;base64,AAAA">'
        '<a href="javascript:alert(1)">script</a><a href="mailto:a@example.org">mail</a>'
    )

    cleaned = clean_html(html, context="test")

    assert 'src="/static/fonts/x.png"' in cleaned
    assert 'src="/media/images/a.png"' in cleaned
    assert "example.org/a.png" not in cleaned
    assert "data:image" not in cleaned
    assert "javascript:" not in cleaned
    assert ">script<" in cleaned
    assert 'href="mailto:a@example.org"' in cleaned


def test_local_path_rejects_paths_outside_roots():
    assert local_path("/etc/passwd") is None
    assert local_path("file:///etc/passwd") is None
    assert local_path("/media/../../etc/passwd") is None
    assert local_path("http://127.0.0.1/media/a.png") is None
    assert local_path("/static/fonts/DejaVuSans.ttf").name == "DejaVuSans.ttf"


def test_link_callback_leaves_other_urls_to_policy():
    assert link_callback(REMOTE_IMAGE, None) == REMOTE_IMAGE
    assert link_callback("/static/fonts/DejaVuSans.ttf", None).endswith("DejaVuSans.ttf")


def test_resource_policy_rejects_network_and_outside_files():
    policy = resource_policy()

    with pytest.raises(ResourceAccessError):
        policy.check_url(REMOTE_IMAGE)
    with pytest.raises(ResourceAccessError):
        policy.check_url("http://127.0.0.1:8000/media/a.png")
    with pytest.raises(ResourceAccessError):
        policy.check_path("/etc/passwd")
    policy.check_path(Path(settings.STATICFILES_DIRS[0]) / "fonts" / "DejaVuSans.ttf")
