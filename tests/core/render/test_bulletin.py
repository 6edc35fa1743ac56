"""The supervision bulletin (督查通报): the facts it states, in the order offices write them."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from duban.core.render.bulletin_data import (
    BulletinInfo,
    fill,
    load_template,
    missing_units,
    ordinal,
    verdict_counts,
)
from duban.core.render.bulletin_docx import bulletin_docx
from tests.core.render.judgements import BEHIND_1, STALLED_39, VAGUE_98, example_judgement

INFO = BulletinInfo(issue_no=8, issued=date(2021, 10, 20))


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.fixture(scope="module")
def judged(example_plan):
    return _paragraphs(bulletin_docx(example_plan, example_judgement(example_plan), INFO))


def test_it_opens_with_the_masthead_title_and_addressees(judged):
    assert judged[:4] == [
        "峄城区政务督查",
        "第8期",
        "峄城区政府督查室\t2021年10月20日",
        "关于2021年《政府工作报告》任务目标第三季度落实情况的通报",
    ]
    assert judged[4].startswith("各镇人民政府、街道办事处")
    assert "峄城区政府督查室对108项任务目标第三季度落实情况逐项进行了调度汇总" in judged[5]


def test_it_counts_every_verdict_with_its_percentage(judged):
    overall = judged[judged.index("一、总体情况") + 1]
    assert "108项任务中，已完成1项，占0.9%；达序时进度1项，占0.9%；" in overall
    assert "滞后1项，占0.9%；停滞1项，占0.9%；推进中104项，占96.3%。" in overall


def test_it_names_each_behind_or_stalled_task_with_its_lead_and_figure(judged):
    assert "（一）未达到序时进度的任务（1项）" in judged
    assert (
        "第1项“地区生产总值增长6%以上，固定资产投资增长5%左右，城乡居民人均可支配收入增长6%左右”"
        f"（牵头单位：区发改局）。{BEHIND_1}。"
    ) in judged
    assert "（二）停滞的任务（1项）" in judged
    stalled = next(p for p in judged if p.startswith("第39项"))
    assert "（牵头单位：区商务和投资促进局）" in stalled and STALLED_39 in stalled


def test_it_names_units_that_did_not_report_and_weak_reports(judged):
    assert "（三）未按要求报送的单位" in judged
    missing = next(p for p in judged if p.startswith("以下单位对承担的任务未报送进展情况"))
    assert "区财政局（第44项）" in missing
    assert f"第98项，区人武部报送的进展情况内容空泛：{VAGUE_98}。" in judged


def test_it_lists_requirements_from_the_template_as_yi_shi_er_shi(judged):
    start = judged.index("三、下一步工作要求")
    assert judged[start + 1].startswith("一是锚定目标不放松")
    assert judged[start + 2].startswith("二是查找原因抓整改")


def test_it_attaches_the_whole_table(example_plan):
    doc = Document(io.BytesIO(bulletin_docx(example_plan, example_judgement(example_plan), INFO)))
    assert len(doc.tables) == 9
    assert sum(len(t.rows) - 1 for t in doc.tables) == 108
    texts = [p.text for p in doc.paragraphs]
    assert "附件" in texts and "附件：2021年《政府工作报告》任务目标第三季度落实情况表" in texts


def test_it_counts_a_task_without_reports_as_not_reported_never_as_no_progress(example_plan):
    section = example_plan.sections[0]
    silent = replace(section.tasks[1], reports=())
    plan = replace(example_plan, sections=(replace(section, tasks=(section.tasks[0], silent)),))
    counts = verdict_counts(plan, example_judgement(plan))
    assert counts["not_reported"] == 1 and counts["on_schedule"] == 0
    assert missing_units(plan) == {"区财政局": [2], "区税务局": [2]}


def test_it_says_only_reported_or_not_without_a_judgement(example_plan):
    texts = _paragraphs(bulletin_docx(example_plan, None, INFO))
    overall = texts[texts.index("一、总体情况") + 1]
    assert "108项任务中，已报送进展情况108项，占100.0%；未报送0项，占0.0%。" in overall
    assert not any("未达到序时进度的任务" in t for t in texts)


def test_it_fills_only_plain_placeholders():
    assert fill("{year}年{period}", {"year": "2021", "period": "第三季度"}) == "2021年第三季度"
    assert fill("{year.__class__}{unknown}", {"year": "2021"}) == "{year.__class__}{unknown}"


def test_it_reads_an_office_template(tmp_path):
    path = tmp_path / "ours.toml"
    path.write_text(
        'series = "某某督查"\ntitle = "t"\naddressees = "a"\nbasis = "b"\n'
        'requirements = ["甲。", "乙。"]\n',
        encoding="utf-8",
    )
    words = load_template(path)
    assert words.series == "某某督查" and words.requirements == ("甲。", "乙。")
    assert [ordinal(i) for i in (1, 2, 10, 11, 20, 23)] == [
        "一",
        "二",
        "十",
        "十一",
        "二十",
        "二十三",
    ]


def test_it_names_the_template_and_the_missing_key(tmp_path):
    from duban.core.errors import InputError

    path = tmp_path / "ours.toml"
    path.write_text('series = "某某督查"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"ours\.toml: 通报模板缺少 title"):
        load_template(path)
    path.write_text("series = \n", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 TOML"):
        load_template(path)
