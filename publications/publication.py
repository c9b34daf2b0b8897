"""Build one PDF of every published profile of an edition, in one locale.

The document has a title page, a table of contents with page numbers (xhtml2pdf's
`<pdf:toc>`, which lists the level-1 headings), the methodology page and every profile.
"""

import logging
import time

from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Locale

from home.models import StandardPage
from indicators.models import Edition
from regions.models import RegionProfilePage

from .builder import has_public_pdf, profile_context
from .rendering import clean_html, font_paths, html_to_pdf

logger = logging.getLogger(__name__)

METHODOLOGY_SLUG = "methodology"


def published_profiles(edition: Edition, locale: Locale) -> list[RegionProfilePage]:
    """Return the edition's profiles that have a public PDF in `locale`, by region name."""
    pages = (
        RegionProfilePage.objects.live()
        .public()
        .filter(edition=edition, locale=locale)
        .select_related("region", "edition", "locale")
        .order_by("region__name")
    )
    return [page for page in pages if has_public_pdf(page)]


def methodology_page(locale: Locale) -> StandardPage | None:
    return StandardPage.objects.live().filter(slug=METHODOLOGY_SLUG, locale=locale).first()


def render_publication_html(edition: Edition, locale: Locale, profiles) -> str:
    built_at = timezone.now()
    fonts = font_paths()
    profile_parts = []
    for page in profiles:
        context = profile_context(page, built_at)
        context["fonts"] = fonts
        html = render_to_string("publications/includes/profile_content.html", context)
        profile_parts.append(clean_html(html, context=f"page {page.pk}"))

    methodology = methodology_page(locale)
    methodology_html = ""
    if methodology is not None:
        methodology_html = clean_html(
            render_to_string("publications/includes/methodology.html", {"page": methodology}),
            context=f"page {methodology.pk}",
        )
    return render_to_string(
        "publications/publication.html",
        {
            "edition": edition,
            "fonts": fonts,
            "language_code": locale.language_code,
            "profiles": profile_parts,
            "profile_count": len(profile_parts),
            "methodology": methodology_html,
            "built_at": built_at,
        },
    )


def build_publication(edition: Edition, locale: Locale) -> bytes:
    """Render the publication of an edition in one locale to PDF bytes."""
    start = time.perf_counter()
    profiles = published_profiles(edition, locale)
    with translation.override(locale.language_code):
        html = render_publication_html(edition, locale, profiles)
        content = html_to_pdf(html, context=f"publication {edition.slug}/{locale.language_code}")
    logger.info(
        "Built the publication",
        extra={
            "edition": edition.slug,
            "locale": locale.language_code,
            "profiles": len(profiles),
            "bytes": len(content),
            "seconds": round(time.perf_counter() - start, 1),
        },
    )
    return content


def publication_file_name(edition: Edition, locale: Locale) -> str:
    return f"{edition.slug}-{locale.language_code}.pdf".lower()
