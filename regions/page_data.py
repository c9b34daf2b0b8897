"""View data of the profile, policy-area and index pages, computed from data loaded in bulk.

Each page loads its data once, in `get_context`, through `indicators.results`; blocks and
templates then only read from these objects. A page therefore runs the same number of
queries whatever the number of indicators, regions and score blocks it has.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.models import Edition, PolicyArea
from indicators.models.scores import OVERALL_CODE, ScoreLevel
from indicators.results import (
    AnswerInfo,
    AreaInfo,
    DimensionInfo,
    EditionScores,
    FrameworkTree,
    IndicatorInfo,
    NationalScoreKey,
    RegionInfo,
    ScoreResult,
    load_edition_scores,
    load_final_answer_details,
    load_framework_tree,
    load_national_scores,
    load_region_scores,
)

from .countries import localized_country_name


def localised_area_name(area: PolicyArea | None, data: "ProfileData | None") -> str:
    """Return the name of a block's policy area in the page's language, or "" without one.

    The names come from the profile data's framework tree. A block rendered without profile
    data, such as a preview of a page with no scores, reads the snippet's translation.
    """
    if area is None:
        return ""
    return data.area_name(area) if data is not None else area.localized.name


def scores_are_visible(edition: Edition, request) -> bool:
    """Tell whether a request may see an edition's scores.

    Scores of a published edition are public. Scores of a draft edition are shown only in
    the admin's preview, which Wagtail serves to logged-in editors only.
    """
    if edition.is_published:
        return True
    if request is None or not getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: a labelled score, or a note that the score is missing."""

    label: str
    score: ScoreResult | None
    note: str = ""
    is_subject: bool = False

    @property
    def percent(self) -> float:
        return self.score.value if self.score and self.score.has_value else 0.0


def mean_result(value: float | None) -> ScoreResult | None:
    """Wrap a mean of regions' scores; a mean has no coverage of its own."""
    return None if value is None else ScoreResult(value, 0, 0)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: IndicatorInfo
    score: ScoreResult | None
    answer: AnswerInfo | None
    is_part: bool

    @property
    def answer_text(self) -> str:
        if self.answer is None:
            return _("Not answered")
        if self.answer.is_not_applicable:
            return _("Not applicable")
        if self.answer.option_label:
            return self.answer.option_label
        if self.answer.direct_score is not None:
            return _("Score given directly")
        return _("Not answered")


@dataclass(frozen=True)
class AreaDetail:
    area: AreaInfo
    score: ScoreResult | None
    dimensions: list[tuple[DimensionInfo, ScoreResult | None]]
    rows: list[IndicatorRow]

    @property
    def dimension_bars(self) -> list[Bar]:
        return [Bar(dimension.name, score) for dimension, score in self.dimensions]


@dataclass(frozen=True)
class ComparisonGroup:
    """The region's score in one policy area (or overall) next to its points of comparison."""

    area: AreaInfo | None
    bars: list[Bar]
    national_note: str


@dataclass(frozen=True)
class RankedItem:
    label: str
    area: str
    score: ScoreResult


@dataclass(frozen=True)
class StrengthsAndWeaknesses:
    strongest_areas: list[RankedItem]
    weakest_areas: list[RankedItem]
    strongest_indicators: list[RankedItem]
    weakest_indicators: list[RankedItem]


@dataclass
class ProfileData:
    """Everything a region profile shows, loaded with a fixed number of queries."""

    region: RegionInfo
    edition: Edition
    tree: FrameworkTree
    # Overall and area scores of every region of the edition.
    scores: EditionScores
    # This region's dimension and indicator scores by (level, code).
    region_scores: dict[tuple[str, str], ScoreResult]
    answers: dict[int, AnswerInfo]
    published_region_ids: set[int]
    national_editions: dict[int, Edition]
    national_scores: dict[NationalScoreKey, ScoreResult]
    country_name: str = ""
    _area_details: dict[int, AreaDetail] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        region,
        edition: Edition,
        published_region_ids: set[int],
        national_editions: Iterable[Edition],
        country_name: str,
    ) -> "ProfileData":
        tree = load_framework_tree(edition.framework_id)
        national_editions = {national.pk: national for national in national_editions}
        comparable_codes = {area.comparable_code for area in tree.areas if area.comparable_code}
        return cls(
            region=RegionInfo(region.pk, region.code, region.name, region.country),
            edition=edition,
            tree=tree,
            scores=load_edition_scores(edition),
            region_scores=load_region_scores(edition, region.pk),
            answers=load_final_answer_details(edition, region.pk),
            published_region_ids=published_region_ids,
            national_editions=national_editions,
            national_scores=load_national_scores(
                national_editions, [region.country], comparable_codes
            ),
            country_name=country_name,
        )

    def _score(self, level: str, code: str) -> ScoreResult | None:
        return self.scores.get(self.region.id, level, code)

    @property
    def overall(self) -> ScoreResult | None:
        return self._score(ScoreLevel.OVERALL, OVERALL_CODE)

    @property
    def rank(self) -> tuple[int, int] | None:
        return self.scores.rank(self.region.id, ScoreLevel.OVERALL, OVERALL_CODE)

    @property
    def area_bars(self) -> list[Bar]:
        return [Bar(area.name, self._score(ScoreLevel.AREA, area.code)) for area in self.tree.areas]

    def area_name(self, area) -> str:
        """Return the name of a block's policy area in the page's language."""
        info = self.tree.area(area.pk)
        return info.name if info is not None else area.localized.name

    def area_detail(self, area_id: int) -> AreaDetail | None:
        if area_id in self._area_details:
            return self._area_details[area_id]
        area = self.tree.area(area_id)
        if area is None:
            return None

        dimensions = [
            (dimension, self.region_scores.get((ScoreLevel.DIMENSION, dimension.code)))
            for dimension in area.dimensions
        ]
        rows = []
        for dimension in area.dimensions:
            for indicator in dimension.indicators:
                rows.append(self._indicator_row(indicator, is_part=False))
                rows.extend(self._indicator_row(part, is_part=True) for part in indicator.parts)

        detail = AreaDetail(area, self._score(ScoreLevel.AREA, area.code), dimensions, rows)
        self._area_details[area_id] = detail
        return detail

    def _indicator_row(self, indicator: IndicatorInfo, is_part: bool) -> IndicatorRow:
        return IndicatorRow(
            indicator,
            self.region_scores.get((ScoreLevel.INDICATOR, indicator.code)),
            self.answers.get(indicator.id),
            is_part,
        )

    def comparison(self, area_id: int | None, national_edition_id: int | None) -> list:
        """Compare the region in one area, or in every area and overall when none is given."""
        if area_id is None:
            areas = [*self.tree.areas, None]
        else:
            areas = [self.tree.area(area_id)] if self.tree.area(area_id) else []
        national = self.national_editions.get(national_edition_id)
        return [self._comparison_group(area, national) for area in areas]

    def _comparison_group(self, area: AreaInfo | None, national: Edition | None):
        level, code = (ScoreLevel.AREA, area.code) if area else (ScoreLevel.OVERALL, OVERALL_CODE)
        national_score, national_note = self._national_score(area, national)
        peers = [
            Bar(peer.name, self.scores.get(peer.id, level, code))
            for peer in self.scores.regions_of_country(self.region.country)
            if peer.id != self.region.id and peer.id in self.published_region_ids
        ]
        published = [
            region_id
            for region_id in self.published_region_ids
            if self.scores.get(region_id, level, code)
        ]
        mean = self.scores.mean(level, code, published)
        bars = [
            Bar(self.region.name, self.scores.get(self.region.id, level, code), is_subject=True),
            Bar(
                _("%(country)s, national MIPEX") % {"country": self.country_name},
                national_score,
                note=national_note,
            ),
            Bar(
                _("Mean of published regions"),
                mean_result(mean),
                note=_("%(count)d regions") % {"count": len(published)},
            ),
            *peers,
        ]
        return ComparisonGroup(area, bars, national_note)

    def _national_score(self, area: AreaInfo | None, national: Edition | None):
        if national is None:
            return None, _("No national edition chosen.")
        if area is None:
            key = NationalScoreKey(national.pk, self.region.country, ScoreLevel.OVERALL, "overall")
        elif area.comparable_code is None:
            return None, _("This policy area has no comparable national area.")
        elif area.comparable_framework_id != national.framework_id:
            return None, _("The comparable national area is not part of %(edition)s.") % {
                "edition": national.title
            }
        else:
            key = NationalScoreKey(
                national.pk, self.region.country, ScoreLevel.AREA, area.comparable_code
            )
        score = self.national_scores.get(key)
        if score is None or not score.has_value:
            return None, _("%(edition)s has no score for this country.") % {
                "edition": national.title
            }
        return score, national.title

    def strengths_and_weaknesses(self, count: int) -> StrengthsAndWeaknesses:
        """Return the highest and lowest scored areas and indicators, `count` of each.

        Ties keep framework order. Parts of composite indicators are left out, because
        their composite already stands for them.
        """
        areas = [
            RankedItem(area.name, area.name, score)
            for area in self.tree.areas
            if (score := self._score(ScoreLevel.AREA, area.code)) and score.has_value
        ]
        indicators = [
            RankedItem(indicator.title, area.name, score)
            for area, indicator in self.tree.indicators()
            if indicator.parent_id is None
            and (score := self.region_scores.get((ScoreLevel.INDICATOR, indicator.code)))
            and score.has_value
        ]
        return StrengthsAndWeaknesses(
            strongest_areas=_top(areas, count, highest=True),
            weakest_areas=_top(areas, count, highest=False),
            strongest_indicators=_top(indicators, count, highest=True),
            weakest_indicators=_top(indicators, count, highest=False),
        )


def _top(items: list[RankedItem], count: int, highest: bool) -> list[RankedItem]:
    ordered = sorted(items, key=lambda item: -item.score.value if highest else item.score.value)
    return ordered[:count]


@dataclass(frozen=True)
class AreaRankingRow:
    region: RegionInfo
    score: ScoreResult
    rank: int
    dimensions: list[ScoreResult | None]
    national: ScoreResult | None
    profile_url: str | None


@dataclass
class AreaPageData:
    """One policy area across the regions of an edition, loaded with a fixed number of queries."""

    area: AreaInfo
    rows: list[AreaRankingRow]
    mean: ScoreResult | None
    national_edition: Edition | None

    @classmethod
    def load(
        cls,
        edition: Edition,
        area_id: int,
        national_edition: Edition | None,
        profile_urls: dict[int, str],
    ) -> "AreaPageData | None":
        tree = load_framework_tree(edition.framework_id)
        area = tree.area(area_id)
        if area is None:
            return None
        codes = [area.code, *(dimension.code for dimension in area.dimensions)]
        scores = load_edition_scores(edition, [ScoreLevel.AREA, ScoreLevel.DIMENSION], codes)

        national_scores = {}
        if national_edition is not None and area.comparable_framework_id == (
            national_edition.framework_id
        ):
            countries = {region.country for region in scores.regions.values()}
            national_scores = load_national_scores(
                [national_edition.pk], countries, [area.comparable_code]
            )

        rows = []
        for region, score, rank in scores.ranking(ScoreLevel.AREA, area.code):
            national = None
            if national_scores:
                key = NationalScoreKey(
                    national_edition.pk, region.country, ScoreLevel.AREA, area.comparable_code
                )
                national = national_scores.get(key)
            rows.append(
                AreaRankingRow(
                    region=region,
                    score=score,
                    rank=rank,
                    dimensions=[
                        scores.get(region.id, ScoreLevel.DIMENSION, dimension.code)
                        for dimension in area.dimensions
                    ],
                    national=national,
                    profile_url=profile_urls.get(region.id),
                )
            )
        mean = scores.mean(ScoreLevel.AREA, area.code, [row.region.id for row in rows])
        return cls(area, rows, mean_result(mean), national_edition)

    @property
    def bars(self) -> list[Bar]:
        return [Bar(row.region.name, row.score) for row in self.rows]

    @property
    def has_national_scores(self) -> bool:
        return any(row.national is not None for row in self.rows)


@dataclass(frozen=True)
class IndexRow:
    region: RegionInfo
    country_name: str
    score: ScoreResult | None
    rank: int | None
    url: str


INDEX_SORT_KEYS = {
    "region": lambda row: (row.region.name.casefold(), row.region.code),
    "country": lambda row: (row.country_name.casefold(), row.region.name.casefold()),
    # Unscored regions go last; ties keep the order by name.
    "score": lambda row: (row.score is None or not row.score.has_value, row.rank or 0),
    "rank": lambda row: (row.rank is None, row.rank or 0, row.region.name.casefold()),
}


def display_country_name(iso_code: str) -> str:
    """Return a country's short name in the active language, or its code if ISO 3166-1 lacks it."""
    try:
        return localized_country_name(iso_code)
    except LookupError:
        return iso_code


def index_rows(edition: Edition, profiles: Iterable[tuple[object, str]]) -> list[IndexRow]:
    """Return one row per (region, profile URL), with overall score and rank, in one query."""
    scores = load_edition_scores(edition, [ScoreLevel.OVERALL])
    ranks = {region.id: rank for region, _, rank in scores.ranking(ScoreLevel.OVERALL, "overall")}
    rows = []
    for region, url in profiles:
        info = RegionInfo(region.pk, region.code, region.name, region.country)
        rows.append(
            IndexRow(
                region=info,
                country_name=display_country_name(region.country),
                score=scores.overall(region.pk),
                rank=ranks.get(region.pk),
                url=url,
            )
        )
    return rows
