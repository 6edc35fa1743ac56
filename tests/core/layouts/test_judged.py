"""Tables read from other layouts are judged by the same rules, at the document's own month.

A bare "已完成。", a share opening the progress cell, a 完成率 for a short metric and a stated share
under 100% beside words of completion are read as a person would.
"""

from __future__ import annotations

import pytest

from duban.core.importers.layouts.detect import parse_any_text
from duban.core.judgement import judge_plan, judgement_to_dict
from tests.core.layouts.reading import read


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


def test_a_decomposition_plan_is_said_to_have_nothing_to_judge():
    data = judgement_to_dict(judge_plan(read("list-county-2024-decomposition.txt")))
    assert data["kind"] == "decomposition"
    assert "任务分解方案" in data["notice"] and "任务分解方案" in data["period"]["label"]
    assert data["period"]["end_month"] == 12
    assert [t["judged"] for t in data["tasks"]] == [False, False, False]
    for t in data["tasks"]:
        # The keys of issue 5 item 7 stay, with values a consumer already knows.
        assert set(t) >= {"seq", "verdict", "explanation", "indicators", "flags"}
        assert t["verdict"] == "in_progress" and t["flags"] == []
        assert "不作研判" in t["explanation"] and "未报送" not in t["explanation"]
    assert [(i["metric"], i["value"]) for i in data["tasks"][0]["indicators"]] == [
        ("地区生产总值", 6.5)
    ]


def test_the_cli_says_once_on_stderr_that_a_decomposition_plan_is_not_judged():
    from click.testing import CliRunner

    from duban.cli import main
    from tests.core.layouts.reading import FIXTURES

    result = CliRunner().invoke(
        main, ["judge", str(FIXTURES / "list-county-2024-decomposition.txt")]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.count("任务分解方案") == 1
    assert "不作研判" in result.stdout and "推进中" not in result.stdout


def test_a_progress_table_is_judged_as_before():
    data = judgement_to_dict(judge_plan(read("cells-county-2024-june.txt")))
    assert (data["kind"], data["notice"]) == ("progress", "")
    assert all(t["judged"] for t in data["tasks"])


def test_a_project_tables_metric_is_what_is_measured_and_the_project_is_kept():
    data = judgement_to_dict(judge_plan(read("cells-city-2023-q3-projects.txt")))
    rows = [(i["project"], i["metric"]) for t in data["tasks"] for i in t["indicators"]]
    assert rows[0] == ("城区学校扩容工程", "新建小学")
    assert ("老年助餐点建设", "新建老年助餐点") in rows
    assert not any("：" in metric for _, metric in rows)


@pytest.mark.parametrize(
    ("name", "seq", "verdict"),
    [
        ("pipe-cells-county-2024-april.txt", 3, "on_schedule"),  # 完成28公里 of 80, April
        ("pipe-rows-county-2023-livelihood.txt", 2, "behind"),  # 已建成3所 of 5, Q3
        ("tabs-district-2024-q1.txt", 1, "on_schedule"),  # 1-3月增长7.4% against 7%
        ("tabs-district-2024-q1.txt", 3, "on_schedule"),  # 新增1120人 of 4000, Q1
    ],
)
def test_a_bare_figure_in_a_progress_cell_is_judged(name, seq, verdict):
    assert _verdicts(read(name))[seq] == verdict
