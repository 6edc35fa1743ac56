"""docs/judgement.md is the rule set: every verdict and flag the code can give is described there."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from duban.core.judgement.flags import FlagKind
from duban.core.judgement.verdicts import INDICATOR_RULES, TASK_RULES, IndicatorVerdict, Verdict

DOC = Path(__file__).resolve().parents[3] / "docs" / "judgement.md"
# Verdicts and flags only the web app adds (duban/web/dashboard/verdicts.py).
WEB_ONLY = ("not_reported", "late")


def _documented() -> set[str]:
    """Every `name` in the first column of a table of the document."""
    names = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            first = line.split("|")[1]
            names.update(re.findall(r"`([a-z_]+)`", first))
            names.update(re.findall(r"`([a-z_]+)`", line.split("|")[-2]))
    return names


def test_every_verdict_the_code_can_give_is_in_the_document():
    kinds = set(typing.get_args(Verdict)) | set(typing.get_args(IndicatorVerdict))
    missing = kinds - _documented()
    assert not missing, f"verdicts without a line in docs/judgement.md: {sorted(missing)}"


def test_every_rule_of_the_rule_tables_gives_a_documented_verdict():
    given = {r.verdict for r in INDICATOR_RULES} | {v for v, _ in TASK_RULES}
    assert given <= _documented()


def test_every_flag_the_code_can_raise_is_in_the_document():
    kinds = set(typing.get_args(FlagKind)) | set(WEB_ONLY)
    missing = kinds - _documented()
    assert not missing, f"flags without a line in docs/judgement.md: {sorted(missing)}"
