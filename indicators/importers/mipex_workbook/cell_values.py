"""Read the values of workbook cells: indicator codes and answer-option lines."""

import re

# One line of an answer-options cell: "100 - All of them", "50  - After 3 years".
OPTION_LINE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\S.*?)\s*$")


def normalise_code(value: object) -> str:
    """Return the clean indicator code of a code cell.

    Spaces around the code go, numbers become text (148 becomes "148"), and a note in
    brackets goes: "gc_new (128, 129, 133, 135)" becomes "gc_new". Codes are lower case.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).split("(", 1)[0]
    return "".join(text.split()).lower()


def parse_answer_options(text: str) -> list[tuple[str, str, float]]:
    """Return (code, label, score) for each "score - label" line of an answer-options cell.

    The code is the score as written ("67"). Lines that are not options, such as "TO BE
    FILLED AUTOMATICALLY" or a note, are skipped. Two lines with one score share an option,
    with both labels.
    """
    options: dict[str, tuple[str, float]] = {}
    for line in text.splitlines():
        match = OPTION_LINE.match(line)
        if match is None:
            continue
        code, label = match.group(1), match.group(2)
        score = float(code)
        if score > 100:
            continue
        if code in options:
            label = f"{options[code][0]}; {label}"
        options[code] = (label, score)
    return [(code, label, score) for code, (label, score) in options.items()]


def is_answer_options_text(text: str) -> bool:
    """Return True if a cell contains two or more "score - label" lines and nothing else."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) >= 2 and all(OPTION_LINE.match(line) for line in lines)
