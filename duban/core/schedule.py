"""序时进度: the share of a task due by the end of month m. The one place for this rule.

Without a deadline a yearly amount is due in twelfths (m/12). A task's own deadline replaces
that: due in full from its month on, and before it along the straight line from the start of
the year (or of the span of years the document states) to the deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Basis = Literal["year", "deadline", "span"]


def schedule_share(end_month: int) -> float:
    """序时进度: by the end of month m, m/12 of a yearly amount is due (Q3 → 0.75)."""
    if not 1 <= end_month <= 12:
        raise ValueError(f"end month must be 1..12, not {end_month}")
    return end_month / 12


@dataclass(frozen=True)
class Schedule:
    """What is due of a task by the end of a period, and which schedule says so."""

    share: float  # 0..1
    basis: Basis
    words: str  # the schedule as an explanation names it ("按完成时限6月底前")


# 建设起止年限 "2023.01-2024.12", "2023年1月—2024年12月", "2023-2024年".
_SPAN = re.compile(
    r"(?P<y1>20\d{2})(?:\s*[.．/年-]\s*(?P<m1>\d{1,2})月?)?\s*[-—–~～至到]\s*"
    r"(?P<y2>20\d{2})(?:\s*[.．/年-]\s*(?P<m2>\d{1,2})月?)?"
)


def span_of(text: str | None) -> tuple[int, int, int, int] | None:
    """(first year, first month, last year, last month) of a span of years, else None."""
    if not text:
        return None
    m = _SPAN.search(text)
    if m is None:
        return None
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    m1, m2 = int(m.group("m1") or 1), int(m.group("m2") or 12)
    if y2 < y1 or not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) >= (y2, m2):
        return None
    return y1, m1, y2, m2


def due_share(
    end_month: int,
    *,
    year: int | None = None,
    due_year: int | None = None,
    due_month: int | None = None,
    span: tuple[int, int, int, int] | None = None,
) -> Schedule:
    """The share of a task due by the end of `end_month` of `year`.

    `due_year`/`due_month` are the task's own deadline (6月底前 → month 6); `span` a span of
    years (建设起止年限) the task is built over, when the plan states no target of its own year.
    """
    yearly = schedule_share(end_month)
    if span is not None and year is not None:
        y1, m1, y2, m2 = span
        total = (y2 - y1) * 12 + (m2 - m1 + 1)
        done = (year - y1) * 12 + end_month - m1 + 1
        share = min(1.0, max(0.0, done / total))
        return Schedule(share, "span", f"按建设起止年限{y1}年{m1}月至{y2}年{m2}月直线计")
    if due_month is None or not 1 <= due_month <= 12:
        return Schedule(yearly, "year", "按全年12个月计")
    months_after = 0 if due_year is None or year is None else (due_year - year) * 12
    deadline = months_after + due_month  # months from the start of the year to the deadline
    when = f"{due_year}年{due_month}月" if due_year and due_year != year else f"{due_month}月底前"
    if deadline <= 0 or end_month >= deadline:
        return Schedule(1.0, "deadline", f"按完成时限{when}，应全部完成")
    if deadline == 12:
        return Schedule(yearly, "year", "按全年12个月计")
    return Schedule(end_month / deadline, "deadline", f"按完成时限{when}直线计")


# "6月底前完成", "2024年9月底前建成" in a target with no deadline column.
_DEADLINE_IN_TEXT = re.compile(r"(?:(?P<y>20\d{2})年)?(?P<m>1[0-2]|[1-9])月(?:底|末)?前")
# The plan states the year's own target of a multi-year task: that governs, not the span.
_YEAR_TARGET = re.compile(r"20\d{2}年(?:度)?(?:计划|目标|任务)|年度(?:计划|目标|任务)|今年|本年度?")


def task_schedule(
    target: str,
    end_month: int,
    *,
    year: int | None = None,
    deadline: str | None = None,
    due_year: int | None = None,
    due_month: int | None = None,
) -> Schedule:
    """A task's schedule at the end of `end_month`: its span of years (建设起止年限) unless the
    target states the year's own; else its deadline (the model's due year and month, else one
    the target writes, "6月底前"); else m/12."""
    span = None if _YEAR_TARGET.search(target) else span_of(deadline)
    if span is None and due_month is None:
        found = list(_DEADLINE_IN_TEXT.finditer(target))
        if found:
            last = found[-1]
            due_month = int(last.group("m"))
            due_year = int(last.group("y")) if last.group("y") else None
    return due_share(end_month, year=year, due_year=due_year, due_month=due_month, span=span)
