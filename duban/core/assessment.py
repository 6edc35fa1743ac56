"""考核: the scoring rule — points per unit from its reports, each point traceable to its cause.

Plain data in, plain data out: the web gathers the reports, the judgement and the links, this
module decides what each is worth and ranks the units. The office overrides any default rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from duban.core.judgement.labels import VERDICT_LABELS

DEFAULT_RULES: dict[str, float] = {
    "base": 100,
    "missing": -10,
    "late": -3,
    "vague": -5,
    "exceeded": 2,
}
REASONS = {
    "missing": VERDICT_LABELS["not_reported"],
    "late": "逾期报送",
    "vague": "报告无实质内容",
    "exceeded": "超额完成目标",
}


def rules(overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """The defaults with the office's own values over them."""
    return {**DEFAULT_RULES, **(overrides or {})}


@dataclass(frozen=True)
class Point:
    kind: str  # missing, late, vague, exceeded
    points: float
    task_seq: int
    link: str  # the report (or, for a missing one, the task) that caused it

    @property
    def reason(self) -> str:
        return REASONS[self.kind]


@dataclass
class UnitScore:
    unit_name: str
    unit_id: int
    score: float
    points: list[Point] = field(default_factory=list)
    rank: int = 0
    change: int | None = None  # places gained since the previous period

    def count(self, kind: str) -> int:
        return sum(1 for p in self.points if p.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        """Points by kind, for templates: counts.missing, counts.late, ..."""
        return {kind: self.count(kind) for kind in REASONS}


def missing_point(r: Mapping[str, float], seq: int, link: str) -> Point:
    """未报送: a task the judgement found without the unit's report."""
    return Point("missing", r["missing"], seq, link)


def report_points(
    r: Mapping[str, float],
    unit: str,
    seq: int,
    link: str,
    *,
    late: bool,
    flags: Iterable[tuple[str, str | None]] | None,
    completions: Iterable[float | None] = (),
) -> list[Point]:
    """The points of one reported text of a task the unit leads. flags are the judgement's
    (kind, unit) pairs, None when the task has no judgement; completions are the core's
    (万/亿 and shares applied), amounts only: never divided here."""
    out = [Point("late", r["late"], seq, link)] if late else []
    if flags is None:
        return out
    if any(kind == "vague" and who in (None, unit) for kind, who in flags):
        out.append(Point("vague", r["vague"], seq, link))
    if any(c is not None and c > 1 for c in completions):
        out.append(Point("exceeded", r["exceeded"], seq, link))
    return out


def ranked(scores: Iterable[UnitScore], r: Mapping[str, float]) -> list[UnitScore]:
    """Each unit's score (the base and its points), best first; equal scores share a rank."""
    units = list(scores)
    for s in units:
        s.score = r["base"] + sum(p.points for p in s.points)
    out = sorted(units, key=lambda s: (-s.score, s.unit_name))
    for i, s in enumerate(out):
        s.rank = out[i - 1].rank if i and out[i - 1].score == s.score else i + 1
    return out


def rank_changes(current: Iterable[UnitScore], before: Mapping[int, int]) -> None:
    """Places gained since the previous period's ranks (by unit id), where the unit was ranked."""
    for s in current:
        if s.unit_id in before:
            s.change = before[s.unit_id] - s.rank
