"""What a table's columns hold, read from their cells as well as their headers.

A header says what a column is meant to hold; its cells say what it does hold. A 目标任务（人）
column of bare numbers is a numeric target (the words are in another column); a 完成情况 column
of 达序推进 / 已完工 is the office's own status, not progress text; a 1-7月完成 column of
sentences is progress after all; an unnamed 城镇新增就业（人） column of numbers is a target
indicator; a lone 形象进度 beside 1-9月完成投资 is the state of the work, the report. Two progress columns for two periods (1-10月 / 1-11月): the later one is current.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from duban.core.importers.assemble.columns import ColumnMeaning

# A figure as a cell writes it: 26000, 1,200, 3.5万, 80.8%, 约3000, 26000人, 1200万元.
NUMBER = re.compile(
    r"^(?P<about>[约近超逾]|不低于|不少于|达到?)?\s*(?P<value>[-+]?\d[\d,，]*(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?)?[。.]?$"
)
# A share a progress cell opens with: '80%(新区实验幼儿园进度滞后)', '98.4%'.
LEADING_SHARE = re.compile(r"^\s*(?P<value>\d{1,3}(?:\.\d+)?)\s*[%％]")
# The office's own word on a task, short and from a small vocabulary.
_STATUS = re.compile(
    r"^(?:是|否|[已未]?(?:达序|达到(?:时间|序时|时序)?进度|完成|完工|竣工|开工|办结|达标)"
    r"|超(?:额|序时|时序)(?:完成|推进)?|(?:进度)?(?:严重|明显)?滞后|落后|推进中|在建|"
    r"(?:按序时|达序|顺利|正常|有序|稳步|加快|持续|正在|序时)推进|基本完成|提前完成|"
    r"达到序时|未达到序时|已达到序时|超过序时(?:进度)?|达到序时进度要求|正常|良好)[。.]?$"
)


def parse_number(text: str) -> tuple[float, str] | None:
    """'26000' → (26000.0, ''); '80.8%' → (80.8, '%'); '1,200万元' → (1200.0, '万元')."""
    m = NUMBER.match(text.strip())
    if m is None:
        return None
    try:
        value = float(m.group("value").replace(",", "").replace("，", ""))
    except ValueError:
        return None
    unit = m.group("unit") or ""
    return value, "%" if unit == "％" else unit


def is_status_text(text: str) -> bool:
    """达序推进, 是, 超额完成, 滞后: a word of the office's own judgement, not a report."""
    s = re.sub(r"\s+", "", text)
    return bool(s) and len(s) <= 12 and bool(_STATUS.match(s))


def _share(texts: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for t in texts if test(t)) / len(texts) if texts else 0.0


def refine(
    columns: Sequence[ColumnMeaning], cells: Sequence[Sequence[str]]
) -> tuple[ColumnMeaning, ...]:
    """The columns as their body cells show them (see the module docstring)."""
    kinds = [c.kind for c in columns]
    out = list(columns)
    for i, col in enumerate(columns):
        texts = [row[i].strip() for row in cells if i < len(row) and row[i].strip()]
        if not texts:
            continue
        numeric = _share(texts, lambda t: parse_number(t) is not None)
        if (col.kind == "target" and numeric >= 0.6 and kinds.count("target") > 1) or (
            col.kind == "unknown" and numeric >= 0.6 and col.unit
        ):
            out[i] = replace(col, kind="figure", role="target", in_target=True)
        elif col.kind == "progress" and all(LEADING_SHARE.match(t) for t in texts):
            out[i] = replace(col, role="share")  # '80%(…)': a report that opens with a share
        elif col.kind == "progress" and numeric >= 0.6:
            out[i] = replace(col, role="actual")  # a report that is a number: a figure too
        elif col.kind == "plan" and numeric >= 0.6:
            out[i] = replace(col, kind="figure", role="target")
        elif col.kind == "figure" and numeric < 0.4:
            if col.role in ("actual", "share"):
                out[i] = replace(col, kind="progress", role=None)
            elif col.role == "target":
                out[i] = replace(col, kind="target", role=None)
        elif col.kind in ("plan", "notes") and all(map(is_status_text, texts)):
            if col.kind != "notes" or kinds.count("status") == 0:
                out[i] = replace(col, kind="status")
        elif col.kind == "progress" and all(map(is_status_text, texts)):
            # 达序推进 / 已完工 only: the office's own word. Beside a column of reports it is
            # that alone; as the only progress column it is the report too.
            alone = kinds.count("progress") == 1
            out[i] = replace(col, kind="progress" if alone else "status", also_status=alone)
    return _current_progress(_state_of_work(out))


def _state_of_work(columns: list[ColumnMeaning]) -> list[ColumnMeaning]:
    """A lone 形象进度 column naming no period, in a table of actual figures with no progress
    column, is the state of the work now (主体完工，设备安装中): the report, not a plan."""
    undated = [i for i, c in enumerate(columns) if c.kind == "milestone"]
    reporting = any(c.kind == "figure" and c.role in ("actual", "share") for c in columns)
    if (
        len(undated) != 1
        or columns[undated[0]].end_month is not None
        or not reporting
        or any(c.kind == "progress" for c in columns)
    ):
        return columns
    out = list(columns)
    out[undated[0]] = replace(columns[undated[0]], kind="progress")
    return out


def _current_progress(columns: list[ColumnMeaning]) -> tuple[ColumnMeaning, ...]:
    """Of progress columns stating different periods, all but the latest hold earlier reports."""
    dated = [c.end_month for c in columns if c.kind == "progress" and c.end_month is not None]
    if len(set(dated)) < 2:
        return tuple(columns)
    latest = max(dated)
    return tuple(
        replace(c, earlier=True)
        if c.kind == "progress" and c.end_month is not None and c.end_month < latest
        else c
        for c in columns
    )
