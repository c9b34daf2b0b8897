"""The stored state of the frameworks a file names, and the writing of a file's changes.

Both use the shape of the file: objects keyed by framework slug and codes, with their
fields in plain dictionaries, so that the importer can compare the two with `==`.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Locale

from indicators.models import (
    AnswerOption,
    Axis,
    AxisValue,
    Dimension,
    Framework,
    Indicator,
    PolicyArea,
)

AreaKey = tuple[str, str]  # (framework slug, area code), likewise for dimensions, indicators
OptionKey = tuple[str, str, str]  # (framework slug, indicator code, option code)


@dataclass
class StoredFrameworks:
    """The stored state of the frameworks a file names, in the same shape as the file's."""

    framework_ids: dict[str, int]
    slugs_by_name: dict[str, str]
    frameworks: dict[str, dict[str, Any]]
    area_ids: dict[AreaKey, int]
    areas: dict[AreaKey, dict[str, Any]]
    dimension_ids: dict[AreaKey, int]
    dimensions: dict[AreaKey, dict[str, Any]]
    indicator_ids: dict[AreaKey, int]
    indicators: dict[AreaKey, dict[str, Any]]
    options: dict[OptionKey, dict[str, Any]]

    @property
    def by_kind(self) -> dict[str, dict[Any, dict[str, Any]]]:
        return {
            "framework": self.frameworks,
            "policy area": self.areas,
            "dimension": self.dimensions,
            "indicator": self.indicators,
            "answer option": self.options,
        }

    @property
    def indicator_parents(self) -> dict[AreaKey, tuple[str | None, str]]:
        return {
            key: (values["parent"], values["dimension"]) for key, values in self.indicators.items()
        }

    @classmethod
    def load(cls, slugs: set[str]) -> "StoredFrameworks":
        """Load the stored frameworks of `slugs`, and every policy area, with six queries."""
        framework_rows = list(Framework.objects.values_list("id", "slug", "name"))
        framework_ids = {slug: pk for pk, slug, _ in framework_rows}
        slug_by_id = {pk: slug for pk, slug, _ in framework_rows}
        ids = [framework_ids[slug] for slug in slugs if slug in framework_ids]

        area_rows = list(
            PolicyArea.objects.source().values_list(
                "id", "framework_id", "code", "name", "order", "description", "comparable_area_id"
            )
        )
        area_keys = {
            pk: (slug_by_id[framework_id], code) for pk, framework_id, code, *_ in area_rows
        }
        areas = {
            area_keys[pk]: {
                "name": name,
                "order": order,
                "description": description,
                "comparable_area": area_keys.get(comparable_id),
            }
            for pk, framework_id, code, name, order, description, comparable_id in area_rows
            if framework_id in ids
        }

        dimension_rows = (
            Dimension.objects.source()
            .filter(framework_id__in=ids)
            .values_list("id", "framework_id", "code", "area_id", "name", "order")
        )
        dimension_keys = {}
        dimensions = {}
        for pk, framework_id, code, area_id, name, order in dimension_rows:
            key = dimension_keys[pk] = (slug_by_id[framework_id], code)
            dimensions[key] = {"area": area_keys[area_id][1], "name": name, "order": order}

        tags: dict[int, set[tuple[str, str]]] = {}
        tag_rows = Indicator.axis_values.through.objects.filter(
            indicator__framework_id__in=ids
        ).values_list("indicator_id", "axisvalue__axis__code", "axisvalue__code")
        for indicator_id, axis_code, value_code in tag_rows:
            tags.setdefault(indicator_id, set()).add((axis_code, value_code))

        indicator_rows = list(
            Indicator.objects.source()
            .filter(framework_id__in=ids)
            .values_list(
                "id",
                "framework_id",
                "code",
                "dimension_id",
                "parent__code",
                "title",
                "question",
                "competence_level",
                "weight",
                "order",
            )
        )
        indicator_keys = {}
        indicators = {}
        for pk, framework_id, code, dimension_id, parent, *values in indicator_rows:
            key = indicator_keys[pk] = (slug_by_id[framework_id], code)
            title, question, competence_level, weight, order = values
            indicators[key] = {
                "dimension": dimension_keys[dimension_id][1],
                "parent": parent,
                "title": title,
                "question": question,
                "competence_level": competence_level,
                "weight": weight,
                "order": order,
                "tags": frozenset(tags.get(pk, ())),
            }

        option_rows = (
            AnswerOption.objects.source()
            .filter(indicator__framework_id__in=ids)
            .values_list("indicator_id", "code", "label", "score", "order")
        )
        options = {
            (*indicator_keys[indicator_id], code): {"label": label, "score": score, "order": order}
            for indicator_id, code, label, score, order in option_rows
        }

        return cls(
            framework_ids=framework_ids,
            slugs_by_name={name: slug for _, slug, name in framework_rows},
            frameworks={slug: {"name": name} for _, slug, name in framework_rows},
            area_ids={key: pk for pk, key in area_keys.items()},
            areas=areas,
            dimension_ids={key: pk for pk, key in dimension_keys.items()},
            dimensions=dimensions,
            indicator_ids={key: pk for pk, key in indicator_keys.items()},
            indicators=indicators,
            options=options,
        )


def write_changes(
    desired: dict[str, dict], stored: StoredFrameworks, changed: dict[str, Any]
) -> None:
    """Create or update the changed objects, in bulk, parents before children."""
    framework_ids = _write_frameworks(desired["framework"], stored, changed["framework"])
    # New rows are the framework's source rows; translations are made in wagtail-localize.
    locale_id = Locale.get_default().pk

    areas = desired["policy area"]
    PolicyArea.objects.bulk_create(
        [
            PolicyArea(
                framework_id=framework_ids[slug],
                locale_id=locale_id,
                code=code,
                name=areas[(slug, code)]["name"],
                order=areas[(slug, code)]["order"],
                description=areas[(slug, code)]["description"],
            )
            for slug, code in changed["policy area"]
        ],
        update_conflicts=True,
        unique_fields=["framework", "locale", "code"],
        update_fields=["name", "order", "description"],
    )
    area_ids = _area_ids()

    dimensions = desired["dimension"]
    Dimension.objects.bulk_create(
        [
            Dimension(
                framework_id=framework_ids[slug],
                locale_id=locale_id,
                area_id=area_ids[(slug, dimensions[(slug, code)]["area"])],
                code=code,
                name=dimensions[(slug, code)]["name"],
                order=dimensions[(slug, code)]["order"],
            )
            for slug, code in changed["dimension"]
        ],
        update_conflicts=True,
        unique_fields=["framework", "locale", "code"],
        update_fields=["area", "name", "order"],
    )
    dimension_ids = _ids_by_key(Dimension.objects.source(), framework_ids)

    indicators = desired["indicator"]
    indicator_fields = ["title", "question", "competence_level", "weight", "order"]
    Indicator.objects.bulk_create(
        [
            Indicator(
                framework_id=framework_ids[slug],
                locale_id=locale_id,
                dimension_id=dimension_ids[(slug, indicators[(slug, code)]["dimension"])],
                code=code,
                **{name: indicators[(slug, code)][name] for name in indicator_fields},
            )
            for slug, code in changed["indicator"]
        ],
        update_conflicts=True,
        unique_fields=["framework", "locale", "code"],
        update_fields=["dimension", *indicator_fields],
    )
    indicator_ids = _ids_by_key(Indicator.objects.source(), framework_ids)

    _write_parents(indicators, stored, changed["indicator"], indicator_ids)
    _write_comparable_areas(areas, stored, changed["policy area"], area_ids)
    _write_tags(indicators, stored, changed["indicator"], indicator_ids, framework_ids)

    options = desired["answer option"]
    AnswerOption.objects.bulk_create(
        [
            AnswerOption(
                indicator_id=indicator_ids[(slug, indicator)],
                locale_id=locale_id,
                code=code,
                **options[(slug, indicator, code)],
            )
            for slug, indicator, code in changed["answer option"]
        ],
        update_conflicts=True,
        unique_fields=["indicator", "code"],
        update_fields=["label", "score", "order"],
    )


def _write_frameworks(
    frameworks: dict[str, dict], stored: StoredFrameworks, changed: list[str]
) -> dict[str, int]:
    """Create or rename the changed frameworks; return the ids of every framework by slug."""
    framework_ids = dict(stored.framework_ids)
    for slug in changed:
        name = frameworks[slug]["name"]
        if slug in framework_ids:
            Framework.objects.filter(pk=framework_ids[slug]).update(name=name)
        else:
            framework_ids[slug] = Framework.objects.create(slug=slug, name=name).pk
    return framework_ids


def _area_ids() -> dict[AreaKey, int]:
    rows = PolicyArea.objects.source().values_list("id", "framework__slug", "code")
    return {(slug, code): pk for pk, slug, code in rows}


def _ids_by_key(queryset: QuerySet, framework_ids: dict[str, int]) -> dict[AreaKey, int]:
    rows = queryset.filter(framework_id__in=framework_ids.values()).values_list(
        "id", "framework__slug", "code"
    )
    return {(slug, code): pk for pk, slug, code in rows}


def _write_parents(
    indicators: dict[AreaKey, dict],
    stored: StoredFrameworks,
    changed: list[AreaKey],
    indicator_ids: dict[AreaKey, int],
) -> None:
    updates = []
    for slug, code in changed:
        parent = indicators[(slug, code)]["parent"]
        old = stored.indicators.get((slug, code), {}).get("parent")
        if parent != old:
            parent_id = indicator_ids[(slug, parent)] if parent else None
            updates.append(Indicator(pk=indicator_ids[(slug, code)], parent_id=parent_id))
    Indicator.objects.bulk_update(updates, ["parent"], batch_size=500)


def _write_comparable_areas(
    areas: dict[AreaKey, dict],
    stored: StoredFrameworks,
    changed: list[AreaKey],
    area_ids: dict[AreaKey, int],
) -> None:
    updates = []
    for key in changed:
        reference = areas[key]["comparable_area"]
        if reference != stored.areas.get(key, {}).get("comparable_area"):
            comparable_id = area_ids[reference] if reference else None
            updates.append(PolicyArea(pk=area_ids[key], comparable_area_id=comparable_id))
    PolicyArea.objects.bulk_update(updates, ["comparable_area"], batch_size=500)


def _write_tags(
    indicators: dict[AreaKey, dict],
    stored: StoredFrameworks,
    changed: list[AreaKey],
    indicator_ids: dict[AreaKey, int],
    framework_ids: dict[str, int],
) -> None:
    """Give every changed indicator exactly its tags, creating missing axes and axis values."""
    retagged = [
        key
        for key in changed
        if indicators[key]["tags"] != stored.indicators.get(key, {}).get("tags", frozenset())
    ]
    if not retagged:
        return

    tag_values = {
        (key[0], axis, value) for key in retagged for axis, value in indicators[key]["tags"]
    }
    Axis.objects.bulk_create(
        [
            Axis(framework_id=framework_ids[slug], code=axis, name=_name_from_code(axis))
            for slug, axis in sorted({(slug, axis) for slug, axis, _ in tag_values})
        ],
        ignore_conflicts=True,
    )
    axis_ids = _ids_by_key(Axis.objects.all(), framework_ids)
    AxisValue.objects.bulk_create(
        [
            AxisValue(axis_id=axis_ids[(slug, axis)], code=value, name=_name_from_code(value))
            for slug, axis, value in sorted(tag_values)
        ],
        ignore_conflicts=True,
    )
    value_rows = AxisValue.objects.filter(axis_id__in=axis_ids.values()).values_list(
        "id", "axis__framework__slug", "axis__code", "code"
    )
    value_ids = {(slug, axis, code): pk for pk, slug, axis, code in value_rows}

    through = Indicator.axis_values.through
    retagged_ids = [indicator_ids[key] for key in retagged]
    through.objects.filter(indicator_id__in=retagged_ids).delete()
    through.objects.bulk_create(
        [
            through(indicator_id=indicator_ids[key], axisvalue_id=value_ids[(key[0], axis, value)])
            for key in retagged
            for axis, value in sorted(indicators[key]["tags"])
        ]
    )


def _name_from_code(code: str) -> str:
    """Return a readable name for an axis or axis value created from a tag, to edit later."""
    return code.replace("_", " ").replace("-", " ").capitalize()
