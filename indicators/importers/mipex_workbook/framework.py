"""Build the national framework (areas, dimensions, indicators) from the workbook's sheets.

Every country sheet repeats the framework in its header rows, and the sheets do not always
agree: a few spell a code differently ("fb102_new" where most have "fa102_new", "gc" where
most have "gc_new"), write a code in the Sub-indicator row instead of the Indicator row, or
word a title differently. The sheets must share one layout: the same blocks and indicator
columns. Each column then takes the code and texts that most sheets give it, and every sheet
that spells the code another way gets a warning.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .cell_values import parse_answer_options
from .errors import WorkbookError
from .reading import IndicatorColumn, WorkbookContents

# Policy areas scored as the mean of their dimension means, with the indicator codes of
# each dimension in order. Every other area has one dimension, coded like the area.
DIMENSION_INDICATORS = {
    "e": {
        "e1": ("ea80",),
        "e2": ("eb84a", "eb85"),
        "e3": ("eb88", "eb89", "eb90"),
        "e4": ("ed96",),
    },
    "h": {
        "h1": ("145a", "148", "146a", "149", "147a", "150"),
        "h2": ("152c", "153c"),
        "h3": ("156a", "165"),
        "h4": ("159", "163"),
    },
}

# Areas whose dimension is the first two letters of the indicator code, such as "gb" for
# anti-discrimination indicator gb123.
DIMENSIONS_BY_CODE_PREFIX = {"g": ("ga", "gb", "gc", "gd")}

# The codes in a combined code such as "bb30bb31" or "cc59cd64".
COMBINED_CODE_PART = re.compile(r"[a-z]+\d+")


@dataclass(frozen=True)
class AreaSpec:
    code: str
    name: str
    order: int


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name: str
    area_code: str
    order: int


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    title: str
    question: str
    dimension_code: str
    parent_code: str | None
    order: int
    options: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class FrameworkSpec:
    areas: list[AreaSpec]
    dimensions: list[DimensionSpec]
    indicators: list[IndicatorSpec]


def area_name(strand_title: str) -> str:
    """Return a policy area's name from its strand title: "Family Reunification Strand"
    becomes "Family reunification"."""
    words = strand_title.split()
    if words and words[-1].casefold() == "strand":
        words = words[:-1]
    name = " ".join(words)
    return name[:1].upper() + name[1:].lower()


def is_part_of(code: str, composite: str) -> bool:
    """Return True if indicator `code` is a part of the composite indicator `composite`.

    A part extends the composite's code without continuing its number ("bb28a" of "bb28",
    "gb123" of "gb", "fb104a" of "fb_new"), or is one of the codes of a combined code
    ("bb31" of "bb30bb31").
    """
    base = composite.removesuffix("_new")
    if code != base and code.startswith(base):
        rest = code[len(base) :]
        if not (base[-1].isdigit() and rest[0].isdigit()):
            return True
    return code != composite and code in COMBINED_CODE_PART.findall(composite)


def build_framework(contents: WorkbookContents) -> FrameworkSpec:
    """Check that the sheets share one layout and return the framework they describe.

    Sets each column's `code` to the code of its position, and adds a warning for every
    sheet that spells it another way.
    """
    _check_layout(contents)
    reference = contents.sheets[0]
    areas: list[AreaSpec] = []
    dimensions: list[DimensionSpec] = []
    indicators: list[IndicatorSpec] = []
    seen_codes: dict[str, str] = {}

    for strand_index, strand in enumerate(reference.strands):
        blocks = [sheet.strands[strand_index] for sheet in contents.sheets]
        area_code = strand.area_code
        name = area_name(_most_common(block.title for block in blocks) or area_code)
        areas.append(AreaSpec(area_code, name, strand_index + 1))
        dimension_codes = _dimension_codes(area_code)
        for number, code in enumerate(dimension_codes, start=1):
            dimension_name = name if len(dimension_codes) == 1 else f"{name}, dimension {number}"
            dimensions.append(DimensionSpec(code, dimension_name, area_code, len(dimensions) + 1))

        composite: IndicatorSpec | None = None
        for column_index in range(len(strand.columns)):
            columns = [block.columns[column_index] for block in blocks]
            code = _reconcile_code(contents, columns)
            place = f"{reference.name}!{strand.columns[column_index].code_cell}"
            if code in seen_codes:
                raise WorkbookError(
                    contents.file,
                    f'indicator code "{code}" is used by two columns, {seen_codes[code]} and '
                    f"{place}. Give every indicator its own code.",
                )
            seen_codes[code] = place

            in_sub_row = sum(column.in_sub_indicator_row for column in columns) * 2 > len(columns)
            if in_sub_row and composite is not None and is_part_of(code, composite.code):
                parent_code, dimension_code = composite.code, composite.dimension_code
            else:
                parent_code = None
                dimension_code = _dimension_of(contents.file, area_code, code, place)
            spec = IndicatorSpec(
                code=code,
                title=_most_common(column.title for column in columns) or code,
                question=_most_common(column.description for column in columns),
                dimension_code=dimension_code,
                parent_code=parent_code,
                order=len(indicators) + 1,
                options=tuple(
                    parse_answer_options(_most_common(column.options_text for column in columns))
                ),
            )
            indicators.append(spec)
            if parent_code is None:
                composite = spec

    return FrameworkSpec(areas, dimensions, indicators)


def _most_common(values) -> str:
    """Return the most common non-blank value; on a tie, the one of the earliest sheet."""
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0][0] if counts else ""


def _check_layout(contents: WorkbookContents) -> None:
    reference = contents.sheets[0]
    expected = _layout(reference)
    for sheet in contents.sheets[1:]:
        layout = _layout(sheet)
        if layout != expected:
            raise WorkbookError(
                contents.file,
                f"the strand blocks or indicator columns differ from those of sheet "
                f'"{reference.name}" (expected {_describe(expected)}; found {_describe(layout)}). '
                "Every country sheet must have the same blocks and indicator columns.",
                sheet=sheet.name,
            )


def _layout(sheet) -> list[tuple[str, tuple[int, ...]]]:
    return [
        (strand.area_code, tuple(column.column for column in strand.columns))
        for strand in sheet.strands
    ]


def _describe(layout: list[tuple[str, tuple[int, ...]]]) -> str:
    return "; ".join(f"strand {code}: {len(columns)} indicator columns" for code, columns in layout)


def _reconcile_code(contents: WorkbookContents, columns: list[IndicatorColumn]) -> str:
    counts = Counter(column.code for column in columns)
    code, count = counts.most_common(1)[0]
    for sheet, column in zip(contents.sheets, columns, strict=True):
        if column.code != code:
            contents.warnings.append(
                f'{sheet.name}!{column.code_cell}: indicator code "{column.code}" read as '
                f'"{code}", the code of this column in {count} of {len(columns)} sheets.'
            )
            column.code = code
    return code


def _dimension_codes(area_code: str) -> tuple[str, ...]:
    if area_code in DIMENSION_INDICATORS:
        return tuple(DIMENSION_INDICATORS[area_code])
    return DIMENSIONS_BY_CODE_PREFIX.get(area_code, (area_code,))


def _dimension_of(file: str, area_code: str, code: str, place: str) -> str:
    if area_code in DIMENSION_INDICATORS:
        for dimension_code, codes in DIMENSION_INDICATORS[area_code].items():
            if code in codes:
                return dimension_code
        known = ", ".join(
            f"{dimension} ({' '.join(codes)})"
            for dimension, codes in DIMENSION_INDICATORS[area_code].items()
        )
        raise WorkbookError(
            file,
            f"indicator {code} ({place}) of policy area {area_code} is in none of the area's "
            f"dimensions. Allowed: {known}.",
        )
    if area_code in DIMENSIONS_BY_CODE_PREFIX:
        prefixes = DIMENSIONS_BY_CODE_PREFIX[area_code]
        if code[:2] in prefixes:
            return code[:2]
        raise WorkbookError(
            file,
            f"indicator {code} ({place}) of policy area {area_code} is in none of the area's "
            f"dimensions. Allowed: codes starting with {', '.join(prefixes)}.",
        )
    return area_code
