"""Shared fixtures: the example document, its units file and its parsed plan, made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yicheng-2021-q3.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_units():
    """The example's own units file (examples/yicheng-2021-q3.units.toml) as a registry."""
    from duban.core.units import units_beside

    return units_beside(EXAMPLE)


@pytest.fixture(scope="session")
def example_plan(example_units):
    from duban.core.importers import read_plan

    return read_plan(EXAMPLE, units=example_units)
