"""Template tags that draw scores and bar charts as plain tables, which xhtml2pdf lays out
faithfully: CSS widths on inline spans, which the web pages use, are ignored there."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.results import ScoreResult
from regions.page_data import localised_area_name

register = template.Library()

BAND_COLOURS = {
    "favourable": "#1a7f37",
    "slightly-favourable": "#5fa83a",
    "halfway-favourable": "#d8a400",
    "slightly-unfavourable": "#e07b00",
    "unfavourable": "#c62828",
    "critically-unfavourable": "#7f1d1d",
}
EMPTY_COLOUR = "#e6e6e6"


@register.simple_tag
def pdf_score(score: ScoreResult | None, show_band: bool = True) -> SafeString:
    """Print a rounded score, with its band and its coverage when incomplete."""
    if score is None or not score.has_value:
        return mark_safe(f'<span class="missing">{escape(_("No score"))}</span>')  # noqa: S308
    text = f"<strong>{score.rounded}</strong>"
    if show_band:
        text += f' <span class="band">{escape(str(score.band.label))}</span>'
    if not score.is_complete:
        coverage = _("%(answered)d of %(total)d answered") % {
            "answered": score.answered,
            "total": score.total,
        }
        text += f' <span class="note">({escape(coverage)})</span>'
    return mark_safe(text)  # noqa: S308 (every variable part is escaped)


def bar_cells(score: ScoreResult | None) -> str:
    """Return a one-row table whose first cell's width is the score, in percent."""
    if score is None or not score.has_value:
        empty = f'<td style="background-color: {EMPTY_COLOUR}"> </td>'
        return f'<table class="bar"><tr>{empty}</tr></table>'
    filled = max(1, min(100, round(score.value)))
    colour = BAND_COLOURS.get(score.band.slug, "#555555")
    cells = f'<td width="{filled}%" style="background-color: {colour}"> </td>'
    if filled < 100:
        cells += f'<td width="{100 - filled}%" style="background-color: {EMPTY_COLOUR}"> </td>'
    return f'<table class="bar"><tr>{cells}</tr></table>'


@register.simple_tag
def pdf_bar_chart(bars, caption: str) -> SafeString:
    """Draw `regions.page_data.Bar` items as a table: label, score, bar."""
    rows = []
    for bar in bars:
        note = f' <span class="note">({escape(bar.note)})</span>' if bar.note else ""
        label = f"<strong>{escape(bar.label)}</strong>" if bar.is_subject else escape(bar.label)
        rows.append(
            f'<tr><td class="chart-label">{label}{note}</td>'
            f'<td class="chart-score">{pdf_score(bar.score, False)}</td>'
            f'<td class="chart-bar">{bar_cells(bar.score)}</td></tr>'
        )
    return mark_safe(  # noqa: S308 (every variable part is escaped or built above)
        f'<table class="chart"><caption>{escape(str(caption))}</caption>{"".join(rows)}</table>'
    )


@register.simple_tag
def pdf_indicator_rows(rows) -> SafeString:
    """Print the rows of an indicator table (`regions.page_data.IndicatorRow`)."""
    html = []
    for row in rows:
        part = ' class="part"' if row.is_part else ""
        answer = row.answer
        html.append(
            f"<tr{part}><td>{escape(row.indicator.code)} {escape(row.indicator.title)}</td>"
            f"<td>{escape(row.answer_text)}</td>"
            f"<td>{pdf_score(row.score, False)}</td>"
            f"<td>{escape(answer.source) if answer else ''}</td></tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 (every variable part is escaped)


@register.filter
def area_detail(profile_data, area):
    """Return the `AreaDetail` of a policy area chosen in a block, or None."""
    if profile_data is None or area is None:
        return None
    return profile_data.area_detail(area.pk)


@register.filter
def area_name(profile_data, area) -> str:
    """Return the name of a policy area chosen in a block, in the page's language."""
    return localised_area_name(area, profile_data)


@register.filter
def comparison_groups(profile_data, value):
    """Return the comparison groups of a comparison block's value."""
    if profile_data is None:
        return []
    area = value.get("area")
    national = value.get("national_edition")
    return profile_data.comparison(area.pk if area else None, national.pk if national else None)


@register.filter
def strengths(profile_data, count):
    return profile_data.strengths_and_weaknesses(count or 3)
