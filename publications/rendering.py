"""Turn HTML into PDF with xhtml2pdf, reading only files under the static and media roots.

xhtml2pdf 0.2.28 checks every fetch against a `ResourceAccessPolicy` (its
`xhtml2pdf.config.resources` module), including fonts, which bypass `link_callback`. We
pass a policy that allows no network access at all and confines local reads to
MEDIA_ROOT, STATIC_ROOT and STATICFILES_DIRS. `link_callback` maps /static/ and /media/
URLs to those files. Before rendering, `clean_html` removes images whose source is not
one of those files and links whose scheme is not http, https or mailto, and logs each.
So a hostile rich text loses the parts that would be fetched, and the PDF still builds.
"""

import logging
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

logger = logging.getLogger(__name__)

FONT_FILES = {"regular": "fonts/DejaVuSans.ttf", "bold": "fonts/DejaVuSans-Bold.ttf"}
LINK_SCHEMES = ("http", "https", "mailto")

# Images above these limits are left out, with a warning from xhtml2pdf.
MAX_IMAGE_PIXELS = 25_000_000
MAX_LOCAL_FILE_BYTES = 20 * 1024 * 1024
# The publication of 300 regions has over 2,000 pages (a demo profile has 7 or 8), so
# xhtml2pdf's server defaults of 60 s and 10 MB of HTML would stop it.
MAX_RENDER_SECONDS = 3600
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024


class PDFBuildError(Exception):
    """xhtml2pdf reported errors and produced no usable PDF."""


def allowed_roots() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    roots.extend(Path(directory) for directory in settings.STATICFILES_DIRS)
    return [root.resolve() for root in roots]


def resource_policy() -> ResourceAccessPolicy:
    """Return the policy of every build: no network, local reads under the allowed roots."""
    media_root, *other_roots = allowed_roots()
    return ResourceAccessPolicy.server(
        media_root,
        extra_roots=tuple(other_roots),
        allow_remote=False,
        allow_private_networks=False,
        allowed_hosts=frozenset(),
        max_image_pixels=MAX_IMAGE_PIXELS,
        max_local_bytes=MAX_LOCAL_FILE_BYTES,
        max_resources=1000,
        max_total_bytes=200 * 1024 * 1024,
        max_render_seconds=MAX_RENDER_SECONDS,
        max_document_bytes=MAX_DOCUMENT_BYTES,
        max_depth=200,
    )


@cache
def font_paths() -> dict[str, str]:
    """Return the absolute paths of the shipped DejaVu fonts, found through staticfiles."""
    paths = {}
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if not found:
            raise PDFBuildError(
                f"Font {name} was not found in the static files; run collectstatic."
            )
        paths[weight] = str(Path(found).resolve())
    return paths


def local_path(uri: str) -> Path | None:
    """Map a /static/ or /media/ URL, or a path, to a file under the allowed roots."""
    parts = urlsplit(uri)
    if parts.scheme not in ("", "file") or parts.netloc:
        return None
    path = unquote(parts.path)
    candidate = None
    if path.startswith(settings.MEDIA_URL):
        candidate = Path(settings.MEDIA_ROOT) / path.removeprefix(settings.MEDIA_URL)
    elif path.startswith(settings.STATIC_URL):
        relative = path.removeprefix(settings.STATIC_URL)
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        candidate = Path(found) if found else Path(settings.STATIC_ROOT) / relative
    elif parts.scheme == "" and Path(path).is_absolute():
        candidate = Path(path)
    if candidate is None:
        return None
    resolved = candidate.resolve()
    if not any(resolved.is_relative_to(root) for root in allowed_roots()):
        return None
    return resolved


def link_callback(uri: str, rel: str | None) -> str:
    """Map a /static/ or /media/ URL to its file.

    Any other URL is returned unchanged, and the resource policy then rejects it.
    """
    path = local_path(uri)
    if path is None:
        logger.warning("PDF resource left out: %s is outside the static and media roots", uri[:200])
        return uri
    return str(path)


def clean_html(html: str, context: str) -> str:
    """Remove images that are not static or media files, and links with other schemes.

    Bulleted lists are rewritten by `replace_bullets`.

    `context` names the document in the log, such as a page id.
    """
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        source = image.get("src", "")
        if local_path(source) is None:
            logger.warning(
                "Left an image out of a PDF: %s is not a static or media file",
                source[:200],
                extra={"document": context},
            )
            image.decompose()
    for link in soup.find_all("a", href=True):
        href = link["href"]
        scheme = urlsplit(href).scheme.lower()
        if scheme and scheme not in LINK_SCHEMES:
            logger.warning(
                "Left a link out of a PDF: scheme %r is not allowed in %s",
                scheme,
                href[:200],
                extra={"document": context},
            )
            link.unwrap()
    replace_bullets(soup)
    return str(soup)


def replace_bullets(soup: BeautifulSoup) -> None:
    """Write the items of unordered lists as paragraphs that start with a bullet character.

    xhtml2pdf 0.2.28 draws list bullets in the standard Symbol font, which is not
    embedded and whose glyphs some readers substitute; DejaVu Sans has the bullet.
    """
    for items in soup.find_all("ul"):
        for item in items.find_all("li", recursive=False):
            item.name = "p"
            item["class"] = "bullet"
            item.insert(0, "\u2022\u00a0")
        items.name = "div"
        items["class"] = "bullet-list"


def html_to_pdf(html: str, context: str) -> bytes:
    """Render a whole HTML document to PDF bytes; raise PDFBuildError if xhtml2pdf fails."""
    output = BytesIO()
    result = pisa.CreatePDF(
        html,
        dest=output,
        link_callback=link_callback,
        resource_policy=resource_policy(),
        encoding="utf-8",
    )
    if result.err:
        raise PDFBuildError(f"xhtml2pdf reported {result.err} error(s) building {context}.")
    return output.getvalue()
