"""`make test` runs the checks of docs/tooling.md, and they are set as that page says."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> list[str]:
    """The commands of a Makefile target, and the targets it depends on first."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{target}:(?P<deps>[^\n]*)\n(?P<body>(?:\t[^\n]*\n)*)", text, re.M)
    assert m, f"no '{target}' target in the Makefile"
    return m["deps"].split() + [line.strip() for line in m["body"].splitlines()]


def test_make_test_runs_the_lint_target_first():
    assert _recipe("test")[:3] == ["$(STAMP)", "system-deps", "lint"]


def test_lint_runs_ruff_and_the_type_check():
    assert _recipe("lint") == [
        "$(STAMP)",
        "$(BIN)/ruff check .",
        "$(BIN)/ruff format --check .",
        "$(BIN)/mypy",
        "$(BIN)/pylint duban",
    ]


def test_pylint_runs_only_its_duplicate_code_check_over_duban_without_migrations():
    pylint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pylint"]
    assert pylint["main"]["disable"] == ["all"] and pylint["main"]["enable"] == ["duplicate-code"]
    assert pylint["main"]["ignore"] == ["migrations"]


def test_the_type_check_is_strict_on_the_core_and_checks_every_body_of_the_web():
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["files"] == ["duban"] and mypy["check_untyped_defs"] is True
    core = next(o for o in mypy["overrides"] if "duban.core.*" in o["module"])
    strict = {
        "disallow_any_generics", "disallow_untyped_calls", "disallow_untyped_defs",
        "disallow_incomplete_defs", "disallow_untyped_decorators", "disallow_subclassing_any",
        "warn_return_any", "no_implicit_reexport", "strict_equality", "extra_checks",
    }  # fmt: skip
    assert {k for k, v in core.items() if v is True} == strict
    ignored = [o["module"] for o in mypy["overrides"] if o.get("ignore_errors")]
    assert ignored == []  # nothing's errors are ignored
