"""One country code system for the whole project: ISO 3166-1 alpha-2.

Two sources use other codes for a few countries. Eurostat's NUTS codes start with EL for
Greece and UK for the United Kingdom, and the MIPEX national workbook names its sheets TU
for Turkey and UK for the United Kingdom. Every code that enters the project goes through
`to_iso_country_code` first.

Country names are stored in English (`country_name`) and shown to readers in the active
language (`localized_country_name`), translated with pycountry's ISO 3166-1 catalogs.
"""

import gettext
import logging
from functools import cache

import pycountry
from django.utils.translation import get_language, to_locale

logger = logging.getLogger(__name__)

# The gettext domain of pycountry's translations of the ISO 3166-1 names.
ISO_3166_1_DOMAIN = "iso3166-1"

# Non-ISO country codes used by Eurostat (NUTS) and by the MIPEX workbook, mapped to ISO.
NON_ISO_COUNTRY_CODES = {
    "EL": "GR",
    "UK": "GB",
    "TU": "TR",
}

# The reverse for NUTS: the ISO code whose NUTS regions start with another prefix.
NUTS_PREFIX_BY_ISO_CODE = {"GR": "EL", "GB": "UK"}

# NOTE: names missing from pycountry's catalogs, by (language, ISO code). pycountry 26.2.16
# renamed Turkey to "Türkiye", and its Greek catalog has no entry for that name yet.
MISSING_COUNTRY_NAMES = {
    ("el", "TR"): "Τουρκία",
}


def to_iso_country_code(code: str) -> str:
    """Return the ISO 3166-1 alpha-2 code for a country code that may be a NUTS or MIPEX one."""
    normalised = code.strip().upper()
    return NON_ISO_COUNTRY_CODES.get(normalised, normalised)


def country_name(iso_code: str) -> str:
    """Return the English short name of a country, or raise LookupError for an unknown code."""
    country = pycountry.countries.get(alpha_2=iso_code)
    if country is None:
        raise LookupError(f"{iso_code!r} is not an ISO 3166-1 alpha-2 country code.")
    return getattr(country, "common_name", None) or country.name


def localized_country_name(iso_code: str, language: str | None = None) -> str:
    """Return a country's short name in `language`, by default the active language.

    Falls back to the English name where pycountry has no translation. Raises LookupError
    for an unknown code, as `country_name` does.
    """
    english = country_name(iso_code)
    language = (language or get_language() or "en").lower()
    missing = MISSING_COUNTRY_NAMES.get((language, iso_code))
    if missing is not None:
        return missing
    return country_name_catalog(language).gettext(english)


@cache
def country_name_catalog(language: str) -> gettext.NullTranslations:
    """Return pycountry's ISO 3166-1 catalog for a Django language code, read once per process.

    A language without a catalog (English among them) gets a catalog that returns every
    name unchanged.
    """
    locale_name = to_locale(language)
    candidates = [locale_name, locale_name.split("_")[0]]
    catalog = gettext.translation(
        ISO_3166_1_DOMAIN, pycountry.LOCALES_DIR, languages=candidates, fallback=True
    )
    if type(catalog) is gettext.NullTranslations and not language.startswith("en"):
        logger.warning(
            "pycountry has no %s catalog for language %r, so country names stay in English.",
            ISO_3166_1_DOMAIN,
            language,
        )
    return catalog
