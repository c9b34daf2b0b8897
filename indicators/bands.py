"""Score bands of the MIPEX method and rounding for display.

Scores are stored unrounded. They are rounded half up to whole numbers only for display, and
the band is read from the rounded score, so a displayed 80 is always "favourable".
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ScoreBand:
    slug: str
    label: str
    minimum: int
    maximum: int

    def __contains__(self, rounded_score: int) -> bool:
        return self.minimum <= rounded_score <= self.maximum


SCORE_BANDS = (
    ScoreBand("favourable", _("Favourable"), 80, 100),
    ScoreBand("slightly-favourable", _("Slightly favourable"), 60, 79),
    ScoreBand("halfway-favourable", _("Halfway favourable"), 41, 59),
    ScoreBand("slightly-unfavourable", _("Slightly unfavourable"), 21, 40),
    ScoreBand("unfavourable", _("Unfavourable"), 1, 20),
    ScoreBand("critically-unfavourable", _("Critically unfavourable"), 0, 0),
)


def round_score(score: float) -> int:
    """Round a score half up to a whole number (82.5 becomes 83), as the MIPEX results do."""
    return int(Decimal(repr(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def band_for(score: float) -> ScoreBand:
    """Return the band of a score from 0 to 100, judged on its rounded value."""
    rounded = round_score(score)
    for band in SCORE_BANDS:
        if rounded in band:
            return band
    raise ValueError(f"Score {score!r} is outside 0-100 and has no band.")
