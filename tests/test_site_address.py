"""The default site's address, which absolute URLs (hreflang, sitemap) are built from."""

import pytest
from wagtail.models import Site

from home.site_address import set_default_site_address

pytestmark = pytest.mark.django_db


def test_site_address_from_base_url():
    site = set_default_site_address("http://127.0.0.1:8001")

    assert (site.hostname, site.port) == ("127.0.0.1", 8001)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8001"


def test_site_address_default_https_port():
    site = set_default_site_address("https://mipex-reg.example.org")

    assert (site.hostname, site.port) == ("mipex-reg.example.org", 443)


def test_site_address_rejects_relative_url():
    with pytest.raises(ValueError, match="not an absolute URL"):
        set_default_site_address("/admin/")
