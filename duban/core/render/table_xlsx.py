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
from openpyxl.utils import get_column_letter
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
    wb, tasks = new_workbook("任务")
    _header(tasks, TASK_HEADERS)
    for section in plan.sections:
        for t in section.tasks:
            append_row(tasks, (
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
            append_row(reports, (t.seq, t.target, r.unit or "", "是" if listed else "否", r.text))
    if judgement is not None:
        _verdict_sheet(wb.create_sheet("研判"), plan, judgement)
    if marking:
        for ws in wb.worksheets:  # printed at the top left of every page
            header = ws.oddHeader
            assert header is not None  # every worksheet has one, empty until written
            header.left.text = marking
            header.left.font = "黑体"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook and its first sheet, named."""
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)  # a new workbook's one sheet
    first.title = title
    return wb, first


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
            append_row(ws, (*head, "", "", None, "", "", None, "", flags))
        for i, ind in enumerate(j.indicators):
            actual = getattr(ind, "actual", None)
            append_row(ws, (
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
    append_row(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, name in enumerate(headers):
        ws.column_dimensions[get_column_letter(i + 1)].width = WIDTHS.get(name, 14)


def append_row(ws: Worksheet, values: Iterable[str | float | None]) -> None:
    """A row with every string typed as text, never as a formula (see the module's docstring)."""
    row = []
    for column, v in enumerate(values, start=1):
        cell = Cell(ws, row=1, column=column)  # ws.append moves it to its row
        if isinstance(v, str):
            # Assigning through .value would guess a formula from a leading "="; set the type.
            cell._value = v  # type: ignore[attr-defined]  # the stubs omit the slot
            cell.data_type = "s"
        else:
            cell.value = v
        cell.alignment = _WRAP
        row.append(cell)
    ws.append(row)
