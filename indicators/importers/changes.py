from enum import StrEnum


class ChangeKind(StrEnum):
    """The effect of an import, or of a dry run, on one stored object."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
