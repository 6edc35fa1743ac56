"""One unit's report: the tasks it is responsible for or reported on, its texts and the verdicts."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH

from duban.core.errors import DubanError
from duban.core.evidence import EvidenceItem, evidence_line
from duban.core.model import Plan, Task
from duban.core.render.bulletin_data import BulletinInfo, percent, task_verdict
from duban.core.render.docx_base import (
    FANGSONG,
    HEITI,
    KAITI,
    SANHAO,
    new_document,
    para,
    run,
    title,
    to_bytes,
)
from duban.core.render.verdicts import (
    FLAG_LABELS,
    VERDICT_LABELS,
    PlanJudgementLike,
    by_seq,
    name_of,
)


def unit_tasks(plan: Plan, unit: str) -> list[tuple[Task, str]]:
    """(task, role) for every task naming the unit, or carrying its report; role 牵头/配合/报送."""
    out = []
    for t in plan.tasks:
        role = next(
            (
                "牵头" if u.role == "lead" else "配合"
                for u in t.units
                if unit in (u.name, u.canonical)
            ),
            None,
        )
        if role is None and any(unit in (r.unit, r.canonical) for r in t.reports):
            role = "报送"
        if role is not None:
            out.append((t, role))
    return out


def unit_report_docx(
    plan: Plan,
    unit: str,
    judgement: PlanJudgementLike | None = None,
    info: BulletinInfo | None = None,
    marking: str | None = None,
    evidence: Sequence[EvidenceItem] = (),
) -> bytes:
    """`evidence`: the unit's attached files (佐证材料), listed under each task's text."""
    info = info or BulletinInfo()
    tasks = unit_tasks(plan, unit)
    if not tasks:
        raise DubanError(f"{unit} 不是本计划任何任务的责任单位，也没有报送记录")
    judged = by_seq(judgement) if judgement is not None else {}
    period = plan.period.label if plan.period else "本期"
    doc = new_document(marking=marking)
    title(doc, f"{unit}{plan.year or ''}年《政府工作报告》任务目标{period}落实情况")
    own = [(t, [r for r in t.reports if unit in (r.unit, r.canonical)]) for t, _ in tasks]
    reported = sum(1 for _, reports in own if reports)
    leads = sum(1 for _, role in tasks if role == "牵头")
    para(
        doc,
        f"{unit}承担任务{len(tasks)}项，其中牵头{leads}项；已报送进展情况{reported}项，"
        f"占{percent(reported, len(tasks))}，未报送{len(tasks) - reported}项。",
        indent=True,
    )
    for (task, role), (_, reports) in zip(tasks, own, strict=True):
        p = para(doc, "", indent=True)
        run(p, f"第{task.seq}项（{role}）", HEITI, SANHAO)
        run(p, task.target, FANGSONG, SANHAO)
        j = judged.get(task.seq)
        verdict = task_verdict(task, j)
        if verdict is not None:
            line = VERDICT_LABELS.get(verdict, verdict)
            if j is not None and j.explanation and verdict != "not_reported":
                line += f"：{j.explanation}"
            para(doc, f"研判：{line}", KAITI, SANHAO, indent=True)
        if reports:
            for r in reports:
                para(doc, r.text, indent=True)
        else:
            para(doc, "本单位未报送进展情况。", indent=True)
        files = [e for e in evidence if e.task_seq == task.seq and e.unit == unit]
        if files:
            para(
                doc, "佐证材料：" + "、".join(map(evidence_line, files)), KAITI, SANHAO, indent=True
            )
        if j is not None:
            for f in j.flags:
                if f.unit in (None, unit):
                    kind = name_of(f.kind)
                    para(
                        doc,
                        f"提示：{FLAG_LABELS.get(kind, kind)}。{f.reason}",
                        KAITI,
                        SANHAO,
                        indent=True,
                    )
    para(doc)
    d = info.issued
    para(doc, f"{d.year}年{d.month}月{d.day}日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return to_bytes(doc)
