"""Shared fixtures: the example document and its parsed plan, made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yicheng-2021-q3.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_plan():
    from duban.core.importers import read_plan

    return read_plan(EXAMPLE)
