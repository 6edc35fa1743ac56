"""One error hierarchy for the core, and the diagnostics importers attach to a plan.

Both carry the catalogue code and parameters of their message (duban/core/messages.py) when it has
one, so pages render them in Chinese by code; `message` stays the English sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from duban.core.messages import Param


def _code(message: str) -> tuple[str | None, dict[str, Param]]:
    return getattr(message, "code", None), dict(getattr(message, "params", {}))


@dataclass(frozen=True)
class Diagnostic:
    """A place where an importer guessed: a warning with its location."""

    line: int
    message: str
    page: int | None = None
    code: str | None = field(default=None, compare=False)
    params: Mapping[str, Param] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        code, params = _code(self.message)
        if code is not None and self.code is None:
            object.__setattr__(self, "code", code)
            object.__setattr__(self, "params", params)
        object.__setattr__(self, "message", str(self.message))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "message": self.message}
        if self.page is not None:
            out["page"] = self.page
        if self.code is not None:
            out["code"] = self.code
            out["params"] = dict(self.params)
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
        self.code, self.params = _code(message)
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
