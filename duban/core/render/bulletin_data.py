"""The facts a supervision bulletin (督查通报) states, computed from a Plan and its judgement.

Kept apart from the Word layout so the web page and the DOCX say the same numbers.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import cn2an

from duban.core.errors import InputError
from duban.core.model import Plan, Task
from duban.core.render.verdicts import (
    VERDICT_ORDER,
    PlanJudgementLike,
    TaskJudgementLike,
    by_seq,
    name_of,
)

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "bulletin_template.toml"
QUALITY_FLAGS = ("vague", "unchanged", "reused")


@dataclass(frozen=True)
class BulletinInfo:
    """What the office fills in for each issue."""

    issue_no: int | None = None
    issued: date = field(default_factory=date.today)
    office: str | None = None
    series: str | None = None  # the masthead's series as the office set it (else the template's)
    addressees: str | None = None  # 主送 as the office set it (else worded from its level)
    basis_no: str = "见年初任务分解文件"
    late_units: tuple[str, ...] = ()  # known from the reporting round, not from the document
    # 未报送 units (unit → task numbers) where the caller judged them (the web, by its slots);
    # None: missing_units reads the document.
    missing: Mapping[str, Sequence[int]] | None = None


@dataclass(frozen=True)
class Template:
    series: str
    title: str
    addressees: str
    basis: str
    overall_praise: str
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class Lagging:
    """One behind or stalled task as the bulletin names it."""

    seq: int
    target: str
    leads: tuple[str, ...]
    verdict: str
    explanation: str


@dataclass(frozen=True)
class QualityNote:
    seq: int
    unit: str | None
    kind: str
    reason: str


def load_template(path: Path | None = None) -> Template:
    """The bulletin's wording; an office's copy that is not valid TOML or lacks a key says which."""
    source = path or DEFAULT_TEMPLATE
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        return Template(
            series=data["series"],
            title=data["title"],
            addressees=data["addressees"],
            basis=data["basis"],
            overall_praise=data.get("overall_praise", ""),
            requirements=tuple(data.get("requirements", ())),
        )
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"通报模板不是有效的 TOML：{exc}", source=str(source)) from exc
    except KeyError as exc:
        raise InputError(f"通报模板缺少 {exc.args[0]}", source=str(source)) from exc


def fill(text: str, values: dict[str, str]) -> str:
    """Replace {name} placeholders; only plain names, so a template cannot reach into objects."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def task_verdict(task: Task, judged: TaskJudgementLike | None) -> str | None:
    """The bulletin's category: no report at all is "not_reported", never "no progress"; a task
    closed by the office (已办结) stays closed without a report of the period."""
    if judged is not None and name_of(judged.verdict) == "closed":
        return "closed"
    if not task.reports:
        return "not_reported"
    return name_of(judged.verdict) if judged is not None else None


def verdict_counts(plan: Plan, judgement: PlanJudgementLike | None) -> dict[str, int]:
    """Tasks per verdict, in VERDICT_ORDER; without a judgement only "not_reported" is known."""
    judged = by_seq(judgement) if judgement is not None else {}
    counts = Counter(task_verdict(t, judged.get(t.seq)) for t in plan.tasks)
    return {v: counts.get(v, 0) for v in VERDICT_ORDER}


def percent(part: int, total: int) -> str:
    return f"{100 * part / total:.1f}%" if total else "0.0%"


def lagging_tasks(plan: Plan, judgement: PlanJudgementLike, verdict: str) -> list[Lagging]:
    judged = by_seq(judgement)
    out = []
    for t in plan.tasks:
        j = judged.get(t.seq)
        if j is not None and task_verdict(t, j) == verdict:
            leads = tuple(u.name for u in t.lead_units) or tuple(u.name for u in t.units[:1])
            out.append(Lagging(t.seq, t.target, leads, verdict, j.explanation))
    return out


def missing_units(
    plan: Plan, asked: Mapping[int, Collection[str]] | None = None
) -> dict[str, list[int]]:
    """未报送: the one rule. A unit is missing on a task for a period when it was asked for a
    report and has no reported text; the result is unit → task numbers.

    Who was asked: `asked` (unit names by task number) where the caller knows it — the web
    passes the period's report slots (a round opens one for every responsible unit; an import
    one for each text it holds). Without it, a document's own words: every named responsible
    unit, except groups (各镇（街）, 政府各职能部门: their members answer as they have something
    to say) and except on a task whose one text names no unit (the lead's report for all).
    """
    out: dict[str, list[int]] = {}
    for t in plan.tasks:
        reported = {r.canonical or r.unit for r in t.reports if r.unit and r.text.strip()}
        if asked is not None:
            wanted = list(asked.get(t.seq, ()))
        elif any(r.unit is None for r in t.reports):
            continue
        else:
            wanted = [
                u.canonical or u.name
                for u in t.units
                if plan.units.kind(u.canonical or u.name) != "group" and "各" not in u.name
            ]
        for name in dict.fromkeys(wanted):
            if name not in reported:
                out.setdefault(name, []).append(t.seq)
    return out


def quality_notes(judgement: PlanJudgementLike) -> list[QualityNote]:
    notes = []
    for j in judgement.tasks:
        for f in j.flags:
            kind = name_of(f.kind)
            if kind in QUALITY_FLAGS:
                notes.append(QualityNote(j.seq, f.unit, kind, f.reason))
    return sorted(notes, key=lambda n: (n.seq, n.unit or ""))


def ordinal(i: int) -> str:
    """1 → 一, 11 → 十一, 23 → 二十三: a bulletin's 一是…, （一）… (cn2an, as the indicators)."""
    return str(cn2an.an2cn(i))
