"""The number grammar, on phrases of the 2021 Q3 example."""

from __future__ import annotations

import pytest

from duban.core.indicators.quantities import find_quantities


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "base"),
    [
        ("一般公共预算收入完成91189万元", 91189, "万元", 911_890_000),
        ("阴平镇完成一般公共预算收入1.31亿元", 1.31, "亿元", 131_000_000),
        ("集中供热面积50万平方米", 50, "万平方米", 500_000),
        ("总投资1.48亿美元的芯恒基电子信息产业园项目", 1.48, "亿美元", 148_000_000),
        ("新增管道天然气用户4900户", 4900, "户", 4900),
        ("累计组织区级税收收入65,453万元", 65453, "万元", 654_530_000),
    ],
)
def test_it_reads_magnitudes_and_units_as_written(text, value, unit, base):
    q = one(text)
    assert (q.value, q.unit) == (value, unit)
    assert q.base == pytest.approx(base)


def test_it_reads_chinese_numerals_only_inside_a_quantity():
    assert one("培育三十家企业").value == 30
    assert one("两千三百五十万元").base == pytest.approx(23_500_000)
    # cn2an over the whole text would read 一般 as 1般; the grammar never sees a number there.
    assert find_quantities("一般公共预算收入增长") == []
    assert find_quantities("推行一户一档，进一步深化") == []


def test_it_reads_percent_and_percentage_points_apart():
    pct, points = find_quantities("占预算的86.83%，超时间进度11.8个百分点")
    assert (pct.value, pct.unit) == (86.83, "%")
    assert (points.value, points.unit) == (11.8, "个百分点")


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("地区生产总值增长6%以上", ">="),
        ("固定资产投资增长5%左右", "~"),
        ("争取实现政策性资金突破5亿元", ">="),
        ("推动全区高新技术企业达到16家以上", ">="),
        ("城镇新增就业3500人", ">="),
        ("争取到中央、省预算内资金近3000万元", "~"),
    ],
)
def test_it_reads_the_comparator(text, comparator):
    assert one(text).comparator == comparator


def test_it_keeps_the_whole_span_of_a_range_and_its_prefix():
    q = one("技改投资增幅达到20%左右")
    assert q.text == "达到20%左右"
    r = one("单体投资20-30万元")
    assert (r.value, r.text) == (30, "20-30万元")


def test_it_does_not_read_months_ranks_or_codes_as_quantities():
    assert find_quantities("1-9月，上半年，1-8月份") == []
    assert find_quantities("规模全市排名第5位") == []
    assert find_quantities("规划布局5G站点") == []


def test_its_offsets_point_into_the_text():
    text = "已增加天然气用户3720户，供热工程已完成。"
    q = one(text)
    assert text[q.start : q.end] == "3720户"


def test_it_reads_approximate_amounts_written_with_yu():
    found = find_quantities("集团承担2567万元，共计3700余万元")
    assert [(q.value, q.unit) for q in found] == [(2567, "万元"), (3700, "万元")]


def test_numbers_split_over_the_pdfs_lines_read_whole_after_import(example_plan):
    # The text has "一般公共预算收入 1.31" and "亿元，…" on two lines; the importer joins them.
    yinping = next(r for r in example_plan.task(2).reports if r.unit == "阴平镇")
    assert [(q.value, q.unit) for q in find_quantities(yinping.text)][:1] == [(1.31, "亿元")]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [("签约8个，完成率40%", "8个"), ("累计签约项目6个", "6个"), ("节约用水12吨", "12吨")],
)
def test_a_word_ending_in_yue_is_no_about(text, quoted):
    # 签约8个 is eight signed, not "about 8" (约 ends the word 签约).
    q = find_quantities(text)[0]
    assert (q.text, q.comparator) == (quoted, ">=")
    assert one("投资约5亿元").comparator == "~"
