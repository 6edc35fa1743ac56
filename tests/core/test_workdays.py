"""Reminders by calendar days or working days (工作日), with holidays and 调休 workdays."""

from __future__ import annotations

from datetime import date

import pytest

from duban.core.workdays import Calendar, Due, calendar_from, parse_days, reminder_due

# 2026: National Day week off 1-7 October (Thu-Wed), Saturday 10 October worked (调休).
NATIONAL_DAY = calendar_from(
    True, [*((date(2026, 10, d), False) for d in range(1, 8)), (date(2026, 10, 10), True)]
)


def test_it_counts_calendar_days_by_default():
    deadline = date(2026, 3, 13)
    due = [reminder_due(date(2026, 3, d), deadline, (3, 1), Calendar()) for d in range(9, 16)]
    assert due == [
        None,
        Due("before", 3),
        None,
        Due("before", 1),
        Due("deadline", 0),
        Due("overdue", 1),
        Due("overdue", 2),
    ]


def test_it_counts_working_days_across_a_weekend():
    deadline = date(2026, 3, 16)  # a Monday
    cal = Calendar(working_days=True)
    assert reminder_due(date(2026, 3, 13), deadline, (1,), cal) == Due("before", 1)  # Friday
    assert reminder_due(date(2026, 3, 14), deadline, (1,), cal) is None  # Saturday: nothing sent
    assert reminder_due(date(2026, 3, 11), deadline, (3,), cal) == Due("before", 3)


def test_it_skips_holidays_and_counts_a_worked_saturday():
    deadline = date(2026, 10, 12)  # Monday after the holiday week
    assert NATIONAL_DAY.days_until(date(2026, 9, 30), deadline) == 4  # 8, 9, 10 (调休), 12
    assert reminder_due(date(2026, 10, 8), deadline, (3,), NATIONAL_DAY) == Due("before", 3)
    assert reminder_due(date(2026, 10, 2), deadline, (3, 2, 1), NATIONAL_DAY) is None
    assert reminder_due(date(2026, 10, 10), deadline, (1,), NATIONAL_DAY) == Due("before", 1)


def test_overdue_reminders_stop_when_the_office_says_so():
    assert (
        reminder_due(date(2026, 3, 20), date(2026, 3, 13), (1,), Calendar(), overdue=False) is None
    )
    assert (
        reminder_due(date(2026, 3, 13), date(2026, 3, 13), (1,), Calendar(), on_deadline=False)
        is None
    )


@pytest.mark.parametrize(
    "text, days", [("3,1", (3, 1)), ("1， 3、5", (5, 3, 1)), ("", ()), ("2,2", (2,))]
)
def test_it_reads_the_days_the_office_set(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["三天", "0", "-1", "3;1", "99"])
def test_it_refuses_days_it_cannot_read_with_a_sentence(text):
    with pytest.raises(ValueError, match="提前天数"):
        parse_days(text)
