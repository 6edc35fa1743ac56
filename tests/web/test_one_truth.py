"""One truth: for a period with the office's overrides, a returned report and a unit asked and
silent, every page and document counts the same verdicts and names the same 未报送 units — the
plan page, the dashboard, the bulletin (DOCX read back), the table (XLSX read back), the API and
the unit assessment all read the one period judgement."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest

from duban.core.judgement.labels import VERDICT_LABELS, VERDICT_ORDER
from tests.web.api.conftest import Api
from tests.web.conftest import download

WORD_OF = {label: key for key, label in VERDICT_LABELS.items()}


@pytest.fixture
def period_of_record(db, example_plan):
    """Q3 of the example with: task A overridden 推进中 → 滞后, task B overridden → 已完成,
    task C's one report returned to its unit, and a co-unit of task D given a slot it left empty."""
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.orgs.models import Organization
    from duban.web.plans.models import Period, Report, Responsibility
    from duban.web.plans.services import plan_import
    from duban.web.rounds.services import report_return
    from duban.web.verdicts.services import override_set

    plan_import(example_plan, source="example")
    office = get_user_model().objects.create_user("office", first_name="王督查")
    org = Organization.objects.get()
    Membership.objects.create(user=office, organization=org, role="office")
    period = Period.objects.get()
    plan = period.plan
    before = period_judgement(plan, period)
    assert before.missing == {}  # the imported table: every unit asked has its text
    tasks = {t.seq: t for t in plan.tasks.in_force()}
    in_progress = [v.seq for v in before.tasks.values() if v.verdict == "in_progress"]
    single = [
        seq
        for seq in in_progress
        if Report.objects.filter(period=period, task=tasks[seq]).count() == 1
    ]
    a, b, c = in_progress[0], in_progress[1], single[-1]
    for seq, verdict in ((a, "behind"), (b, "completed")):
        override_set(
            tasks[seq],
            period,
            verdict=verdict,
            reason="经现场核查",
            automatic="in_progress",
            actor=office,
        )
    Period.objects.filter(pk=period.pk).update(state=Period.State.OPEN)  # the office reviews
    returned = Report.objects.get(period=period, task=tasks[c])
    returned.state = Report.State.SUBMITTED
    returned.save()
    report_return(returned, comment="请补充数据", actor=office)
    silent = next(
        r
        for r in Responsibility.objects.filter(
            task__plan=plan, role=Responsibility.Role.CO, unit__kind="department"
        ).select_related("task", "unit")
        if r.task.seq not in (a, b, c)
        and not Report.objects.filter(period=period, task=r.task, unit=r.unit).exists()
    )
    Report.objects.create(period=period, task=silent.task, unit=silent.unit)  # 未填报
    period.refresh_from_db()
    return {
        "office": office,
        "period": period,
        "plan": plan,
        "overridden": {a: "behind", b: "completed"},
        "missing": {returned.unit.name: [c], silent.unit.name: [silent.task.seq]},
    }


def _plan_page(client, plan, period) -> Counter:
    html = client.get(f"/plans/{plan.pk}/?period={period.pk}").content.decode()
    # The sections' light counts: a task without a light is counted by its verdict (推进中 and
    # 未报送 apart, never one for the other).
    for verdict in ("in_progress", "not_reported"):
        shown = re.findall(
            rf"light-{verdict} verdict-{verdict}\">● {VERDICT_LABELS[verdict]} (\d+)", html
        )
        assert sum(map(int, shown)) == html.count(f'class="light verdict-{verdict}')
    return Counter(re.findall(r'class="light verdict-(\w+)', html))


def _dashboard(client, plan, period) -> tuple[Counter, dict[str, int]]:
    html = client.get(f"/dashboard/plans/{plan.pk}/?period={period.pk}").content.decode()
    cards = re.findall(r'class="card verdict-(\w+)"[^>]*><span class="n">(\d+)</span>', html)
    table = html[html.index('id="unit-table"') :]
    rows = re.findall(r"unit=\d+\">([^<]+)</a></td>((?:\s*<td[^>]*>\d+</td>)+)", table)
    missing = {name: int(re.findall(r">(\d+)<", cells)[3]) for name, cells in rows}
    return Counter({k: int(n) for k, n in cards}), {k: n for k, n in missing.items() if n}


def _bulletin(client, period) -> tuple[Counter, dict[str, list[int]]]:
    from docx import Document

    response = download(client, f"/periods/{period.pk}/bulletin.docx")
    assert response.status_code == 200
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    overall = texts[texts.index("一、总体情况") + 1]
    counts = Counter(
        {
            WORD_OF[w]: int(n)
            for w, n in re.findall(r"(已完成|达序时进度|推进中|滞后|停滞|未报送)(\d+)项", overall)
        }
    )
    sentence = next(t for t in texts if t.startswith("以下单位对承担的任务未报送进展情况"))
    missing = {
        unit: [int(s) for s in seqs.split("、")]
        for unit, seqs in re.findall(r"([^：；（]+)（第([\d、]+)项）", sentence)
    }
    return counts, missing


def _table(client, period) -> tuple[Counter, dict[str, list[int]]]:
    from openpyxl import load_workbook

    response = download(client, f"/periods/{period.pk}/table.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["研判"]
    header = [c.value for c in sheet[1]]
    seq_at, verdict_at, flags_at = 0, 1, len(header) - 1
    counts: Counter = Counter()
    missing: dict[str, list[int]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if not row[verdict_at]:
            continue  # a further indicator of the same task
        counts[WORD_OF[row[verdict_at]]] += 1
        for line in (row[flags_at] or "").splitlines():
            found = re.fullmatch(r"(?:牵头单位|配合单位)?(.+)未报送进展情况", line)
            if found:
                missing.setdefault(found.group(1), []).append(row[seq_at])
    return counts, missing


def _api(office, plan, period) -> tuple[Counter, dict[str, list[int]], dict[int, dict]]:
    from django.test import Client

    from duban.web.api.tokens import token_create

    _, secret = token_create(office, name="one truth")
    api = Api(Client(), secret)
    tasks = api.items("/tasks", plan=plan.pk, period=period.pk)
    figures = api.get(f"/plans/{plan.pk}/dashboard", period=period.pk).json()
    counts = Counter(t["verdict"]["verdict"] for t in tasks)
    assert {v["verdict"]: v["count"] for v in figures["verdicts"] if v["count"]} == dict(counts)
    missing = {m["unit"]: m["task_seqs"] for m in figures["missing_units"]}
    return counts, missing, {t["seq"]: t["verdict"] for t in tasks}


def _assessment(client, plan, period) -> dict[str, list[int]]:
    csv = client.get(f"/dashboard/plans/{plan.pk}/assessment.csv?period={period.pk}")
    details = csv.content.decode("utf-8-sig").split("\r\n\r\n")[-1].splitlines()[1:]
    missing: dict[str, list[int]] = {}
    for line in details:
        unit, seq, reason, *_ = line.split(",")
        if reason == VERDICT_LABELS["not_reported"]:
            missing.setdefault(unit, []).append(int(seq))
    return missing


def test_every_page_and_document_counts_the_same_verdicts_and_names_the_same_silent_units(
    period_of_record, client
):
    from duban.web.dashboard.verdicts import period_judgement

    office, period, plan = (period_of_record[k] for k in ("office", "period", "plan"))
    client.force_login(office)
    truth = period_judgement(plan, period)
    expected = Counter({k: n for k, n in truth.counts().items() if n})
    assert expected["not_reported"] == 1  # the returned report's task
    assert truth.missing == period_of_record["missing"]
    for seq, verdict in period_of_record["overridden"].items():
        assert next(v for v in truth.tasks.values() if v.seq == seq).verdict == verdict

    assert _plan_page(client, plan, period) == expected
    dash_counts, dash_missing = _dashboard(client, plan, period)
    assert +dash_counts == expected
    assert dash_missing == {u: len(s) for u, s in truth.missing.items()}
    assert _bulletin(client, period) == (expected, truth.missing)
    assert _table(client, period) == (expected, truth.missing)
    api_counts, api_missing, api_verdicts = _api(office, plan, period)
    assert (api_counts, api_missing) == (expected, truth.missing)
    assert _assessment(client, plan, period) == truth.missing
    assert sum(expected.values()) == len(truth.tasks) == 108
    assert set(expected) <= set(VERDICT_ORDER)

    # The API's verdict carries the office's override: who, when, what; the reason for the office.
    a = next(iter(period_of_record["overridden"]))
    override = api_verdicts[a]["override"]
    assert (override["verdict"], override["author"], override["reason"]) == (
        "behind",
        "王督查",
        "经现场核查",
    )
    assert api_verdicts[a]["automatic"] is False and override["at"]


def test_the_bulletin_counts_an_override_made_after_it_was_first_downloaded(
    period_of_record, client
):
    """The bug this file guards: the dashboard followed an override, the bulletin kept the old
    count (the finished file was served again, and it judged the texts on its own)."""
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.plans.models import Task
    from duban.web.verdicts.services import override_set

    office, period, plan = (period_of_record[k] for k in ("office", "period", "plan"))
    client.force_login(office)
    first, _ = _bulletin(client, period)
    judged = period_judgement(plan, period)
    seq = next(v.seq for v in judged.tasks.values() if v.verdict == "in_progress")
    override_set(
        Task.objects.get(plan=plan, seq=seq, retired_at__isnull=True),
        period,
        verdict="stalled",
        reason="停工",
        automatic="in_progress",
        actor=office,
    )
    again, _ = _bulletin(client, period)
    assert (again["stalled"], again["in_progress"]) == (
        first["stalled"] + 1,
        first["in_progress"] - 1,
    )
