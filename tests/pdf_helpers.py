"""Shared set-up for the PDF tests: the demo site, a media root of their own, a network guard."""

import io
import re
import shutil
import socket
import tempfile

import pypdf
import pytest
from django.test import TestCase, override_settings

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def pdf_reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """Return the text of every page, with each run of white space made one space."""
    text = " ".join(page.extract_text() for page in pdf_reader(content).pages)
    return " ".join(text.split())


def fonts_drawing_text(content: bytes) -> dict[str, bool]:
    """Return {font name: whether its font program is embedded} for each font that draws text.

    ReportLab also selects Helvetica in empty text objects, which draw no glyph; such
    fonts are not listed.
    """
    fonts = {}

    def visit(text, cm, tm, font, font_size):
        if font is None or not text.strip():
            return
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        fonts[str(font.get("/BaseFont"))] = embedded

    for page in pdf_reader(content).pages:
        page.extract_text(visitor_text=visit)
    return fonts


def footer_page_count(content: bytes) -> int:
    """Return N from the "Page 1 / N" footer of the first page."""
    match = re.search(r"Page 1 / (\d+)", pdf_reader(content).pages[0].extract_text())
    assert match, "The first page has no 'Page 1 / N' footer."
    return int(match.group(1))


class NetworkGuard:
    """Record every attempt to resolve or connect to a host other than the loopback."""

    def __init__(self, monkeypatch):
        self.attempts: list[str] = []
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect

        def guarded_getaddrinfo(host, *args, **kwargs):
            if str(host) not in LOOPBACK_HOSTS:
                self.attempts.append(f"getaddrinfo {host}")
                raise OSError(f"The test blocked a lookup of {host}.")
            return real_getaddrinfo(host, *args, **kwargs)

        def guarded_connect(sock, address):
            host = address[0] if isinstance(address, tuple) else address
            if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK_HOSTS:
                self.attempts.append(f"connect {address}")
                raise OSError(f"The test blocked a connection to {address}.")
            return real_connect(sock, address)

        monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture
def network_guard(monkeypatch) -> NetworkGuard:
    return NetworkGuard(monkeypatch)


class DemoSiteTestCase(TestCase):
    """The demo edition with its published pages, and a temporary MEDIA_ROOT."""

    @classmethod
    def setUpClass(cls):
        cls._media_root = tempfile.mkdtemp(prefix="mipex-pdf-media-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media_root)
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_override.disable()
        shutil.rmtree(cls._media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        from home.demo_pages import load_demo_pages
        from indicators.demo.loader import load_demo_data

        summary = load_demo_data()
        cls.edition = summary.edition
        cls.pages = load_demo_pages(summary.edition)

    def profile(self, region_code: str):
        from regions.models import RegionProfilePage

        return RegionProfilePage.objects.get(region__code=region_code, locale__language_code="en")
