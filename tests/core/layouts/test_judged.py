"""Tables read from other layouts are judged by the same rules, at the document's own month.

A bare "已完成。", a share opening the progress cell, a 完成率 for a short metric and a stated share
under 100% beside words of completion are read as a person would.
"""

from __future__ import annotations

import pytest

from duban.core.importers.text_layouts import parse_any_text
from tests.core.layouts.reading import read

judgement = pytest.importorskip("duban.core.judgement")  # committed by issue 5
judge_plan, judgement_to_dict = judgement.judge_plan, judgement.judgement_to_dict


def _verdicts(plan) -> dict[int, str]:
    return {t["seq"]: t["verdict"] for t in judgement_to_dict(judge_plan(plan))["tasks"]}


def _one(progress: str, target: str = "新建改扩建幼儿园5所") -> str:
    plan = parse_any_text(
        "2024年第三季度民生实事推进情况\n"
        "序号 | 实事内容 | 责任单位 | 当前进度\n"
        f"1 | {target} | 县教体局 | {progress}\n",
        "one.txt",
    )
    return _verdicts(plan)[1]


def test_it_judges_against_the_schedule_of_the_documents_own_month():
    plan = read("cells-county-2024-june.txt")
    data = judgement_to_dict(judge_plan(plan))
    assert data["period"] == {"label": "截至6月20日", "end_month": 6}
    assert data["schedule_share"] == 0.5
    # 已开工24个，完成率80%: a share of the target against 序时 50%.
    assert _verdicts(plan)[2] == "on_schedule"


def test_it_judges_growth_figures_of_a_pipe_table():
    assert _verdicts(read("pipe-rows-city-2023-october.txt"))[3] == "behind"  # 6.2% < 8%


def test_it_judges_an_amount_of_a_project_table_at_the_third_quarter():
    assert _verdicts(read("cells-city-2023-q3-projects.txt"))[3] == "behind"  # 25/40 < 75%


def test_it_takes_a_plain_completion_statement():
    assert _one("已完成。") == "completed"


def test_it_takes_a_bare_share_in_a_progress_column():
    assert _one("80%(新区实验幼儿园进度滞后)") == "on_schedule"


def test_it_takes_a_completion_rate_for_a_short_metric():
    assert _one("完成改厕743户，完成率61.9%。", "农村改厕1200户") == "behind"


def test_it_does_not_call_a_task_completed_at_eighty_percent():
    assert _one("主体工程全部完工，完成年度目标的80%。") == "on_schedule"
