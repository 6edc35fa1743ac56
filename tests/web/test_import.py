"""`duban import`: one transaction, idempotent, a later period adds reports to the same tasks."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from duban.core.model import Period as CorePeriod
from tests.web.conftest import small_plan


@pytest.fixture
def example_in_db(db, example_plan):
    from duban.web.plans.services import plan_import

    return plan_import(example_plan, source="example")


def test_it_loads_all_sections_tasks_and_reports_of_the_example(example_in_db, example_plan):
    from duban.web.plans.models import Plan, Report, Section, Task

    plan = Plan.objects.get()
    assert (plan.organization.name, plan.year) == ("峄城区", 2021)
    assert Section.objects.count() == 9
    assert Task.objects.count() == 108
    assert Report.objects.count() == example_in_db.reports_created > 200
    assert plan.periods.get().label == "第三季度"


def test_it_keeps_each_tasks_units_in_the_documents_order_and_roles(example_in_db, example_plan):
    from duban.web.plans.models import Task

    tasks = {t.seq: t for t in Task.objects.prefetch_related("responsibilities__unit")}
    for core_task in example_plan.tasks:
        stored = [(r.name_as_written, r.role) for r in tasks[core_task.seq].responsibilities.all()]
        assert stored == [(u.name, u.role) for u in core_task.units], core_task.seq


def test_it_keeps_each_units_progress_text_as_in_the_document(example_in_db, example_plan):
    from duban.web.plans.models import Report

    task1 = example_plan.task(1)
    stored = {r.unit.name: r.text for r in Report.objects.filter(task__seq=1)}
    assert stored["底阁镇"] == next(r.text for r in task1.reports if r.unit == "底阁镇")
    assert "同比增长12.1%" in stored["区发改局"]


def test_it_gives_a_progress_text_without_a_unit_header_to_the_lead_unit(db):
    from duban.web.plans.models import Report
    from duban.web.plans.services import plan_import

    plan_import(small_plan(), source="small")
    report = Report.objects.get(task__seq=3)
    assert report.unit.name == "区工信局"
    assert report.text == "危化品停车场正在进行土建施工。"


def test_it_changes_nothing_when_the_same_document_is_imported_again(example_in_db, example_plan):
    from duban.web.audit.models import AuditEvent
    from duban.web.plans.models import Report, ReportVersion
    from duban.web.plans.services import plan_import

    counts = (Report.objects.count(), ReportVersion.objects.count(), AuditEvent.objects.count())
    again = plan_import(example_plan, source="example")
    assert not again.changed
    assert again.reports_unchanged == counts[0]
    assert (
        Report.objects.count(),
        ReportVersion.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_it_adds_a_later_periods_reports_to_the_same_tasks(db):
    from duban.web.plans.models import Period, Report, Task
    from duban.web.plans.services import plan_import

    plan_import(small_plan(), source="q3")
    q3 = small_plan()
    q4 = dataclasses.replace(q3, period=CorePeriod("第四季度", 12, 2021))
    summary = plan_import(q4, source="q4")
    assert (
        summary.tasks_created == 0
        and summary.reports_created == Report.objects.filter(period__label="第三季度").count()
    )
    assert Task.objects.count() == 3
    assert list(Period.objects.values_list("end_month", flat=True)) == [9, 12]


def test_it_rolls_the_whole_import_back_when_one_write_fails(db, monkeypatch):
    from duban.web.orgs.models import Organization
    from duban.web.plans.models import ReportVersion, Task
    from duban.web.plans.services import plan_import

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReportVersion.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        plan_import(small_plan(), source="small")
    assert not Organization.objects.exists() and not Task.objects.exists()


def test_it_refuses_a_document_without_a_district_unless_org_is_given(db):
    from duban.core.errors import InputError
    from duban.web.plans.services import plan_import

    nameless = dataclasses.replace(small_plan(), district=None)
    with pytest.raises(InputError, match="--org"):
        plan_import(nameless)
    assert plan_import(nameless, organization_name="示范区").organization == "示范区"


def test_it_imports_from_the_command_line_with_a_summary(db, example_path):
    from duban.cli import main

    result = CliRunner().invoke(main, ["import", str(example_path), "--org", "峄城区"])
    assert result.exit_code == 0, result.output
    assert "共 108 项任务" in result.output
    again = CliRunner().invoke(main, ["import", str(example_path)])
    assert "没有改动" in again.output


def test_it_reports_an_unreadable_document_in_one_line(db, tmp_path):
    from duban.cli import main

    bad = tmp_path / "empty.txt"
    bad.write_text("这不是任务表\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 2
    assert result.output.startswith("错误 error:")
