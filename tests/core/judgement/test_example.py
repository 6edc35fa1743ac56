"""The judgement of the real example, read against its text (issue 5 acceptance)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from duban.cli import main
from duban.core.judgement import judge_plan, judgement_to_dict


@pytest.fixture(scope="module")
def judged(example_plan):
    return judge_plan(example_plan)


@pytest.mark.parametrize(
    ("seq", "verdict"),
    [
        (1, "behind"),  # 固定资产投资 1-8月 同比下降4.7% against 增长5%左右
        (2, "on_schedule"),  # 增长8.51% against 5%
        (6, "on_schedule"),  # 技改投资增幅22.2% against 20%左右 (1-8月份: stale)
        (11, "completed"),  # 58 重点项目 against 50个以上
        (26, "completed"),  # 本次事业单位改革任务已完成
        (39, "stalled"),  # 智能化电动工具项目 shelved, 芯恒基 finished
        (40, "completed"),  # 24 过亿元项目 against 20个以上
        (51, "on_schedule"),  # 改造已完成90%
        (53, "on_schedule"),  # 3720 of 4900 户 = 75.9% against 75%
        (54, "completed"),  # 50 of 50 充电桩
        (56, "on_schedule"),  # 12 处 done, 仙坛山公园 still under construction
        (91, "completed"),  # 3737 of 3500 人
        (15, "in_progress"),  # 转移支付 and 预算内资金 are not 政策性资金
        (67, "in_progress"),  # 推荐7家 is not 培育5家
        (98, "in_progress"),
    ],
)
def test_the_named_tasks_get_the_verdicts_the_text_supports(judged, seq, verdict):
    assert judged.task(seq).verdict == verdict


def test_task_1_judges_each_growth_target_on_the_lead_units_figure(judged):
    t = judged.task(1)
    rows = [
        (i.metric, i.verdict, i.actual.value, i.actual.scope, i.actual.reporter)
        for i in t.indicators
    ]
    assert rows == [
        ("地区生产总值", "on_schedule", 12.1, "上半年", "区发改局"),
        ("固定资产投资", "behind", -4.7, "1-8月", "区发改局"),
        ("城乡居民人均可支配收入", "on_schedule", 11.7, "上半年", "区发改局"),
    ]
    assert {f.kind for f in t.flags} >= {"stale", "estimate"}


def test_task_91_explains_itself_as_the_issue_says(judged):
    assert "目标3500人，1-9月完成3737人，完成106.8%，已完成" in judged.task(91).explanation


def test_every_quote_is_the_text_at_its_offsets(example_plan, judged):
    for t in judged.tasks:
        for i in t.indicators:
            if i.actual is not None:
                text = example_plan.task(t.seq).reports[i.actual.report_index].text
                assert text[i.actual.start : i.actual.end] == i.actual.quote


def test_it_never_calls_a_task_done_or_on_schedule_without_evidence(judged):
    done = [t for t in judged.tasks if t.verdict in ("completed", "on_schedule")]
    unquoted = {t.seq: t.explanation for t in done if not any(i.actual for i in t.indicators)}
    # The one task judged done without a figure quotes the report's own words of completion.
    assert unquoted == {26: "“本次事业单位改革任务已完成”，已完成"}


def test_tasks_12_and_18_share_a_passage(judged):
    assert any(f.kind == "reused" and "第18项" in f.reason for f in judged.task(12).flags)
    assert any(f.kind == "reused" and "第12项" in f.reason for f in judged.task(18).flags)


def test_task_98s_armed_forces_report_is_vague(judged):
    assert [(f.kind, f.unit) for f in judged.task(98).flags] == [("vague", "区人武部")]


def test_judge_json_has_the_shape_of_issue_5(example_path):
    result = CliRunner().invoke(main, ["judge", str(example_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["period"] == {"label": "第三季度", "end_month": 9}
    assert len(data["tasks"]) == 108
    verdicts = {"completed", "on_schedule", "behind", "stalled", "in_progress"}
    for t in data["tasks"]:
        assert set(t) >= {"seq", "verdict", "explanation", "indicators", "flags"}
        assert t["verdict"] in verdicts
        for i in t["indicators"]:
            assert i["kind"] in {"growth", "amount", "level"} and i["comparator"] in {">=", "~"}
            assert i["verdict"] in verdicts | {"unknown"}
            assert i["actual"] is None or set(i["actual"]) >= {
                "value",
                "unit",
                "scope",
                "reporter",
                "quote",
            }
        for f in t["flags"]:
            assert set(f) >= {"kind", "unit", "reason"}
    task53 = next(t for t in data["tasks"] if t["seq"] == 53)
    assert [(i["value"], i["unit"]) for i in task53["indicators"]] == [
        (4900, "户"),
        (50, "万平方米"),
    ]


def test_judgement_to_dict_is_plain_json(judged):
    assert json.loads(json.dumps(judgement_to_dict(judged), ensure_ascii=False))["tasks"]
