"""Days before a deadline, counted as calendar days or as working days (工作日) under an office's
calendar of public holidays (放假) and weekend days made working days (调休上班).

Which reminder is due on a day: N days before the deadline for each N the office set, on the
deadline day, and every day after it while reports are missing (only working days count, and
only on working days is anything sent, when the office counts working days).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Calendar:
    """Calendar days, or working days: Monday to Friday except `holidays`, plus `workdays`."""

    working_days: bool = False
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def counts(self, day: date) -> bool:
        """Whether the day counts (and whether notices go out on it)."""
        if not self.working_days:
            return True
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def days_until(self, today: date, deadline: date) -> int:
        """Counted days after today up to and including the deadline (0 on the deadline day;
        negative: counted days since the deadline)."""
        if today == deadline:
            return 0
        step = 1 if deadline > today else -1
        n, day = 0, today
        while day != deadline:
            day += timedelta(days=step)
            if self.counts(day):
                n += step
        return n


@dataclass(frozen=True)
class Due:
    """A reminder due today: kind is before, deadline or overdue; days its count of days."""

    kind: str
    days: int


def reminder_due(
    today: date,
    deadline: date,
    before: Iterable[int],
    calendar: Calendar,
    *,
    on_deadline: bool = True,
    overdue: bool = True,
) -> Due | None:
    if not calendar.counts(today):
        return None
    days = calendar.days_until(today, deadline)
    if days > 0:
        return Due("before", days) if days in set(before) else None
    if days == 0:
        return Due("deadline", 0) if on_deadline else None
    return Due("overdue", -days) if overdue else None


def parse_days(text: str) -> tuple[int, ...]:
    """'3, 1' → (3, 1); a clear ValueError in Chinese for anything else."""
    parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    try:
        days = tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(f"提前天数应为用逗号分隔的正整数，例如“3,1”，而不是“{text}”") from None
    if any(d <= 0 or d > 60 for d in days):
        raise ValueError(f"提前天数应在 1 至 60 之间：“{text}”")
    return tuple(sorted(set(days), reverse=True))


def calendar_from(working_days: bool, entries: Collection[tuple[date, bool]]) -> Calendar:
    """From (day, is_working) entries: False a holiday, True a weekend day worked (调休)."""
    return Calendar(
        working_days,
        frozenset(d for d, working in entries if not working),
        frozenset(d for d, working in entries if working),
    )
