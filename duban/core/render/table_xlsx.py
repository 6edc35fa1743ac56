"""The progress table as Excel: tasks, (task, unit) reports, and verdicts when a judgement is given.

Every cell is written as a string or a number, never parsed: a report that starts with "=", "+",
"-" or "@" ("-3.2%", "=区统计局口径") must stay text, not become a formula (CSV/formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from duban.core.model import Plan, Task
from duban.core.render.verdicts import PlanJudgementLike, by_seq, verdict_label

TASK_HEADERS = ("序号", "所属部分", "年度任务目标", "牵头单位", "配合单位", "进展情况")
REPORT_HEADERS = ("序号", "年度任务目标", "报送单位", "是否责任单位", "进展情况")
VERDICT_HEADERS = (
    "序号", "研判结果", "说明", "指标", "指标类型", "目标值", "单位", "指标研判", "实际值", "依据",
    "提示",
)  # fmt: skip
WIDTHS = {"序号": 6, "年度任务目标": 40, "进展情况": 80, "说明": 40, "依据": 40, "提示": 40}
_WRAP = Alignment(wrap_text=True, vertical="top")


def progress_cell_text(task: Task) -> str:
    """Several units' progress in one cell, each under its "单位：" header line."""
    parts = []
    for r in task.reports:
        parts.append(f"{r.unit}：\n{r.text}" if r.unit else r.text)
    return "\n".join(parts)


def table_xlsx(
    plan: Plan, judgement: PlanJudgementLike | None = None, marking: str | None = None
) -> bytes:
    wb = Workbook()
    tasks = wb.active
    tasks.title = "任务"
    _header(tasks, TASK_HEADERS)
    for section in plan.sections:
        for t in section.tasks:
            _append(tasks, (
                t.seq,
                section.title,
                t.target,
                "、".join(u.name for u in t.units if u.role == "lead"),
                "、".join(u.name for u in t.units if u.role == "co"),
                progress_cell_text(t),
            ))  # fmt: skip
    reports = wb.create_sheet("报送")
    _header(reports, REPORT_HEADERS)
    for t in plan.tasks:
        responsible = {u.canonical or u.name for u in t.units}
        for r in t.reports:
            listed = (r.canonical or r.unit) in responsible
            _append(reports, (t.seq, t.target, r.unit or "", "是" if listed else "否", r.text))
    if judgement is not None:
        _verdict_sheet(wb.create_sheet("研判"), plan, judgement)
    if marking:
        for ws in wb.worksheets:  # printed at the top left of every page
            ws.oddHeader.left.text = marking
            ws.oddHeader.left.font = "黑体"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _verdict_sheet(ws: Worksheet, plan: Plan, judgement: PlanJudgementLike) -> None:
    _header(ws, VERDICT_HEADERS)
    judged = by_seq(judgement)
    for t in plan.tasks:
        j = judged.get(t.seq)
        if j is None:
            continue
        flags = "\n".join(f.reason for f in j.flags)
        head = (t.seq, verdict_label(j.verdict), j.explanation)
        if not j.indicators:
            _append(ws, (*head, "", "", None, "", "", None, "", flags))
        for i, ind in enumerate(j.indicators):
            actual = getattr(ind, "actual", None)
            _append(ws, (
                *(head if i == 0 else (t.seq, "", "")),
                ind.metric,
                ind.kind,
                ind.value,
                ind.unit,
                verdict_label(ind.verdict),
                getattr(actual, "value", None) if actual else None,
                getattr(actual, "quote", "") if actual else "",
                flags if i == 0 else "",
            ))  # fmt: skip


def _header(ws: Worksheet, headers: Sequence[str]) -> None:
    _append(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, name in enumerate(headers):
        ws.column_dimensions[ws.cell(1, i + 1).column_letter].width = WIDTHS.get(name, 14)


def _append(ws: Worksheet, values: Iterable[object]) -> None:
    row = []
    for v in values:
        cell = Cell(ws, value=None)
        if isinstance(v, str):
            # Assigning through .value would guess a formula from a leading "="; set the type.
            cell._value = v
            cell.data_type = "s"
        else:
            cell.value = v
        cell.alignment = _WRAP
        row.append(cell)
    ws.append(row)
