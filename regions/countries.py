"""One country code system for the whole project: ISO 3166-1 alpha-2.

Two sources use other codes for a few countries. Eurostat's NUTS codes start with EL for
Greece and UK for the United Kingdom, and the MIPEX national workbook names its sheets TU
for Turkey and UK for the United Kingdom. Every code that enters the project goes through
`to_iso_country_code` first.
"""

import pycountry

# Non-ISO country codes used by Eurostat (NUTS) and by the MIPEX workbook, mapped to ISO.
NON_ISO_COUNTRY_CODES = {
    "EL": "GR",
    "UK": "GB",
    "TU": "TR",
}

# The reverse for NUTS: the ISO code whose NUTS regions start with another prefix.
NUTS_PREFIX_BY_ISO_CODE = {"GR": "EL", "GB": "UK"}


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
