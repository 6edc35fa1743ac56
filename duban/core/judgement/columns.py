"""The document's own columns as evidence: numeric target, actual and share figures, and its status.

Where a table states the numbers in columns of their own (目标任务 | 26000, 1-7月完成 | 15200,
完成比例(%) | 58.5), they are the evidence before anything read from the progress text; the
document's own status (是否达序 | 否, 备注 | 达到时间进度) is shown beside duban's verdict and
compared with it, never used in its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.core.indicators.actuals import Actual
from duban.core.indicators.quantities import AT_LEAST, Quantity, find_quantities, same_dimension
from duban.core.indicators.targets import TargetIndicator
from duban.core.judgement.flags import Flag
from duban.core.judgement.labels import VERDICT_LABELS
from duban.core.judgement.match import Match, ReportedActual
from duban.core.model import Figure, Period, Task

COLUMN_REPORT = -1  # report_index of evidence that comes from a column, not a report's text


def _of_period(period: Period | None, now: Period) -> bool:
    # A figure of another period (an earlier column, 1-6月 in a 1-9月 table) is not this one's.
    return period is None or period.end_month == now.end_month


@dataclass(frozen=True)
class ColumnFigures:
    """A task's figures of the judged period, by role."""

    target: Figure | None = None
    actual: Figure | None = None
    share: Figure | None = None

    @property
    def any(self) -> bool:
        return self.actual is not None or self.share is not None


def column_figures(task: Task, period: Period) -> ColumnFigures:
    found: dict[str, Figure] = {}
    for f in task.figures:
        if f.role in ("target", "actual", "share") and _of_period(f.period, period):
            found.setdefault(f.role, f)
    return ColumnFigures(found.get("target"), found.get("actual"), found.get("share"))


def _quantity(value: float, unit: str) -> Quantity:
    written = f"{value:g}{unit}"
    for q in find_quantities(written):
        if q.start == 0 and q.end == len(written):
            return q
    return Quantity(value, unit, unit, 1.0, AT_LEAST, 0, len(written), written)


def _actual(figure: Figure, kind: str, unit: str, period: Period) -> Actual:
    q = _quantity(figure.value, unit if kind == "share" else figure.unit or unit)
    scope = figure.period.label if figure.period is not None else ""
    return Actual(
        quantity=q,
        kind="share" if kind == "share" else "amount",
        value=figure.value,
        scope=scope,
        scope_month=figure.period.end_month if figure.period else period.end_month,
        estimate=False,
        result=True,
        clause=f"{figure.header}：{figure.text or f'{figure.value:g}'}",
        sentence_head="",
        start=0,
        end=0,
    )


def _reported(task: Task, actual: Actual) -> ReportedActual:
    lead = task.lead_units[0] if task.lead_units else None
    reporter = (lead.canonical or lead.name) if lead is not None else None
    return ReportedActual(actual, reporter, True, COLUMN_REPORT)


def _same_target(ind: TargetIndicator, target: Figure) -> bool:
    q = _quantity(target.value, target.unit or ind.quantity.unit)
    return same_dimension(q, ind.quantity) and abs(q.base - ind.base) <= 1e-9 * ind.base


def column_target_indicator(
    task: Task, indicators: tuple[TargetIndicator, ...], figures: ColumnFigures
) -> TargetIndicator | None:
    """The target column as an indicator when the target text states no such number
    (城镇新增就业 | 目标任务(人) 26000): named by the target text, or by the header."""
    target = figures.target
    if target is None or not target.value or not (figures.actual or figures.share):
        return None
    if any(ind.kind == "amount" and _same_target(ind, target) for ind in indicators):
        return None
    q = _quantity(target.value, target.unit)
    text = task.target.strip().rstrip("。；;")
    # Named by the target text when it states no number; else by its header (年度计划投资).
    metric = text if 2 <= len(text) <= 30 and not indicators else _header_name(target.header)
    return TargetIndicator(metric, "amount", AT_LEAST, target.value, target.unit, q)


def column_matches(
    task: Task,
    indicators: tuple[TargetIndicator, ...],
    figures: ColumnFigures,
    period: Period,
) -> dict[int, Match]:
    """Indicator index → the match the columns give it: the actual column for the indicator
    the target column states (or the only amount), else the share column for the only amount."""
    amounts = [i for i, ind in enumerate(indicators) if ind.kind == "amount"]
    chosen: int | None = None
    if figures.target is not None:
        same = [i for i in amounts if _same_target(indicators[i], figures.target)]
        chosen = same[0] if same else None
    elif len(amounts) == 1:
        chosen = amounts[0]
    if chosen is None:
        return {}
    ind = indicators[chosen]
    if figures.actual is not None:
        a = _actual(figures.actual, "amount", ind.quantity.unit, period)
        if same_dimension(a.quantity, ind.quantity):
            return {chosen: Match(ind, _reported(task, a))}
    if figures.share is not None:
        return {chosen: Match(ind, _reported(task, _actual(figures.share, "share", "%", period)))}
    return {}


def whole_task_indicator(figures: ColumnFigures, task: Task) -> tuple[TargetIndicator, Match]:
    """The share column as an indicator of the whole task (当前进度 | 80%): 100% is the target."""
    share = figures.share
    assert share is not None
    whole = _quantity(100, "%")
    ind = TargetIndicator(_header_name(share.header), "amount", AT_LEAST, 100.0, "%", whole)
    actual = _actual(share, "share", "%", Period("", 12))
    return ind, Match(ind, _reported(task, actual))


def whole_work_indicator(found: ReportedActual) -> tuple[TargetIndicator, Match]:
    """A share of the whole work the lead unit's text states ("完成总工程量的85%") as an
    indicator of the whole task, when no indicator of the target takes a figure."""
    ind = TargetIndicator("总工程量", "amount", AT_LEAST, 100.0, "%", _quantity(100, "%"))
    return ind, Match(ind, found)


def _header_name(header: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]\s*$", "", header).strip() or "整体进度"


# The document's own word, read as a stance: on or ahead of schedule, or behind it.
_BEHIND_WORDS = re.compile(r"^否$|滞后|未达|未完成|落后|偏慢|缓慢|未开工|停滞")
_ON_WORDS = re.compile(r"^是$|达到|达序|超额|已完成|^完成$|序时|正常推进|按序|提前")


def document_status(task: Task, period: Period) -> str | None:
    """The document's status columns of the period as written ("是否达序：否；备注：滞后")."""
    texts = [
        f"{s.header}：{s.text}" if s.header else s.text
        for s in task.status
        if s.text.strip() and _of_period(s.period, period)
    ]
    return "；".join(texts) or None


def document_stance(task: Task, period: Period) -> str | None:
    """ "on" (达序, 达到时间进度, 超额完成), "behind" (否, 滞后) or None: what the document says."""
    for s in task.status:
        if not _of_period(s.period, period):
            continue
        text = s.text.strip()
        if _BEHIND_WORDS.search(text):
            return "behind"
        if _ON_WORDS.search(text):
            return "on"
    return None


def status_flags(task: Task, period: Period, verdict: str) -> list[Flag]:
    """A flag when the document's own status says the opposite of duban's verdict."""
    stance = document_stance(task, period)
    ours = (
        "on"
        if verdict in ("completed", "on_schedule")
        else "behind"
        if verdict in ("behind", "stalled")
        else None
    )
    if stance is None or ours is None or stance == ours:
        return []
    written = document_status(task, period) or ""
    reason = f"表内自评“{written}”，按数据研判为{VERDICT_LABELS[verdict]}，请督查室核实"
    return [Flag("status_disagrees", None, reason, written)]
