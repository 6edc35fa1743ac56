"""Text forms the genre publishes: a narrative bulletin (N.目标。（牵头单位：X；区级牵头单位：Y）
then 完成情况：…, or both in one paragraph), and rows set apart by spaces whose empty cells
vanish (each value placed by its kind)."""

from __future__ import annotations

from duban.core.model import Figure
from tests.core.tables.reading import as_read, messages, read


def test_a_bulletin_gives_targets_units_and_progress_in_one_or_two_paragraphs():
    plan = read("bulletin-narrative.txt")
    assert [
        (t.seq, t.target, [(u.name, u.role) for u in t.units], [r.text for r in t.reports])
        for t in plan.tasks
    ] == [
        (1, "新培育规模以上工业企业15家。", [("区工信局", "lead"), ("区发改局", "lead")],
         ["上半年新培育规上工业企业7家，完成全年目标的46.7%，另有4家已进入入库审核。"]),
        (2, "推进新能源装备产业园建设，年内完成投资20亿元。",
         [("区发改局", "lead"), ("区自然资源局", "co"), ("区住建局", "co")],
         ["完成投资9.8亿元，完成率49%；一期厂房主体封顶。"]),
        (3, "新增婴幼儿托位300个。", [("区卫健局", "lead")],
         ["新增托位160个，完成率53.3%，2家托育机构正在装修。"]),
        (4, "完成既有住宅加装电梯30台。", [("区住建局", "lead"), ("各镇（街）", "co")],
         ["已竣工投用12台，在建9台。"]),
    ]  # fmt: skip
    assert [s.title for s in plan.sections] == ["一、产业发展", "二、民生保障"]
    assert (plan.period.label, plan.period.end_month, plan.district) == ("上半年", 6, "云溪区")
    assert messages(plan) == []


def test_rows_set_apart_by_spaces_place_each_value_by_its_kind():
    plan = read("spaced-rows.txt")
    assert [(t.target, [u.name for u in t.units], t.deadline) for t in plan.tasks] == [
        ("城区供水管网改造30公里", ["县水利局"], "2024年10月"),
        ("新建污水处理厂1座", ["县住建局"], "2024年12月"),
        ("老旧小区改造12个", ["县住建局"], "2024年11月"),
        ("新建城乡公交候车亭60座", ["县交通运输局"], "2024年9月"),
    ]
    assert plan.task(3).figures == (Figure("target", 12.0, "个", "年度目标", "12"),)
    assert plan.task(2).figures == (
        Figure("target", 1.0, "座", "年度目标", "1"),
        Figure("actual", 0.25, "座", "完成值", "0.25"),
        Figure("share", 25.0, "%", "完成率", "25%"),
    )
    assert (plan.period.label, plan.period.kind) == ("一季度", "quarter")
    assert messages(plan) == []


def test_a_table_with_every_cell_on_a_line_of_its_own_is_read_by_its_header():
    plan = read("line-cells.txt")
    assert as_read(plan) == [
        ("1", "全区地区生产总值增长7%左右", [("区发改局", "lead"), ("区统计局", "co")],
         [(None, "一季度地区生产总值同比增长6.8%。其中第三产业增长7.5%。")]),
        ("2", "新增城镇就业4500人", [("区人社局", "lead"), ("各街道", "co")],
         [(None, "1-3月新增城镇就业1180人，完成年度目标的26.2%。")]),
        # the empty 配合单位 cell left no line: the progress is not taken for a unit
        ("3", "完成棚户区改造800户", [("区住建局", "lead")],
         [(None, "已完成征收签约520户，其中拆除310户。下一步将加快安置房建设。")]),
        ("4", "新建5G基站300个",
         [("区工信局", "lead"), ("区通信发展办", "co"), ("区大数据中心", "co")],
         [(None, "已建成5G基站60个。")]),
    ]  # fmt: skip
    assert (plan.period.label, plan.period.end_month, plan.year) == ("第一季度", 3, 2024)
    assert messages(plan) == []
