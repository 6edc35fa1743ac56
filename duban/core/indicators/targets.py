"""Target indicators (目标指标) read from a task's target text: metric, kind, comparator, value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from duban.core.indicators.quantities import ABOUT, AT_LEAST, AT_MOST, Quantity, find_quantities

Kind = Literal["growth", "amount", "level"]

CLAUSE_END = "，。；;！!？?\n"
# "城区学校扩容工程：新建小学2所" (a project table's name and scale): what is measured follows
# the colon; the words before it name the project.
_COLONS = "：:"
_GROWTH_WORDS = re.compile(r"(同比|比上年|较上年)?(增长|增幅|增速|提高|提升)(达到|达)?$")
# "单位地区生产总值能耗下降3%": a fall to reach, a growth of -3 % at most.
_FALL_WORDS = re.compile(r"(同比|比上年|较上年)?(下降|降低|减少|回落)(达到|达)?$")
# A fall's comparator, seen as a growth: 下降3%以上 is at most -3 %, 下降3%以内 at least -3 %.
_FALL_COMPARATOR = {AT_LEAST: AT_MOST, AT_MOST: AT_LEAST, ABOUT: ABOUT}
# Leading words that say what to do, not what is counted, and the organization's own whole
# (全县, 全区, 全市, 全镇): stripped from the metric.
_LEADING = re.compile(
    r"^[、，,\s]*(全年|力争|争取|确保|努力|实现|完成|拟安排|安排|推动|加快推进|推进|"
    r"加快|建成|培育|认证|全[市区县旗乡镇])*"
)
_TRAILING = re.compile(
    r"(控制在|保持在|达到|达|突破|超过|不低于|不少于|不超过|为|共|总计|累计|等)+$"
)
# "投资50亿元大项目": a size that describes what is sought, not the amount to reach.
_DESCRIPTOR_AFTER = re.compile(r"^(以上)?(的|大|级|规模)")


@dataclass(frozen=True)
class TargetIndicator:
    """One measurable part of a target: "地区生产总值增长6%以上" → growth ≥ 6 %."""

    metric: str
    kind: Kind
    comparator: str  # ">=" at least, "~" about, "<=" at most (以内, 不超过: an upper bound)
    value: float
    unit: str
    quantity: Quantity
    project: str = ""  # the project named before a colon ("城区学校扩容工程"), "" when none

    @property
    def falling(self) -> bool:
        """A fall to reach (下降3%): a growth target below zero."""
        return self.kind == "growth" and self.value < 0

    @property
    def base(self) -> float:
        return self.quantity.base


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_END and text[i - 1] not in _COLONS:
        i -= 1
    return i


def _project(text: str, pos: int) -> str:
    """The name before the colon that opens the sentence of pos ("城区学校扩容工程：…")."""
    i = pos
    while i > 0 and text[i - 1] not in "。；;\n":
        i -= 1
    head = text[i:pos]
    for colon in _COLONS:
        if colon in head:
            name = head.split(colon, 1)[0].strip()
            return name if 2 <= len(name) <= 30 and not any(c in name for c in "，,") else ""
    return ""


def _named_before_the_colon(target: str, start: int, pos: int) -> str:
    """ "地区生产总值：增长6.5%左右": with nothing after the colon naming it, the name before."""
    return _project(target, pos) if start > 0 and target[start - 1] in _COLONS else ""


def _clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in CLAUSE_END:
        i += 1
    return i


def target_indicators(target: str) -> tuple[TargetIndicator, ...]:
    """The indicators a target text sets, in order; qualitative targets give ()."""
    out: list[TargetIndicator] = []
    previous_end = 0
    for q in find_quantities(target):
        start = max(_clause_start(target, q.start), previous_end)
        end = _clause_end(target, q.end)
        after = target[q.end : end]
        previous_end = q.end
        if _DESCRIPTOR_AFTER.match(after):
            continue
        before = target[start : q.start]
        growth = _GROWTH_WORDS.search(before)
        fall = _FALL_WORDS.search(before) if q.is_percent and not growth else None
        if fall:
            metric = _LEADING.sub("", _TRAILING.sub("", before[: fall.start()].strip()))
            if len(metric) < 2:
                metric = _named_before_the_colon(target, start, q.start)
            if len(metric) >= 2:
                comparator = _FALL_COMPARATOR.get(q.comparator, AT_MOST)
                out.append(
                    TargetIndicator(
                        metric, "growth", comparator, -q.value, q.unit, q, _project(target, q.start)
                    )
                )
            continue
        if q.is_percent:
            kind: Kind = "growth" if growth else "level"
        elif q.base_unit == "个百分点":
            kind = "growth"
        else:
            kind = "amount"
        if growth:
            before = before[: growth.start()]
        metric = _LEADING.sub("", _TRAILING.sub("", before.strip()))
        if not metric or len(metric) < 2:
            # "加快推进11个老旧小区改造": what is counted follows the number.
            metric = _LEADING.sub("", after.strip("、，。 "))
        if not metric:
            metric = _named_before_the_colon(target, start, q.start)
        if not metric:
            continue
        out.append(
            TargetIndicator(
                metric, kind, q.comparator, q.value, q.unit, q, _project(target, q.start)
            )
        )
    return tuple(out)
