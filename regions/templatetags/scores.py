"""Template tags that print a score with its band and coverage, and draw its bar.

They are tags rather than included templates because a profile prints a score for every
indicator, and a tag renders much faster than an include.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.results import ScoreResult

register = template.Library()


def coverage_text(score: ScoreResult) -> str:
    return ngettext(
        "%(answered)d of %(total)d indicator answered",
        "%(answered)d of %(total)d indicators answered",
        score.total,
    ) % {"answered": score.answered, "total": score.total}


@register.simple_tag
def score_value(score: ScoreResult | None, show_band: bool = True) -> SafeString:
    """Print a rounded score, its band, and its coverage when the score is incomplete.

    The number is a <data> element holding the unrounded score; its data-score attribute
    names the stored score (edition/region/level/code) when there is one.
    """
    if score is None or not score.has_value:
        missing = _("No score")
        if score is not None and score.total:
            return format_html(
                '<span class="score score--missing">{} <span class="coverage">({})</span></span>',
                missing,
                coverage_text(score),
            )
        return format_html('<span class="score score--missing">{}</span>', missing)

    number = format_html(
        '<data class="score__value" value="{}"{}>{}</data>',
        f"{score.value:.4f}",
        format_html(' data-score="{}"', score.ref) if score.ref else "",
        score.rounded,
    )
    band = (
        format_html(' <span class="band band--{}">{}</span>', score.band.slug, score.band.label)
        if show_band
        else ""
    )
    coverage = (
        ""
        if score.is_complete
        else format_html(' <span class="coverage">({})</span>', coverage_text(score))
    )
    return format_html('<span class="score">{}{}{}</span>', number, band, coverage)


@register.simple_tag
def score_bar(score: ScoreResult | None) -> SafeString:
    """Draw a horizontal bar from 0 to 100, hidden from assistive technology.

    The bar repeats the number printed next to it, which is its text alternative.
    """
    if score is None or not score.has_value:
        return mark_safe('<span class="bar bar--empty" aria-hidden="true"></span>')  # noqa: S308
    return format_html(
        '<span class="bar" aria-hidden="true"><span class="bar__fill band-fill--{}" '
        'style="width: {}%"></span></span>',
        score.band.slug,
        f"{score.value:.1f}",
    )
