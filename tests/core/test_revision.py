"""A revised table of the same plan against the plan as it stands: tasks are known by their words,
so renumbering is no difference; added, removed, reworded and units changed are, exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from duban.core.model import Plan, Task, UnitRef
from duban.core.revision import plan_diff

NEW_TASK = Task(
    seq=0,
    target="新建城区智慧停车平台，年内新增公共停车泊位1000个。",
    units=(UnitRef("区住建局", "lead", "区住建局"),),
)


def revised(
    plan: Plan,
    *,
    reword: dict[int, str] | None = None,
    remove: set[int] = frozenset(),
    add_after: dict[int, Task] | None = None,
    units: dict[int, tuple[UnitRef, ...]] | None = None,
) -> Plan:
    """The plan as the office would reissue it: changed tasks, renumbered 1…N in order."""
    reword, add_after, units = reword or {}, add_after or {}, units or {}
    seq = 0
    sections = []
    for section in plan.sections:
        tasks = []
        for t in section.tasks:
            if t.seq not in remove:
                seq += 1
                changed = replace(t, seq=seq, target=reword.get(t.seq, t.target))
                tasks.append(replace(changed, units=units.get(t.seq, t.units)))
            if t.seq in add_after:
                seq += 1
                tasks.append(replace(add_after[t.seq], seq=seq))
        sections.append(replace(section, tasks=tuple(tasks)))
    return replace(plan, sections=tuple(sections))


@pytest.fixture(scope="module")
def plan(example_plan) -> Plan:
    return example_plan


def _reworded(plan: Plan) -> dict[int, str]:
    by_seq = {t.seq: t for t in plan.tasks}
    return {
        5: by_seq[5].target.replace("。", "，确保按期完成。", 1),
        40: "（调整）" + by_seq[40].target,
        90: by_seq[90].target[:-1] + "，年底前全面完成。",
    }


def test_three_reworded_one_added_one_removed_is_exactly_that(plan):
    new = revised(plan, reword=_reworded(plan), remove={60}, add_after={30: NEW_TASK})
    diff = plan_diff(plan, new)
    assert [t.target for t in diff.added] == [NEW_TASK.target]
    assert [t.seq for t in diff.removed] == [60]
    assert [(p.old.seq, p.new.seq) for p in diff.reworded] == [(5, 5), (40, 41), (90, 90)]
    assert diff.units_changed == ()
    assert len(diff.pairs) == 107
    assert sum(p.moved for p in diff.pairs) == 29  # 31…59 shift down one, 61…90 not at all
    assert diff.summary() == "新增 1 项、删除 1 项、改写 3 项、责任单位调整 0 项"


def test_the_same_table_again_has_no_difference(plan):
    diff = plan_diff(plan, plan)
    assert diff.empty
    assert all(p.similarity == 1.0 and not p.moved for p in diff.pairs)


def test_a_change_of_units_is_named_with_what_was_added_and_removed(plan):
    task = next(t for t in plan.tasks if t.seq == 12)
    lead = UnitRef("区财政局", "lead", "区财政局")
    new = revised(plan, units={12: (lead, *task.units[1:])})
    (change,) = plan_diff(plan, new).units_changed
    assert (change.old.seq, change.reworded) == (12, False)
    assert change.units_added == ("区财政局",)
    assert change.units_removed == (task.units[0].canonical or task.units[0].name,)


def test_a_task_rewritten_beyond_recognition_is_one_removed_and_one_added(plan):
    new = revised(plan, reword={7: "全面完成农村厕所改造任务，建立长效管护机制。"})
    diff = plan_diff(plan, new)
    assert [t.seq for t in diff.removed] == [7]
    assert [t.seq for t in diff.added] == [7]
    assert diff.reworded == ()


def test_punctuation_and_spaces_alone_are_no_rewording(plan):
    target = next(t for t in plan.tasks if t.seq == 3).target
    new = revised(plan, reword={3: " " + target.replace("，", ",")})
    assert plan_diff(plan, new).empty
