"""序时进度: by the end of month m, m/12 of a yearly amount is due, unless the task has its own
deadline or span of years."""

import pytest

from duban.core.schedule import due_share, schedule_share, span_of, task_schedule


@pytest.mark.parametrize(
    ("month", "share"), [(3, 0.25), (6, 0.5), (9, 0.75), (12, 1.0), (10, 10 / 12)]
)
def test_it_is_m_twelfths_of_the_year(month, share):
    assert schedule_share(month) == pytest.approx(share)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_it_refuses_a_month_outside_the_year(month):
    with pytest.raises(ValueError, match=r"1\.\.12"):
        schedule_share(month)


# A task's own deadline, span of years, or the year's twelfths (issue 17 item 4).


def test_without_a_deadline_it_is_the_years_twelfths():
    s = due_share(9, year=2024)
    assert (s.share, s.basis) == (0.75, "year")


def test_a_task_due_in_june_is_due_in_full_from_june_on():
    s = due_share(9, year=2024, due_month=6)
    assert (s.share, s.basis) == (1.0, "deadline")
    assert "6月底前" in s.words


def test_before_its_deadline_it_is_the_straight_line_to_it():
    assert due_share(4, year=2024, due_month=8).share == pytest.approx(0.5)
    assert due_share(3, year=2024, due_month=6).share == pytest.approx(0.5)


def test_a_deadline_of_a_later_year_runs_from_the_start_of_this_year():
    # 2025年6月 judged at the end of September 2024: 9 of 18 months.
    s = due_share(9, year=2024, due_year=2025, due_month=6)
    assert s.share == pytest.approx(0.5)
    assert "2025年6月" in s.words


def test_a_deadline_of_an_earlier_year_is_overdue():
    assert due_share(3, year=2024, due_year=2023, due_month=10).share == 1.0


def test_a_span_of_years_is_one_straight_line():
    span = span_of("2023.01-2024.12")
    assert span == (2023, 1, 2024, 12)
    s = due_share(6, year=2023, span=span)
    assert (s.share, s.basis) == (pytest.approx(6 / 24), "span")
    assert due_share(6, year=2024, span=span).share == pytest.approx(18 / 24)


def test_the_years_own_target_governs_over_the_span():
    kept = task_schedule("2023年度计划完成投资2亿元", 6, year=2023, deadline="2023.01-2024.12")
    assert kept.basis != "span"
    spanned = task_schedule("建设污水管网12公里", 6, year=2023, deadline="2023.01-2024.12")
    assert spanned.basis == "span"


def test_a_deadline_the_target_writes_counts_when_no_column_says_one():
    s = task_schedule("6月底前完成老旧小区改造方案编制", 9, year=2024)
    assert (s.share, s.basis) == (1.0, "deadline")
    assert task_schedule("完成老旧小区改造12个", 9, year=2024).basis == "year"


@pytest.mark.parametrize("text", ["2024.12-2023.01", "长期坚持", "", None])
def test_what_is_no_span_is_none(text):
    assert span_of(text) is None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2023-2024年", (2023, 1, 2024, 12)),
        ("2023年3月—2025年6月", (2023, 3, 2025, 6)),
        ("2022.07至2023.06", (2022, 7, 2023, 6)),
    ],
)
def test_spans_are_read_as_offices_write_them(text, span):
    assert span_of(text) == span
