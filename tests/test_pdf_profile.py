"""Profile PDFs: content, fonts, page count and the download link."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from wagtail.models import Locale

from publications.builder import build_profile_pdf, pdf_file_name
from publications.templatetags.pdf_charts import BAND_COLOURS
from tests.pdf_helpers import (
    DemoSiteTestCase,
    fonts_drawing_text,
    footer_page_count,
    pdf_reader,
    pdf_text,
)

pytestmark = pytest.mark.django_db

PDFTOPPM = "/usr/bin/pdftoppm"  # Debian's poppler-utils; `make pdftools` installs it.
GREEK_SUMMARY = "Η Ανατολική Μακεδονία και η Θράκη σε αριθμούς: ίσες ευκαιρίες για όλους."


class ProfilePDFContentTests(DemoSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        page = cls.pages.index.get_children().get(slug__startswith="es51").specific
        cls.page = page
        cls.content = build_profile_pdf(page)
        cls.text = pdf_text(cls.content)

    def test_profile_pdf_shows_region_and_overall_score(self):
        data = self.page.load_profile_data(None)

        assert "Cataluña" in self.text
        assert "ES51" in self.text
        assert "MIPEX-REG demo 2025" in self.text
        assert f"{data.overall.rounded} {data.overall.band.label}" in self.text

    def test_profile_pdf_names_every_area(self):
        data = self.page.load_profile_data(None)

        for area in data.tree.areas:
            assert area.name in self.text, area.name
            area_score = data.area_detail(area.id).score
            assert f"{area_score.rounded} {area_score.band.label}" in self.text, area.name

    def test_profile_pdf_has_sections(self):
        for heading in (
            "Scores by policy area",
            "Legal source or reference",
            "Strengths and weaknesses",
            "national MIPEX",
            "Mean of published regions",
            "Citation and licence",
        ):
            assert heading in self.text, heading

    def test_profile_pdf_page_count_matches_footer(self):
        pages = pdf_reader(self.content).pages

        assert len(pages) == footer_page_count(self.content)
        assert len(pages) >= 3
        assert f"Page {len(pages)} / {len(pages)}" in pages[-1].extract_text()
        assert "MIPEX-REG · Cataluña (ES51)" in pages[1].extract_text()

    def test_profile_pdf_embeds_every_font(self):
        fonts = fonts_drawing_text(self.content)

        assert fonts, "The PDF uses no font."
        assert all(fonts.values()), fonts
        assert any("DejaVu" in name for name in fonts), fonts

    def test_greek_region_renders_greek_letters(self):
        page = self.pages.index.get_children().get(slug__startswith="el41").specific

        text = pdf_text(build_profile_pdf(page))

        assert "Βόρειο Αιγαίο" in text
        assert "\ufffd" not in text

    def test_greek_translation_pdf(self):
        greek = Locale.objects.get(language_code="el")
        translation = self.page.copy_for_translation(greek, copy_parents=True)
        translation.title = "Καταλονία"
        translation.summary = f"<p>{GREEK_SUMMARY}</p>"
        translation.save_revision().publish()

        content = build_profile_pdf(translation)
        text = pdf_text(content)

        assert pdf_file_name(translation) == "es51-mipex-reg-demo-2025-el.pdf"
        assert "Καταλονία" in text
        assert GREEK_SUMMARY in text
        assert all(fonts_drawing_text(content).values())


class DownloadLinkTests(DemoSiteTestCase):
    def test_profile_page_links_to_pdf(self):
        page = self.profile("ES51")

        html = self.client.get(page.url).content.decode()

        assert f'href="{page.url}pdf/"' in html
        assert "Download PDF" in html

    def test_pdf_response_has_file_name(self):
        page = self.profile("ES51")

        response = self.client.get(page.url + "pdf/")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="es51-mipex-reg-demo-2025-en.pdf"' in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")


class ProfilePDFRenderingTests(DemoSiteTestCase):
    def test_bar_chart_renders_in_band_colours(self):
        page = self.profile("ES51")
        content = build_profile_pdf(page)
        data = page.load_profile_data(None)

        with tempfile.TemporaryDirectory() as directory:
            pdf_path = Path(directory) / "profile.pdf"
            pdf_path.write_bytes(content)
            subprocess.run(
                [
                    PDFTOPPM,
                    "-r",
                    "40",
                    "-f",
                    "2",
                    "-l",
                    "2",
                    "-png",
                    pdf_path,
                    Path(directory) / "page",
                ],
                check=True,
            )
            image = Image.open(next(Path(directory).glob("page*.png"))).convert("RGB")
            colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}

        bands = {score.band.slug for bar in data.area_bars if (score := bar.score)}
        for band in bands:
            expected = tuple(int(BAND_COLOURS[band][i : i + 2], 16) for i in (1, 3, 5))
            assert expected in colours, band
