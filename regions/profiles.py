"""Create region profiles with a pre-filled body.

The admin's "add profile" screen, `create_profiles` and the demo loader all create profiles
through `create_profile`, so every new profile starts from the same complete body: a score
summary, one policy-area block per area, a comparison, and strengths and weaknesses.
"""

import logging

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from indicators.models import Edition, EditionStatus, PolicyArea, ResponseRole

from .models import Region, RegionIndexPage, RegionProfilePage

logger = logging.getLogger(__name__)


def _paragraph(text: str) -> str:
    """Wrap plain text as a rich-text paragraph."""
    return f"<p>{escape(text)}</p>"


def latest_national_edition(edition: Edition) -> Edition | None:
    """Return the latest published national edition that scores the countries of `edition`.

    The national framework is the one that the policy areas' comparable areas belong to.
    Among its published editions, the latest one that scores every country with a final
    response in `edition` wins; if none scores them all, the latest one that scores the
    most of them. (A year with data for only a few countries, as the national workbook's
    2020 is, would otherwise leave most regions without a national comparison.)
    Returns None when no area of the framework has a comparable area.
    """
    national_framework_ids = (
        PolicyArea.objects.source()
        .filter(framework_id=edition.framework_id, comparable_area__isnull=False)
        .values_list("comparable_area__framework_id", flat=True)
        .distinct()
    )
    countries = set(
        edition.responses.filter(role=ResponseRole.FINAL).values_list("region__country", flat=True)
    )
    candidates = (
        Edition.objects.filter(
            framework_id__in=list(national_framework_ids), status=EditionStatus.PUBLISHED
        )
        .annotate(
            countries_scored=Count(
                "responses",
                filter=Q(responses__role=ResponseRole.FINAL, responses__region__code__in=countries),
            )
        )
        .order_by("-countries_scored", "-year")
    )
    return candidates.first()


def default_profile_body(edition: Edition) -> list[tuple[str, dict]]:
    """Return the body a new profile of `edition` starts with, as (block type, value) pairs."""
    national = latest_national_edition(edition)
    body: list[tuple[str, dict]] = [("score_summary", {"heading": _("Score summary")})]
    for area in (
        PolicyArea.objects.source()
        .filter(framework_id=edition.framework_id)
        .order_by("order", "code")
    ):
        commentary = _paragraph(area.description) if area.description else ""
        body.append(
            ("policy_area", {"area": area, "commentary": commentary, "show_indicators": True})
        )
    body.append(("comparison", {"area": None, "national_edition": national, "commentary": ""}))
    body.append(("strengths_weaknesses", {"count": 3, "strengths": "", "weaknesses": ""}))
    return body


def build_profile(index_page: RegionIndexPage, region: Region) -> RegionProfilePage:
    """Return a new, unsaved profile of `region` in the index page's edition."""
    edition = index_page.edition
    return RegionProfilePage(
        title=region.name,
        slug=slugify(f"{region.code}-{region.name}") or region.code.lower(),
        region=region,
        edition=edition,
        summary=_paragraph(
            _("How %(region)s scores in %(edition)s.") % {"region": region.name, "edition": edition}
        ),
        body=default_profile_body(edition),
        live=False,
    )


@transaction.atomic
def create_profile(
    index_page: RegionIndexPage, region: Region, *, user=None, publish: bool = False
) -> RegionProfilePage:
    """Create a draft profile of `region` under `index_page`, and publish it if asked."""
    page = build_profile(index_page, region)
    page.owner = user
    index_page.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    logger.info(
        "Created profile",
        extra={
            "page": page.pk,
            "region": region.code,
            "edition": index_page.edition.slug,
            "published": publish,
        },
    )
    return page


def regions_without_profile(edition: Edition) -> QuerySet[Region]:
    """Return the regions with final answers in `edition` that have no profile of it yet."""
    profiled = RegionProfilePage.objects.filter(edition=edition).values("region_id")
    return (
        Region.objects.filter(responses__edition=edition, responses__role=ResponseRole.FINAL)
        .exclude(pk__in=profiled)
        .distinct()
        .order_by("code")
    )


def create_missing_profiles(
    index_page: RegionIndexPage, *, user=None, publish: bool = False
) -> list[RegionProfilePage]:
    """Create a profile for every region of the index page's edition that has none."""
    return [
        create_profile(index_page, region, user=user, publish=publish)
        for region in regions_without_profile(index_page.edition)
    ]
