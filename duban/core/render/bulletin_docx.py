"""The supervision bulletin (督查通报) as Word, in the order offices write them (mission_anchors §1.4).

Masthead, addressees, basis and data gathering, the overall picture with counts and percentages,
each behind or stalled task, units that did not report, weak reports, the requirements 一是…二是…,
and the whole progress table as attachment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from duban.core.model import Plan
from duban.core.render.bulletin_data import (
    BulletinInfo,
    Lagging,
    fill,
    lagging_tasks,
    load_template,
    missing_units,
    ordinal,
    percent,
    quality_notes,
    verdict_counts,
)
from duban.core.render.docx_base import (
    ERHAO,
    FANGSONG,
    HEITI,
    KAITI,
    SANHAO,
    XIAOBIAOSONG,
    new_document,
    page_break,
    para,
    run,
    title,
    to_bytes,
)
from duban.core.render.table_docx import add_progress_tables
from duban.core.render.verdicts import FLAG_LABELS, VERDICT_LABELS, PlanJudgementLike
from duban.core.units import wording

RED = RGBColor(0xC0, 0x00, 0x00)
MASTHEAD_SIZE = 36.0  # 版头 in red 小标宋, larger than the 二号 title


def period_words(plan: Plan) -> str:
    return plan.period.label if plan.period else "本期"


def office_name(plan: Plan, info: BulletinInfo) -> str:
    return info.office or f"{plan.district or ''}人民政府督查室".replace("区人民政府", "区政府")


def bulletin_docx(
    plan: Plan,
    judgement: PlanJudgementLike | None = None,
    info: BulletinInfo | None = None,
    template: Path | None = None,
    marking: str | None = None,
) -> bytes:
    info = info or BulletinInfo()
    words = load_template(template)
    office = office_name(plan, info)
    values = {
        "year": str(plan.year or info.issued.year),
        "district": plan.district or "",
        "period": period_words(plan),
        "total": str(len(plan.tasks)),
        "office": office,
        "basis_no": info.basis_no,
        "government": wording.government(plan.level),
        "party": wording.party(plan.level),
        "addressees": info.addressees or wording.addressees(plan.level, plan.units),
        "series": info.series or f"{plan.district or ''}政务督查",
    }
    doc = new_document(marking=marking)
    _masthead(doc, fill(words.series, values), info, office)
    title(doc, fill(words.title, values))
    para(doc, fill(words.addressees, values))
    para(doc, fill(words.basis, values), indent=True)

    counts = verdict_counts(plan, judgement)
    _heading(doc, "一、总体情况")
    para(
        doc,
        _overall_sentence(
            fill(words.overall_praise, values), len(plan.tasks), counts, judgement is not None
        ),
        indent=True,
    )

    _heading(doc, "二、存在的问题")
    n = 0
    if judgement is not None:
        for verdict, heading in (("behind", "未达到序时进度的任务"), ("stalled", "停滞的任务")):
            items = lagging_tasks(plan, judgement, verdict)
            if items:
                n += 1
                _subheading(doc, f"（{ordinal(n)}）{heading}（{len(items)}项）")
                for item in items:
                    para(doc, lagging_sentence(item), indent=True)
    missing = info.missing if info.missing is not None else missing_units(plan)
    if missing or info.late_units:
        n += 1
        _subheading(doc, f"（{ordinal(n)}）未按要求报送的单位")
        if info.late_units:
            para(doc, f"{'、'.join(info.late_units)}未按时报送进展情况。", indent=True)
        if missing:
            para(doc, _missing_sentence(missing), indent=True)
    if judgement is not None:
        notes = quality_notes(judgement)
        if notes:
            n += 1
            _subheading(doc, f"（{ordinal(n)}）报送内容需改进的情况")
            for note in notes:
                who = note.unit or "报送单位"
                label = FLAG_LABELS.get(note.kind, note.kind)
                sentence = f"第{note.seq}项，{who}报送的进展情况{label}：{note.reason}"
                para(doc, full_stop(sentence), indent=True)
    if n == 0:
        para(doc, "本期未发现需通报的问题。", indent=True)

    _heading(doc, "三、下一步工作要求")
    for i, requirement in enumerate(words.requirements, start=1):
        p = para(doc, "", indent=True)
        run(p, f"{ordinal(i)}是", FANGSONG, SANHAO, bold=True)
        run(p, fill(requirement, values), FANGSONG, SANHAO)

    para(doc)
    para(doc, f"附件：{plan.title or '任务目标落实情况表'}", indent=True)
    para(doc)
    para(doc, office, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, chinese_date(info), align=WD_ALIGN_PARAGRAPH.RIGHT)

    page_break(doc)
    para(doc, "附件", HEITI, SANHAO)
    add_progress_tables(doc, plan)
    return to_bytes(doc)


def chinese_date(info: BulletinInfo) -> str:
    d = info.issued
    return f"{d.year}年{d.month}月{d.day}日"


def lagging_sentence(item: Lagging) -> str:
    """第N项"……"（牵头单位：…）。explanation — as Zichuan's bulletin names a lagging task."""
    target = item.target.rstrip("。；;")
    leads = "、".join(item.leads)
    fact = item.explanation or VERDICT_LABELS[item.verdict]
    return f"第{item.seq}项“{target}”（牵头单位：{leads}）。{full_stop(fact)}"


def full_stop(sentence: str) -> str:
    return sentence if sentence.endswith(("。", "！", "；", "？")) else sentence + "。"


def _overall_sentence(praise: str, total: int, counts: dict[str, int], judged: bool) -> str:
    if not judged:
        reported = total - counts["not_reported"]
        return (
            f"{praise}{total}项任务中，已报送进展情况{reported}项，占{percent(reported, total)}；"
            f"未报送{counts['not_reported']}项，占{percent(counts['not_reported'], total)}。"
        )
    parts = [f"{VERDICT_LABELS[v]}{c}项，占{percent(c, total)}" for v, c in counts.items() if c]
    return f"{praise}{total}项任务中，{'；'.join(parts)}。"


def _missing_sentence(missing: Mapping[str, Sequence[int]]) -> str:
    parts = [f"{unit}（第{'、'.join(str(s) for s in seqs)}项）" for unit, seqs in missing.items()]
    return f"以下单位对承担的任务未报送进展情况：{'；'.join(parts)}。"


def _heading(doc: DocumentObject, text: str) -> None:
    p = para(doc, text, HEITI, SANHAO, indent=True)
    p.paragraph_format.keep_with_next = True


def _subheading(doc: DocumentObject, text: str) -> None:
    p = para(doc, text, KAITI, SANHAO, indent=True)
    p.paragraph_format.keep_with_next = True


def _masthead(doc: DocumentObject, series: str, info: BulletinInfo, office: str) -> None:
    """版头: the series in red, 第N期, then office and date on one line above a red rule."""
    head = para(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    head.paragraph_format.line_spacing = 1.0  # a 36 pt masthead does not fit the 28.95 pt pitch
    r = run(head, series, XIAOBIAOSONG, MASTHEAD_SIZE)
    r.font.color.rgb = RED
    if info.issue_no is not None:
        para(doc, f"第{info.issue_no}期", FANGSONG, SANHAO, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = para(doc)
    _red_rule_below(line)  # first: w:pBdr precedes w:tabs and w:spacing in w:pPr
    line.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
    run(line, f"{office}\t{chinese_date(info)}", FANGSONG, SANHAO)
    line.paragraph_format.space_after = Pt(ERHAO)


def _red_rule_below(paragraph: Paragraph) -> None:
    borders = SubElement(paragraph._p.get_or_add_pPr(), qn("w:pBdr"))
    attrs = {"w:val": "single", "w:sz": "18", "w:space": "4", "w:color": "C00000"}
    SubElement(borders, qn("w:bottom"), {qn(k): v for k, v in attrs.items()})
