"""One error hierarchy for the core, and the diagnostics importers attach to a plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Diagnostic:
    """A place where an importer guessed: a warning with its location."""

    line: int
    message: str
    page: int | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "message": self.message}
        if self.page is not None:
            out["page"] = self.page
        return out


class DubanError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(DubanError):
    """A document that cannot be read as a plan; says where and what."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        page: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.page = page
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.line is not None:
            where.append(f"line {self.line}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
