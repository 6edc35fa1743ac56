"""Reading helpers for the layout tests: tables of other districts written for them (none copied)."""

from __future__ import annotations

from pathlib import Path

from duban.core.importers.layouts.detect import parse_any_text
from duban.core.model import Plan
from duban.core.units import GENERAL

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(name: str) -> Plan:
    path = FIXTURES / name
    return parse_any_text(path.read_text(encoding="utf-8"), str(path), units=GENERAL)


def rows(plan: Plan) -> list[tuple]:
    """Each task as a person reading the table would list it."""
    return [
        (
            t.seq,
            t.target,
            [(u.name, u.role) for u in t.units],
            list(t.leaders),
            [r.text for r in t.reports],
        )
        for t in plan.tasks
    ]


def messages(plan: Plan) -> list[str]:
    """Warnings other than unknown units (a county's units are not in our registry)."""
    return [w.message for w in plan.warnings if "unit registry" not in w.message]
