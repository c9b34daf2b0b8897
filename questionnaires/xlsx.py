"""The offline questionnaire: an XLSX template per assignment, and its upload as expert answers.

The first sheet has exactly the columns of the responses import (docs/formats.md), so the
filled workbook goes through the same checks and all-or-nothing rule as any import. Each
answer cell has a drop-down of the indicator's option codes and "n/a". The question and the
option labels are in a cell comment and on the "Indicators" sheet.
"""

import io
from collections.abc import Callable
from typing import Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.importers.response_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from indicators.importers.sources import Source, read_table
from indicators.models import Answer, ResponseRole

from . import services
from .models import AnswerChange, Assignment, ChangeStep

COLUMNS = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
ANSWER_COLUMN = "E"


def questionnaire_workbook(assignment: Assignment) -> bytes:
    """Build the XLSX questionnaire of an assignment, pre-filled with the expert's answers."""
    indicators = list(
        services.answerable_indicators(assignment.edition.framework_id).prefetch_related("options")
    )
    answers = {
        answer.indicator_id: answer
        for answer in Answer.objects.filter(
            response__edition_id=assignment.edition_id,
            response__region_id=assignment.region_id,
            response__role=ResponseRole.EXPERT,
        ).select_related("option")
    }

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Questionnaire"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)

    validations: dict[str, DataValidation] = {}
    for row, indicator in enumerate(indicators, start=2):
        answer = answers.get(indicator.pk)
        sheet.append(
            [
                assignment.edition.slug,
                assignment.region.code,
                ResponseRole.EXPERT.value,
                indicator.code,
                services.stored_answer_text(answer),
                answer.source if answer else "",
                answer.comment if answer else "",
            ]
        )
        codes = [option.code for option in indicator.options.all()] + ["n/a"]
        allowed = ",".join(codes)
        if allowed not in validations:
            validation = DataValidation(
                type="list",
                formula1=f'"{allowed}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Invalid answer",
                error=f"Choose one of: {', '.join(codes)}.",
            )
            sheet.add_data_validation(validation)
            validations[allowed] = validation
        validations[allowed].add(f"{ANSWER_COLUMN}{row}")
        sheet[f"D{row}"].comment = Comment(
            _indicator_help(indicator), "MIPEX-REG", width=400, height=200
        )

    for column, width in zip("ABCDEFG", (22, 10, 10, 12, 10, 40, 40), strict=True):
        sheet.column_dimensions[column].width = width

    reference = workbook.create_sheet("Indicators")
    reference.append(["indicator", "area", "title", "question", "options"])
    for indicator in indicators:
        reference.append(
            [
                indicator.code,
                indicator.dimension.area.code,
                indicator.title,
                indicator.question,
                "; ".join(f"{o.code}: {o.label}" for o in indicator.options.all()),
            ]
        )

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _indicator_help(indicator) -> str:
    options = "\n".join(f"{o.code}: {o.label}" for o in indicator.options.all())
    return f"{indicator.title}\n{indicator.question}\n\n{options}\nn/a: not applicable"


def import_questionnaire(
    assignment: Assignment, source: Source, user: Any, importer: Callable
) -> Any:
    """Import a filled questionnaire as the expert's answers of this assignment only.

    Rows for another edition, region or role are rejected before anything is written, and so
    are changes to indicators that were not sent back while some are. `importer` is
    `import_responses`; its ImportFailed propagates unchanged.
    """
    table = read_table(source, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
    expected = (assignment.edition.slug, assignment.region.code, ResponseRole.EXPERT.value)
    for index, row in enumerate(table.rows):
        key = tuple(row[table.column_index(column)] for column in REQUIRED_COLUMNS[:3])
        if key != expected:
            raise services.InvalidTransition(
                f"Row {table.row_number(index)}: {'/'.join(key)} is not this questionnaire "
                f"(expected edition, region and role {'/'.join(expected)})."
            )

    with transaction.atomic():
        # Lock the assignment so that no transition runs between the checks and the import.
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        services.require_expert(user, assignment)
        services.require_state(assignment, "draft")
        before = _expert_answer_texts(assignment)
        result = importer(source, user=user)
        after = _expert_answer_texts(assignment)

        changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        editable = services.editable_indicator_ids(assignment)
        if editable is not None and changed - editable:
            raise services.InvalidTransition(
                "Only the indicators sent back can be changed now; the file changes others too. "
                "Nothing was imported."
            )
        AnswerChange.objects.bulk_create(
            AnswerChange(
                assignment=assignment,
                indicator_id=indicator_id,
                step=ChangeStep.ANSWER,
                user=user,
                before=before.get(indicator_id, ("", ""))[0],
                after=after.get(indicator_id, ("", ""))[0],
                comment=after.get(indicator_id, ("", ""))[1],
            )
            for indicator_id in sorted(changed)
        )
    return result


def _expert_answer_texts(assignment: Assignment) -> dict[int, tuple[str, str]]:
    """Return {indicator id: (answer text, comment)} of the expert's stored answers."""
    answers = Answer.objects.filter(
        response__edition_id=assignment.edition_id,
        response__region_id=assignment.region_id,
        response__role=ResponseRole.EXPERT,
    ).select_related("option")
    return {
        answer.indicator_id: (services.stored_answer_text(answer), answer.comment)
        for answer in answers
    }
