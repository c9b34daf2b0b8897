"""Template tags that print a score with its band and coverage, and draw bar charts.

A profile prints a few hundred scores, and these tags are most of its render time. So they
are tags rather than included templates, and they build HTML with plain string formatting
and the standard library's `html.escape`, which is faster than Django's lazy-aware one.
Fixed texts are translated once per language and kept in `_fixed_html`.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from indicators.results import ScoreResult

register = template.Library()

EMPTY_BAR = mark_safe('<span class="bar bar--empty" aria-hidden="true"></span>')  # noqa: S308


# {(language, name): HTML}: the band labels and fixed texts, translated once per language.
_fixed_html: dict[tuple[str | None, str], str] = {}


def fixed_html(name: str, build) -> str:
    key = (get_language(), name)
    if key not in _fixed_html:
        _fixed_html[key] = build()
    return _fixed_html[key]


def band_html(band) -> str:
    return fixed_html(
        band.slug, lambda: f' <span class="band band--{band.slug}">{escape(str(band.label))}</span>'
    )


def text_html(value) -> str:
    """Escape a text for HTML, unless it is already HTML (a template's `asvar` result)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def _chart_header() -> str:
    # Outside the f-string, so that makemessages (xgettext) finds the strings.
    score_heading = escape(_("Score (0 to 100)"))
    bar_heading = escape(_("Bar"))
    return (
        f'<th scope="col">{score_heading}</th>'
        f'<th scope="col"><span class="visually-hidden">{bar_heading}</span></th>'
    )


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
        coverage = ""
        if score is not None and score.total:
            coverage = f' <span class="coverage">({escape(coverage_text(score))})</span>'
        missing = fixed_html("no-score", lambda: escape(_("No score")))
        return mark_safe(  # noqa: S308 (every variable part is escaped)
            f'<span class="score score--missing">{missing}{coverage}</span>'
        )

    reference = f' data-score="{escape(score.ref)}"' if score.ref else ""
    parts = [
        f'<span class="score"><data class="score__value" value="{score.value:.4f}"'
        f"{reference}>{score.rounded}</data>"
    ]
    if show_band:
        parts.append(band_html(score.band))
    if not score.is_complete:
        parts.append(f' <span class="coverage">({escape(coverage_text(score))})</span>')
    parts.append("</span>")
    return mark_safe("".join(parts))  # noqa: S308 (every variable part is escaped)


@register.simple_tag
def score_bar(score: ScoreResult | None) -> SafeString:
    """Draw a horizontal bar from 0 to 100, hidden from assistive technology.

    The bar repeats the number printed next to it, which is its text alternative.
    """
    if score is None or not score.has_value:
        return EMPTY_BAR
    return mark_safe(  # noqa: S308 (band slugs and numbers only)
        f'<span class="bar" aria-hidden="true"><span class="bar__fill band-fill--'
        f'{score.band.slug}" style="width: {score.value:.1f}%"></span></span>'
    )


@register.simple_tag
def bar_chart(bars, caption: str, label_heading: str = "") -> SafeString:
    """Draw a bar chart as a table whose rows print each score, the bars' text alternative.

    `bars` is a list of `regions.page_data.Bar`.
    """
    rows = []
    for bar in bars:
        note = f' <span class="note">({escape(bar.note)})</span>' if bar.note else ""
        subject = ' class="bar-chart__subject"' if bar.is_subject else ""
        rows.append(
            f'<tr{subject}><th scope="row">{escape(bar.label)}{note}</th>'
            f"<td>{score_value(bar.score)}</td>"
            f'<td class="bar-chart__bar">{score_bar(bar.score)}</td></tr>'
        )
    return mark_safe(  # noqa: S308 (every variable part is escaped or built above)
        f'<table class="bar-chart"><caption>{text_html(caption)}</caption><thead><tr>'
        f'<th scope="col">{text_html(label_heading or _("Name"))}</th>'
        f"{fixed_html('chart-header', _chart_header)}"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


@register.simple_tag
def indicator_rows(rows) -> SafeString:
    """Print the rows of a policy area's indicator table (`regions.page_data.IndicatorRow`)."""
    html = []
    for row in rows:
        part = ' class="indicators__part"' if row.is_part else ""
        answer = row.answer
        html.append(
            f'<tr{part}><th scope="row"><span class="code">{escape(row.indicator.code)}</span> '
            f"{escape(row.indicator.title)}</th>"
            f"<td>{escape(row.answer_text)}</td>"
            f"<td>{score_value(row.score, False)}</td>"
            f"<td>{escape(answer.source) if answer else ''}</td>"
            f"<td>{escape(answer.comment) if answer else ''}</td></tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 (every variable part is escaped)
