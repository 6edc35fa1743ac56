"""The table fixtures (tests/fixtures/tables, written by its make.py) and how a reader lists them."""

from __future__ import annotations

from pathlib import Path

from duban.core.importers import read_plan
from duban.core.model import Plan

TABLES = Path(__file__).resolve().parents[2] / "fixtures" / "tables"


def read(name: str) -> Plan:
    return read_plan(TABLES / name)


def as_read(plan: Plan) -> list[tuple]:
    """Each task as a person reading the table lists it: number as written, target, units with
    roles, reports (line breaks aside)."""
    return [
        (
            t.label,
            t.target,
            [(u.name, u.role) for u in t.units],
            [(r.unit, r.text.replace("\n", "")) for r in t.reports],
        )
        for t in plan.tasks
    ]


def messages(plan: Plan) -> list[str]:
    """Warnings other than unknown units (an invented county's units are in no registry)."""
    return [w.message for w in plan.warnings if "unit registry" not in w.message]
