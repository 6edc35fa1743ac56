"""One unit's report: its tasks, its own texts, verdicts and the flags about it."""

from __future__ import annotations

import io

import pytest
from docx import Document

from duban.core.errors import DubanError
from duban.core.render.unit_report_docx import unit_report_docx, unit_tasks
from tests.core.render.judgements import VAGUE_98, example_judgement


def test_it_lists_the_units_tasks_with_its_role(example_plan):
    roles = [(t.seq, role) for t, role in unit_tasks(example_plan, "区人武部")]
    assert roles == [(98, "牵头")]
    assert (1, "牵头") in [(t.seq, r) for t, r in unit_tasks(example_plan, "区发改局")]


def test_it_shows_the_units_text_verdict_and_flags(example_plan):
    data = unit_report_docx(example_plan, "区人武部", example_judgement(example_plan))
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert texts[0] == "区人武部2021年《政府工作报告》任务目标第三季度落实情况"
    assert texts[1].startswith("区人武部承担任务1项，其中牵头1项；已报送进展情况1项")
    assert texts[2].startswith("第98项（牵头）推进双拥共建")
    assert "研判：推进中" in texts
    assert "各项工作积极开展，落实有力，双拥共建水平不断提升，军民融合发展进一步深化。" in texts
    assert f"提示：内容空泛。{VAGUE_98}" in texts
    # another unit's text on the same task stays out of this unit's report
    assert not any(t.startswith("完成“918”防空警报试鸣") for t in texts)


def test_it_refuses_a_unit_the_plan_does_not_name(example_plan):
    with pytest.raises(DubanError, match="区不存在局"):
        unit_report_docx(example_plan, "区不存在局")
