"""Each report-quality flag (issue 5 item 5), from real phrases of the example."""

from __future__ import annotations

from dataclasses import replace

from duban.core.judgement import judge_plan

from .plans import plan, report, task, unit

TASK_98 = "推进双拥共建，加强国防动员、人民防空、民兵预备役工作，促进军民融合发展。"


def flags(p, seq=1, kind=None):
    found = judge_plan(p).task(seq).flags
    return [f for f in found if kind is None or f.kind == kind]


def test_a_report_of_generic_phrases_only_is_vague():
    p = plan(
        task(
            98,
            TASK_98,
            report(
                "各项工作积极开展，落实有力，双拥共建水平不断提升，军民融合发展进一步深化。",
                "区人武部",
            ),
            report(
                "开展“七一”“八一”走访慰问及立功送喜报活动，发放慰问金50余万元。", "区退役军人事务局"
            ),
            units=(unit("区人武部"), unit("区退役军人事务局", "co")),
        )
    )
    (vague,) = flags(p, 98, "vague")
    assert vague.unit == "区人武部"


def test_a_report_naming_what_was_done_is_not_vague():
    p = plan(
        task(
            1,
            "规范小区物业管理。",
            report("已草拟国有企业三项制度改革指导意见，待讨论征求意见后印发。"),
        )
    )
    assert flags(p, kind="vague") == []


def test_the_same_passage_in_two_tasks_is_reused():
    passage = (
        "智博智能科技孵化基地项目，3座厂房已正式交付使用；年产1万吨锂电石墨烯导电、电热浆料项目"
        "已申报成为山东省新旧动能转换优选项目，入驻3号厂房，在峄分公司注册完毕，厂房装修正在进行。"
    )
    p = plan(
        task(
            12,
            "扎实开展“大项目突破年”活动。",
            report(passage, "阴平镇"),
            units=("区发改局", "各相关镇街"),
        ),
        task(
            18,
            "发挥汉芯半导体产业园集聚效应。",
            report(passage, "区大数据局"),
            units=("区大数据局",),
        ),
    )
    (twelve,) = flags(p, 12, "reused")
    (eighteen,) = flags(p, 18, "reused")
    assert "第18项" in twelve.reason and "第12项" in eighteen.reason
    assert twelve.unit == "阴平镇"


def test_a_responsible_unit_without_a_report_is_missing():
    p = plan(
        task(
            87,
            "深入开展安全生产专项整治三年行动。",
            report("开展安全生产大排查大整治。", "区应急管理局"),
            units=(unit("区应急管理局"), unit("区交通运输局", "co"), unit("各镇（街）", "co")),
        )
    )
    missing = flags(p, 87, "missing_report")
    assert [f.unit for f in missing] == ["区交通运输局"]  # a group's towns answer as they can


def test_a_task_without_any_report_names_its_lead_unit():
    p = plan(
        task(5, "推动外贸进出口稳中提质。", units=("区商务和投资促进局",)),
        task(54, "建成公共充电桩50个。", report("全区已建成50个公共充电桩。"), units=("区发改局",)),
    )
    (missing,) = flags(p, 5, "missing_report")
    assert missing.unit == "区商务和投资促进局"


def test_a_reporter_outside_the_responsible_units_is_unlisted_but_a_groups_member_is_not():
    p = plan(
        task(
            17,
            "清理置换低效用地企业，盘活存量土地。",
            report("清理置换企业6家，盘活土地120余亩。", "开发区管委会"),
            report("化解开发区3块批而未供土地。", "坛山街道"),
            report("配合做好土地使用税征收。", "区税务局"),
            units=(unit("开发区管委会"), unit("各相关镇街", "co")),
        )
    )
    assert [f.unit for f in flags(p, 17, "unlisted_reporter")] == ["区税务局"]


def test_a_figure_from_an_earlier_period_is_stale():
    p = plan(
        task(
            6,
            "技改投资增幅达到20%左右。",
            report("1-8月份，工业技改投资增幅22.2%。"),
            units=("区工信局",),
        )
    )
    (stale,) = flags(p, 6, "stale")
    assert "1-8月份" in stale.reason


def test_an_estimate_used_as_an_actual_is_flagged():
    p = plan(
        task(
            2,
            "一般公共预算收入增长5%。",
            report("1-9月，一般公共预算收入完成91189万元，增长8.51%。", "区财政局"),
            report("预计财政收入完成4100万元，占年初预算7776万元的48%，同比下降31%。", "吴林街道"),
            units=(unit("区财政局"), unit("各镇（街）", "co")),
        )
    )
    (estimate,) = flags(p, 2, "estimate")
    assert estimate.unit == "吴林街道"
    assert "预计财政收入完成4100万元" in estimate.reason


def test_a_town_figure_above_the_district_total_is_inconsistent():
    p = plan(
        task(
            53,
            "新增管道天然气用户4900户。",
            report("已增加天然气用户3720户。", "区住建局"),
            report("已增加天然气用户4100户。", "坛山街道"),
            units=(unit("区住建局"), unit("各镇（街）", "co")),
        )
    )
    (warning,) = flags(p, 53, "inconsistent")
    assert warning.unit == "坛山街道" and "统计口径" in warning.reason


def test_a_report_like_last_periods_is_unchanged():
    text = "11个老旧小区已全面开工建设，雨污分流、外墙粉刷、沥青路面改造完成，正在进行路灯施工。"
    now = plan(task(51, "加快推进11个老旧小区改造。", report(text, "区住建局")))
    before = replace(now, period=None)
    (same,) = judge_plan(now, previous=before).task(51).flags
    assert same.kind == "unchanged" and same.unit == "区住建局"
    changed = plan(
        task(51, "加快推进11个老旧小区改造。", report("雨污分流管网全部完工。", "区住建局"))
    )
    assert judge_plan(now, previous=changed).task(51).flags == ()


def test_a_plan_nobody_has_reported_on_yet_flags_no_missing_reports():
    p = plan(task(5, "推动外贸进出口稳中提质。", units=("区商务和投资促进局",)), period=None)
    (t,) = judge_plan(p).tasks
    assert (t.verdict, t.flags) == ("in_progress", ())


def test_a_part_that_cannot_go_on_is_blocked():
    # Task 81, 宇兴公司: the land papers of phase two cannot be done, so building stops.
    p = plan(
        task(
            81,
            "继续深耕石榴文旅融合，加快建设水木石田园综合体、榴宝庄园、卡尔斯小镇。",
            report(
                "榴宝庄园建设项目因二期土地手续无法办理，无法进行后续施工。"
                "配合区农高区实施省级现代农业产业园建设任务。",
                "宇兴公司",
            ),
            report("水木石田园综合体正在进行民宿区内部装修和外部景观打造。", "区文旅局"),
            units=("区文旅局", "宇兴公司"),
        )
    )
    (blocked,) = flags(p, 81, "blocked")
    assert "无法进行后续施工" in blocked.reason
    assert judge_plan(p).task(81).verdict == "in_progress"
