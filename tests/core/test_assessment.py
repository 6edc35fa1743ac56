"""The scoring rule of 考核: points per verdict and report, the bonus, ranks shared on a tie."""

from duban.core.assessment import (
    UnitScore,
    missing_point,
    rank_changes,
    ranked,
    report_points,
    rules,
)


def test_a_late_vague_report_costs_both_and_an_exceeded_target_earns_the_bonus():
    r = rules()
    points = report_points(
        r, "区发改局", 3, "/reports/1/", late=True, flags=[("vague", None)], completions=[None, 1.2]
    )
    assert [(p.kind, p.points, p.reason) for p in points] == [
        ("late", -3, "逾期报送"),
        ("vague", -5, "报告无实质内容"),
        ("exceeded", 2, "超额完成目标"),
    ]


def test_another_units_vague_flag_and_a_target_just_met_count_nothing():
    points = report_points(
        rules(), "区发改局", 3, "/r/", late=False, flags=[("vague", "区财政局")], completions=[1.0]
    )
    assert points == []


def test_without_a_judgement_only_lateness_counts():
    assert [p.kind for p in report_points(rules(), "甲", 1, "/r/", late=True, flags=None)] == [
        "late"
    ]


def test_the_office_overrides_a_rule_and_equal_scores_share_a_rank():
    r = rules({"missing": -20})
    a, b, c = UnitScore("乙", 2, 0), UnitScore("甲", 1, 0), UnitScore("丙", 3, 0)
    c.points.append(missing_point(r, 7, "/tasks/7/"))
    out = ranked([a, b, c], r)
    assert [(s.unit_name, s.score, s.rank) for s in out] == [
        ("乙", 100, 1),
        ("甲", 100, 1),
        ("丙", 80, 3),
    ]
    rank_changes(out, {1: 3, 3: 1})
    assert [s.change for s in out] == [None, 2, -2]
