"""The publication: one PDF of every published profile, from the command and the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.pdf_helpers import (
    DemoSiteTestCase,
    fonts_drawing_text,
    footer_page_count,
    pdf_reader,
    pdf_text,
)

pytestmark = pytest.mark.django_db

DEMO_REGION_NAMES = (
    "Andalucía",
    "Bretagne",
    "Cataluña",
    "Mecklenburg-Vorpommern",
    "Región de Murcia",
    "Skåne län",
    "Toscana",
    "Βόρειο Αιγαίο",
    "Δυτική Ελλάδα",
)


class PublicationTests(DemoSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from wagtail.models import Locale

        from publications.publication import build_publication

        cls.content = build_publication(cls.edition, Locale.get_default())
        cls.reader = pdf_reader(cls.content)

    def test_publication_title_and_contents(self):
        title_page = " ".join(self.reader.pages[0].extract_text().split())
        contents = " ".join(self.reader.pages[1].extract_text().split())

        assert "MIPEX-REG demo 2025" in title_page
        assert "Profiles of 9 regions" in title_page
        assert "Contents" in contents
        assert "Methodology" in contents
        for name in DEMO_REGION_NAMES:
            assert name in contents, name

    def test_contents_page_numbers_point_at_profiles(self):
        # pypdf extracts each entry's page number on the line before its title.
        lines = self.reader.pages[1].extract_text().splitlines()
        for name in DEMO_REGION_NAMES:
            index = next(i for i, line in enumerate(lines) if line.strip() == name)
            page_number = int(lines[index - 1].strip())
            cover = " ".join(self.reader.pages[page_number - 1].extract_text().split())
            assert f"{name} {name}" in cover, (name, page_number)
            assert "Overall score" in cover, (name, page_number)

    def test_publication_has_every_profile_and_methodology(self):
        text = pdf_text(self.content)

        assert "From answers to scores" in text
        for name in DEMO_REGION_NAMES:
            assert name in text, name
        assert len(self.reader.pages) == footer_page_count(self.content)
        # Title, contents, methodology, then at least a cover and a score page per profile.
        assert len(self.reader.pages) >= 3 + 2 * len(DEMO_REGION_NAMES)

    def test_publication_embeds_fonts(self):
        fonts = fonts_drawing_text(self.content)

        assert all(fonts.values()), fonts

    def test_build_publication_command_writes_file(self):
        output = self.media_dir() / "publication.pdf"

        call_command("build_publication", edition=self.edition.slug, locale="en", output=output)

        assert len(pdf_reader(output.read_bytes()).pages) == len(self.reader.pages)

    def test_build_publication_rejects_unknown_edition(self):
        with pytest.raises(CommandError, match='Edition "nope" not found'):
            call_command("build_publication", edition="nope", locale="en")

    def test_build_publication_rejects_unknown_locale(self):
        with pytest.raises(CommandError, match='Locale "xx" not found'):
            call_command("build_publication", edition=self.edition.slug, locale="xx")

    def media_dir(self):
        from pathlib import Path

        from django.conf import settings

        return Path(settings.MEDIA_ROOT)


def element_depth(html: str) -> int:
    """Return how deeply html5lib, the parser of xhtml2pdf, nests the document's elements."""
    import html5lib

    def depth(element) -> int:
        return 1 + max((depth(child) for child in element), default=0)

    return depth(html5lib.parse(html, namespaceHTMLElements=False))


class PublicationDepthTests(DemoSiteTestCase):
    def test_nesting_does_not_grow_with_profiles(self):
        from wagtail.models import Locale

        from publications.publication import published_profiles, render_publication_html

        locale = Locale.get_default()
        profiles = published_profiles(self.edition, locale)

        once = element_depth(render_publication_html(self.edition, locale, profiles))
        three_times = element_depth(render_publication_html(self.edition, locale, profiles * 3))

        assert once == three_times
        assert once < 50


class PublicationAdminTests(DemoSiteTestCase):
    def test_admin_builds_publication(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        self.client.force_login(admin)

        form = self.client.get("/admin/publications/build/")
        response = self.client.post(
            "/admin/publications/build/", {"edition": self.edition.pk, "locale": "en"}
        )

        assert form.status_code == 200
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="mipex-reg-demo-2025-en.pdf"' in response["Content-Disposition"]
        assert "Toscana" in pdf_text(response.content)

    def test_admin_rejects_locale_without_profiles(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        self.client.force_login(admin)

        response = self.client.post(
            "/admin/publications/build/", {"edition": self.edition.pk, "locale": "el"}
        )

        assert response.status_code == 200
        assert "has no published public profile" in response.content.decode()

    def test_admin_requires_permission(self):
        editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
        self.client.force_login(editor)

        response = self.client.get("/admin/publications/build/")

        assert response.status_code in (302, 403)
