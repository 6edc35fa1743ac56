"""A projects table of a progress report: investment figures by column and a lone 形象进度 column,
which is the state of the work now (the report), not a plan for the year."""

from __future__ import annotations

from openpyxl import Workbook

from duban.core.importers import read_plan
from duban.core.model import Figure


def _projects(path, milestone_header="形象进度", with_actual=True):
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年县级重点项目推进情况表（截至9月底）"])
    header = ["序号", "项目名称", "建设内容", "年度计划投资（万元）"]
    header += ["1-9月完成投资（万元）"] if with_actual else []
    ws.append([*header, milestone_header, "责任单位"])
    rows = [
        (1, "北湖净水厂", "新建日供水3万吨水厂", 9000, 7100, "主体完工，设备安装中", "县水利局"),
        (2, "第二实验小学", "新建校舍2.1万平方米", 6000, 2500, "主体施工至4层", "县教体局"),
    ]
    for seq, name, what, plan, done, state, unit in rows:
        ws.append([seq, name, what, plan, *([done] if with_actual else []), state, unit])
    out = path / "projects.xlsx"
    wb.save(out)
    return out


def test_the_state_of_work_beside_actual_figures_is_the_report(tmp_path):
    plan = read_plan(_projects(tmp_path))
    assert [[r.text for r in t.reports] for t in plan.tasks] == [
        ["主体完工，设备安装中"],
        ["主体施工至4层"],
    ]
    assert plan.task(1).figures[1] == Figure(
        "actual", 7100.0, "万元", "1-9月完成投资（万元）", "7100", plan.task(1).figures[1].period
    )
    assert [c.meaning for c in plan.columns][-2:] == ["progress", "units"]


def test_a_plan_of_projects_keeps_its_形象进度_as_the_years_milestone(tmp_path):
    # no actual figure: a plan of what each project should look like, not a report
    plan = read_plan(_projects(tmp_path, milestone_header="形象进度", with_actual=False))
    assert all(not t.reports for t in plan.tasks)
    assert [c.meaning for c in plan.columns][-2:] == ["milestone", "units"]
