"""Builders of the Word, Excel and PDF tables the importer tests read (made here, not stored).

They write tables the way offices do: a title paragraph, a header row repeated on each page,
section rows merged across the table, a task's number and target merged down over one row per
unit, content controls around rows; and a decomposition table with a two-level header.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from duban.core.model import Plan, Task

HEADER = ("序号", "年度任务目标", "责任单位", "进展情况")


def report_lines(task: Task) -> list[str]:
    """The progress cell as the office writes it: '区发改局：' on its own line, then the text."""
    out: list[str] = []
    for r in task.reports:
        if r.unit:
            out.append(f"{r.unit}：")
        out += r.text.split("\n")
    return out


def _set_cell(cell, lines: list[str]) -> None:
    cell.text = ""
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        p.add_run(line).font.size = Pt(9)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _wrap_in_sdt(tr) -> None:
    """Put a table row inside a content control (w:sdt), which python-docx's rows lose."""
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    tr.addprevious(sdt)
    sdt.append(content)
    content.append(tr)


def progress_docx(
    plan: Plan,
    path: Path,
    *,
    per_unit_rows: bool = False,
    sdt_every: int = 0,
    open_bottom: bool = False,
) -> Path:
    """The plan as a progress table; per_unit_rows: one row per report, 序号 and target merged down."""
    doc = Document()
    doc.add_paragraph(plan.title)
    table = doc.add_table(rows=1, cols=4)
    if open_bottom:
        _open_bottom(table)  # no closing rule under the last row: pdfplumber then loses it
    else:
        table.style = "Table Grid"
    _set_cell_row(table.rows[0], list(HEADER))
    _repeat_header(table.rows[0])
    for section in plan.sections:
        title = section.title
        if section.declared_count is not None:
            title += f"（共 {section.declared_count}项）"
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[3])
        _set_cell(merged, [title])
        for task in section.tasks:
            units = [u.name for u in task.units]
            if per_unit_rows and len(task.reports) > 1:
                rows = [table.add_row() for _ in task.reports]
                for r_row, report in zip(rows, task.reports, strict=True):
                    _set_cell(
                        r_row.cells[3],
                        [f"{report.unit}：", *report.text.split("\n")]
                        if report.unit
                        else report.text.split("\n"),
                    )
                _set_cell(rows[0].cells[2], units)
                seq_cell = rows[0].cells[0].merge(rows[-1].cells[0])
                target_cell = rows[0].cells[1].merge(rows[-1].cells[1])
                units_cell = rows[0].cells[2].merge(rows[-1].cells[2])
                _set_cell(seq_cell, [str(task.seq)])
                _set_cell(target_cell, [task.target])
                _set_cell(units_cell, units)
            else:
                row = table.add_row()
                _set_cell_row(
                    row,
                    [str(task.seq), task.target, "\n".join(units), "\n".join(report_lines(task))],
                )
            if sdt_every and task.seq % sdt_every == 0:
                _wrap_in_sdt(table.rows[-1]._tr)
    doc.save(path)
    return path


def _open_bottom(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil" if side == "bottom" else "single")
        if side != "bottom":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _set_cell_row(row, texts: list[str]) -> None:
    for cell, text in zip(row.cells, texts, strict=False):
        _set_cell(cell, text.split("\n"))


def to_pdf(docx_path: Path, outdir: Path) -> Path:
    """The DOCX through LibreOffice headless, as offices publish their tables."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed to make the PDF fixtures"
    profile = outdir / "lo-profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return outdir / f"{docx_path.stem}.pdf"


def progress_xlsx(
    plan: Plan, path: Path, *, per_unit_rows: bool = False, sheet_per_section: bool = False
) -> Path:
    """The plan as a workbook: title merged over the columns, header on row 3, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    wb.remove(wb.active)
    groups = [[s] for s in plan.sections] if sheet_per_section else [list(plan.sections)]
    wrap = Alignment(wrap_text=True, vertical="top")
    for group in groups:
        ws = wb.create_sheet(group[0].title[:30] if sheet_per_section else "进展情况")
        ws.append([plan.title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
        ws.append([])
        ws.append(list(HEADER))
        for section in group:
            if not sheet_per_section:
                title = section.title
                if section.declared_count is not None:
                    title += f"（共 {section.declared_count}项）"
                ws.append([title])
                ws.merge_cells(
                    start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4
                )
            for task in section.tasks:
                units = "\n".join(u.name for u in task.units)
                if per_unit_rows and len(task.reports) > 1:
                    first = ws.max_row + 1
                    for i, r in enumerate(task.reports):
                        text = (f"{r.unit}：\n" if r.unit else "") + r.text
                        ws.append(
                            [task.seq, task.target, units, text]
                            if i == 0
                            else [None, None, None, text]
                        )
                    for col in (1, 2, 3):
                        ws.merge_cells(
                            start_row=first, start_column=col, end_row=ws.max_row, end_column=col
                        )
                else:
                    ws.append([task.seq, task.target, units, "\n".join(report_lines(task))])
        for row in ws.iter_rows():
            for cell in row:
                cell.alignment = wrap
    wb.save(path)
    return path


def comparable(plan: Plan) -> list[tuple]:
    """Tasks, units and reports with whitespace ignored: what a round trip must keep."""

    def ws(s: str) -> str:
        return "".join(s.split())

    return [
        (
            t.seq,
            ws(t.target),
            [(u.name, u.role) for u in t.units],
            [(r.unit, ws(r.text)) for r in t.reports],
        )
        for t in plan.tasks
    ]


def sections_of(plan: Plan) -> list[tuple]:
    return [(s.title, s.declared_count, len(s.tasks)) for s in plan.sections]


DECOMPOSITION_ROWS = [
    # 序号, 工作任务, 责任领导, 牵头单位, 配合单位, 完成时限, 一季度 … 四季度
    ("1", "新建5G基站300个", "张三", "区工信局", "区住建局、各镇（街）", "年底前",
     "完成选址", "建成100个", "建成200个", "建成300个"),
    ("2", "优化营商环境，企业开办时间压缩至1个工作日", "李四", "区行政审批服务局", "", "长期坚持",
     "", "", "", ""),
    ("3", "城区污水管网改造12公里", "王五", "区住建局", "区财政局", "6月底前",
     "开工", "完工", "", ""),
    ("4", "新建改建农村公路50公里", "王五", "区交通运输局", "各镇（街）", "2021年9月",
     "完成招标", "开工建设", "完工", ""),
]  # fmt: skip


def decomposition_docx(path: Path) -> Path:
    """A 任务分解表: two-level header (形象进度 over 一季度 … 四季度), two tables with a section
    title paragraph before each, the second table's header repeated."""
    doc = Document()
    doc.add_paragraph("峄城区2021年《政府工作报告》重点工作任务分解表")
    for title, rows in (
        ("一、经济发展", DECOMPOSITION_ROWS[:2]),
        ("二、城乡建设", DECOMPOSITION_ROWS[2:]),
    ):
        doc.add_paragraph(title)
        table = doc.add_table(rows=2, cols=10)
        table.style = "Table Grid"
        top = ["序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限", "形象进度"]
        for j, text in enumerate(top):
            _set_cell(table.rows[0].cells[j], [text])
        for j, text in enumerate(["一季度", "二季度", "三季度", "四季度"], start=6):
            _set_cell(table.rows[1].cells[j], [text])
        for j in range(6):
            table.rows[0].cells[j].merge(table.rows[1].cells[j])
        table.rows[0].cells[6].merge(table.rows[0].cells[9])
        for values in rows:
            row = table.add_row()
            for cell, text in zip(row.cells, values, strict=True):
                _set_cell(cell, [text])
    doc.save(path)
    return path
