"""Point the default Wagtail site at the address the site is served on.

Wagtail builds absolute URLs (hreflang alternates, the sitemap, links in PDFs and emails)
from the default `Site`'s hostname and port, which start as localhost:80.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

logger = logging.getLogger(__name__)


def set_default_site_address(base_url: str | None = None) -> Site:
    """Set the default site's hostname and port from `base_url` (WAGTAILADMIN_BASE_URL)."""
    parts = urlsplit(base_url or settings.WAGTAILADMIN_BASE_URL)
    if not parts.hostname:
        raise ValueError(f"{base_url!r} is not an absolute URL such as http://127.0.0.1:8000.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (parts.hostname, port):
        site.hostname, site.port = parts.hostname, port
        site.save(update_fields=["hostname", "port"])
        logger.info(
            "Set the default site's address", extra={"hostname": site.hostname, "port": port}
        )
    return site
