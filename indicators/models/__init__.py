from .edition import Edition, EditionStatus
from .framework import (
    AnswerOption,
    Axis,
    AxisValue,
    CompetenceLevel,
    Dimension,
    Framework,
    Indicator,
    PolicyArea,
)
from .responses import Answer, QuestionnaireResponse, ResponseRole
from .scores import Score, ScoreLevel

__all__ = [
    "Answer",
    "AnswerOption",
    "Axis",
    "AxisValue",
    "CompetenceLevel",
    "Dimension",
    "Edition",
    "EditionStatus",
    "Framework",
    "Indicator",
    "PolicyArea",
    "QuestionnaireResponse",
    "ResponseRole",
    "Score",
    "ScoreLevel",
]
