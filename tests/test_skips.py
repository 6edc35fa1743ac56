"""A test is skipped only for what this machine lacks, and says what that is.

Every `pytest.skip`, `pytest.mark.skip`, `pytest.mark.skipif` and `pytest.importorskip` in the
test modules is read: its reason must name a program or service of the environment (LibreOffice,
PostgreSQL, gettext, chromium); our own code is never optional, so `importorskip` of a `duban`
module is refused (it would turn a broken import into a silent skip).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# What a machine may lack; a skip names one of them.
ENVIRONMENT = ("LibreOffice", "soffice", "PostgreSQL", "DATABASE_URL", "gettext", "chromium")
SKIPS = ("skip", "skipif", "importorskip")


def _skip_calls(tree: ast.Module) -> list[tuple[ast.Call, str]]:
    """(call, kind) for pytest.skip(…), pytest.mark.skip(if)(…) and pytest.importorskip(…)."""
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SKIPS
            and "pytest" in ast.unparse(node.func.value)
        ):
            out.append((node, node.func.attr))
    return out


def _reason(call: ast.Call, kind: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in ("reason", "msg"):
            return keyword.value
    positional = {"skip": 0, "skipif": 1, "importorskip": 1}[kind]
    return call.args[positional] if len(call.args) > positional else None


def _text(expr: ast.expr | None, tree: ast.Module) -> str:
    """The words of a reason: a string, an f-string's fixed parts, or the string a name holds."""
    if expr is None:
        return ""
    if isinstance(expr, ast.Name):
        values = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)
        ]
        return " ".join(_text(v, tree) for v in values)
    return " ".join(
        node.value
        for node in ast.walk(expr)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p != Path(__file__).resolve())


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(TESTS)))
def test_every_skip_names_what_the_machine_lacks(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call, kind in _skip_calls(tree):
        where = f"{path.relative_to(TESTS)}:{call.lineno}"
        if kind == "importorskip":
            module = call.args[0] if call.args else None
            assert not (
                isinstance(module, ast.Constant) and str(module.value).startswith("duban")
            ), f"{where}: our own code is imported, never skipped"
        reason = _text(_reason(call, kind), tree)
        assert any(word in reason for word in ENVIRONMENT), (
            f"{where}: the skip's reason {reason!r} names nothing of the environment "
            f"({', '.join(ENVIRONMENT)})"
        )


def test_it_finds_the_skips_it_reads() -> None:
    """The reader above sees a skip of each form (else the test above would pass on nothing)."""
    tree = ast.parse(
        "pytest.skip('a')\n"
        "m = pytest.mark.skipif(True, reason='b')\n"
        "pytest.importorskip('duban.core.x')\n"
        "why = f'no PostgreSQL at {url}'\n"
        "pytest.skip(why)\n"
    )
    found = [(kind, _text(_reason(call, kind), tree)) for call, kind in _skip_calls(tree)]
    assert found == [
        ("skip", "a"),
        ("skipif", "b"),
        ("importorskip", ""),
        ("skip", "no PostgreSQL at "),
    ]
