"""The progress table (落实情况表) as Word: one titled four-column table per section, as offices print it.

Layout of the attachment in the example: title, then per section its heading "…（共N项）" and a
table 序号 / 年度任务目标 / 责任单位 / 进展情况 whose header row repeats on every page and whose
rows may break across pages; in 进展情况 each unit's text sits under its "单位：" line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from duban.core.evidence import EvidenceItem, evidence_line
from duban.core.model import Plan, Section, Task
from duban.core.render.docx_base import (
    FANGSONG,
    HEITI,
    SANHAO,
    XIAOSI,
    add_paragraph_style,
    new_document,
    para,
    title,
    to_bytes,
)

HEADERS = ("序号", "年度任务目标", "责任单位", "进展情况")
# The 156 mm between the official margins, split as the example's columns are.
COLUMN_WIDTHS_MM = (14, 40, 26, 76)
TABLE_SIZE = XIAOSI  # attachments may use a smaller size than the 三号 of running text
TEXT_STYLE = "表格正文"
HEAD_STYLE = "表格标题"

_W = qn("w:val")


def table_docx(
    plan: Plan, marking: str | None = None, evidence: Sequence[EvidenceItem] = ()
) -> bytes:
    """The whole plan as the official progress table, as .docx bytes; the reports' evidence
    (佐证材料), when there is any, listed after it."""
    doc = new_document(marking=marking)
    add_progress_tables(doc, plan)
    add_evidence_list(doc, evidence)
    return to_bytes(doc)


def add_evidence_list(doc: DocumentObject, evidence: Sequence[EvidenceItem]) -> None:
    """附件：佐证材料目录 — one numbered line per file, by task and unit."""
    if not evidence:
        return
    para(doc)
    para(doc, "附件：佐证材料目录", HEITI, SANHAO)
    for n, item in enumerate(evidence, 1):
        para(doc, f"{n}. 第{item.task_seq}项 {item.unit}：{evidence_line(item)}", FANGSONG, XIAOSI)


def table_title(plan: Plan) -> str:
    return plan.title or "任务目标落实情况表"


def section_heading(section: Section) -> str:
    """ "（一）……（共17项）": the count is what the table holds, not what the source declared."""
    return f"{section.title}（共{len(section.tasks)}项）"


def add_progress_tables(doc: DocumentObject, plan: Plan) -> None:
    """Title, then each section's heading and table, appended to `doc` (the bulletin reuses it)."""
    styles = _TableStyles(
        text=add_paragraph_style(doc, TEXT_STYLE, FANGSONG, TABLE_SIZE),
        head=add_paragraph_style(doc, HEAD_STYLE, HEITI, TABLE_SIZE),
    )
    title(doc, table_title(plan))
    for section in plan.sections:
        heading = para(doc, section_heading(section), HEITI, SANHAO)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(6)
        _section_table(doc, section, styles)


class _TableStyles(NamedTuple):
    text: str  # style id of body lines (仿宋)
    head: str  # style id of headers and "单位：" lines (黑体)


def _section_table(doc: DocumentObject, section: Section, styles: _TableStyles) -> None:
    table = doc.add_table(rows=0, cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(COLUMN_WIDTHS_MM):
        # LibreOffice reads w:gridCol, Word reads w:tcW: set both (libraries.md §2.1).
        table.columns[i].width = Mm(width)
    tbl = table._tbl
    header = _row(tbl, [[(styles.head, h, "center", False)] for h in HEADERS])
    # w:tblHeader: Word and LibreOffice repeat this row at the top of every page. Rows carry no
    # w:cantSplit, so a long 进展情况 breaks across pages as in the printed table.
    _sub(_sub(header, "w:trPr", first=True), "w:tblHeader").set(_W, "true")
    for task in section.tasks:
        _row(tbl, _task_cells(task, styles))


Line = tuple[str | None, str, str | None, bool]  # (style id, text, alignment, first-line indent)


def _task_cells(task: Task, styles: _TableStyles) -> list[list[Line]]:
    progress: list[Line] = []
    for report in task.reports:
        if report.unit:
            progress.append((styles.head, f"{report.unit}：", None, False))
        progress.extend((styles.text, line, None, True) for line in report.text.split("\n"))
    return [
        [(styles.text, str(task.seq), "center", False)],
        [(styles.text, task.target, None, False)],
        [(styles.text, u.name, "center", False) for u in task.units],
        progress,
    ]


def _row(tbl: etree._Element, cells: list[list[Line]]) -> etree._Element:
    """Append a w:tr built directly in lxml: python-docx's add_row/add_run took 1.6 s for 108 rows."""
    tr = _sub(tbl, "w:tr")
    for lines, width in zip(cells, COLUMN_WIDTHS_MM, strict=True):
        tc = _sub(tr, "w:tc")
        tcpr = _sub(tc, "w:tcPr")
        tcw = _sub(tcpr, "w:tcW")
        tcw.set(qn("w:w"), str(int(width * 56.7)))  # twentieths of a point per mm
        tcw.set(qn("w:type"), "dxa")
        if len(lines) <= 1 or lines[0][2] == "center":
            _sub(tcpr, "w:vAlign").set(_W, "center")
        for style, text, align, indent in lines or [(None, "", None, False)]:
            _paragraph(tc, style, text, align, indent)
    return tr


def _paragraph(
    parent: etree._Element, style: str | None, text: str, align: str | None, indent: bool
) -> None:
    p = _sub(parent, "w:p")
    ppr = _sub(p, "w:pPr")
    if style:
        _sub(ppr, "w:pStyle").set(_W, style)
    if indent:
        # Two characters; w:firstLine (twips) too, since LibreOffice ignores w:firstLineChars.
        ind = _sub(ppr, "w:ind")
        ind.set(qn("w:firstLineChars"), "200")
        ind.set(qn("w:firstLine"), str(int(TABLE_SIZE * 2 * 20)))
    if align:
        _sub(ppr, "w:jc").set(_W, align)
    if text:
        t = _sub(_sub(p, "w:r"), "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text


def _sub(parent: etree._Element, tag: str, first: bool = False) -> etree._Element:
    if not first:
        return etree.SubElement(parent, qn(tag))
    el = etree.Element(qn(tag))
    parent.insert(0, el)
    return el
