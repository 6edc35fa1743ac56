"""Acceptance on real tables of other places (tests/fixtures/corpus, copied unchanged from the
project's shared corpus): every file gives the facts a careful reader sees in it (expect.json),
and the one without an entry parses without error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban.core.importers import read_plan
from duban.core.judgement import judge_plan
from duban.core.model import Plan, Task

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus" / "web-pages"
EXPECT: dict[str, dict] = json.loads((CORPUS / "expect.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def _task(plan: Plan, seq: int) -> Task:
    return next(t for t in plan.tasks if t.seq == seq)


def _progress(task: Task) -> str:
    return "\n".join(r.text for r in task.reports)


@pytest.mark.parametrize("name", FILES)
def test_every_file_parses_without_error(name):
    plan = read_plan(CORPUS / name)
    assert plan.tasks


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_it_numbers_the_tasks_as_the_document_does(name):
    expect = EXPECT[name]
    seqs = [t.seq for t in read_plan(CORPUS / name).tasks]
    assert seqs[: len(expect["seqs"])] == expect["seqs"]
    if "exact_count" in expect:
        assert len(seqs) == expect["exact_count"]


@pytest.mark.parametrize(
    ("name", "seq"), [(n, int(s)) for n in sorted(EXPECT) for s in EXPECT[n]["tasks"]]
)
def test_it_reads_each_tasks_target_units_and_progress(name, seq):
    fact = EXPECT[name]["tasks"][str(seq)]
    task = _task(read_plan(CORPUS / name), seq)
    if "target" in fact:
        assert task.target == fact["target"]
    if "target_has" in fact:
        assert fact["target_has"] in task.target
    if "units" in fact:
        assert [u.name for u in task.units] == fact["units"]
    if "lead" in fact:
        assert task.units[0].name == fact["lead"]
        assert task.units[0].role == "lead"
    if "units_include" in fact:
        assert set(fact["units_include"]) <= {u.name for u in task.units}
    if "progress_has" in fact:
        assert fact["progress_has"] in _progress(task)


@pytest.mark.parametrize("name", sorted(n for n in EXPECT if "end_month" in EXPECT[n]))
def test_it_reads_the_period_from_the_document(name):
    plan = read_plan(CORPUS / name)
    assert plan.period is not None
    assert plan.period.end_month == EXPECT[name]["end_month"]


@pytest.mark.parametrize(
    ("name", "seq"),
    [(n, int(s)) for n in sorted(EXPECT) for s in EXPECT[n].get("verdicts", {})],
)
def test_the_verdicts_a_reader_would_give(name, seq):
    judged = judge_plan(read_plan(CORPUS / name))
    assert judged.task(seq).verdict == EXPECT[name]["verdicts"][str(seq)]
