"""Code lookups shared by the importers."""

from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class CodeLookup(Generic[T]):
    """Find a value by its code: exactly, or else ignoring case when that is unambiguous.

    Users type codes by hand ("es51" for ES51), so a match that differs only in case is
    accepted, unless two codes differ only in case, in which case only the exact one matches.
    """

    def __init__(self, items: Iterable[tuple[str, T]]):
        self.exact: dict[str, T] = dict(items)
        folded: dict[str, T] = {}
        ambiguous: set[str] = set()
        for code, value in self.exact.items():
            key = code.casefold()
            if key in folded:
                ambiguous.add(key)
            folded[key] = value
        for key in ambiguous:
            del folded[key]
        self.folded = folded

    def get(self, code: str) -> T | None:
        value = self.exact.get(code)
        if value is None:
            value = self.folded.get(code.casefold())
        return value

    def codes(self) -> list[str]:
        """Return the codes in the order they were given."""
        return list(self.exact)
