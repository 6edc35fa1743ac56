"""Matching a task's target indicators to the figures its reports state.

A figure matches an indicator when it counts the same thing (compatible kind and unit) and its
clause names the metric (a shared run of at least three characters, or the whole short metric).
Among matches the lead unit's figure comes before co-operating units' and towns' own figures,
results before estimates, and the latest scope first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from duban.core.indicators.actuals import (
    FINAL_STAGES,
    NOT_RESULT,
    STOCK,
    Actual,
    find_actuals,
    list_piece,
)
from duban.core.indicators.quantities import AT_MOST, find_quantities, same_dimension
from duban.core.indicators.targets import TargetIndicator
from duban.core.model import Report, Task
from duban.core.units import guess_kind


@dataclass(frozen=True)
class ReportedActual:
    """A figure with the report it comes from."""

    actual: Actual
    reporter: str | None  # the unit as the registry names it, or as written
    lead: bool  # stated by the lead unit (a report without a unit header is the lead's)
    report_index: int


@dataclass(frozen=True)
class Match:
    indicator: TargetIndicator
    found: ReportedActual | None
    why_not: str = ""  # when nothing comparable was found but a figure was near


def common_run(metric: str, text: str) -> int:
    """Length of the longest run of metric's characters that appears in text."""
    pairs = _pairs(text)
    # Runs of the metric's character pairs found in text bound the answer from above, and
    # are short for almost every pair of metric and clause; only those sizes are tried.
    bound = run = 0
    for i in range(len(metric) - 1):
        run = run + 1 if metric[i : i + 2] in pairs else 0
        bound = max(bound, run)
    for size in range(min(bound + 1, 16), 1, -1):
        for i in range(len(metric) - size + 1):
            if metric[i : i + size] in text:
                return size
    return 0


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


# Words of building or adding that open a metric ("新建小学", "新建改扩建幼儿园"): a report says
# "建成小学1所", so the run it must share is counted on what follows them.
_ACTION_HEAD = re.compile(r"^(?:新建|新增|改扩建|扩建|改建|建成|建设|改造|提升)+")


def _needed(metric: str) -> int:
    key = _ACTION_HEAD.sub("", metric)
    return min(3, len(key) if len(key) >= 2 else len(metric))


def reported_actuals(
    task: Task, only_if: re.Pattern[str] | None = None
) -> tuple[ReportedActual, ...]:
    """Every figure of every report of a task (with only_if: of reports that pattern finds)."""
    leads = {u.canonical or u.name for u in task.lead_units}
    out: list[ReportedActual] = []
    for i, report in enumerate(task.reports):
        if only_if is not None and not only_if.search(report.text):
            continue
        reporter = reporter_of(task, report)
        lead = report.unit is None or reporter in leads
        out += [ReportedActual(a, reporter, lead, i) for a in find_actuals(report.text)]
    return tuple(out)


def reporter_of(task: Task, report: Report) -> str | None:
    """The unit a report speaks for: its own unit, or the task's first lead for the task's text."""
    if report.unit is None:
        leads = task.lead_units
        return (leads[0].canonical or leads[0].name) if leads else None
    return report.canonical or report.unit


def _compatible(ind: TargetIndicator, a: Actual) -> bool:
    if ind.kind == "growth":
        return a.kind == "growth" and ind.quantity.base_unit == "%"
    if ind.kind == "level":
        return a.kind == "level"
    if a.kind == "share":
        if _share_of_money(ind, a) or _share_of_a_part(ind, a):
            return False
        return a.result or "完成" in a.clause or "完成" in a.sentence_head
    if a.kind != "amount" or not same_dimension(a.quantity, ind.quantity):
        return False
    # Counters alike (6所 against 个): only when the figure names what the target counts.
    return a.quantity.base_unit == ind.quantity.base_unit or ind.metric[-2:] in a.clause


_MONEY = re.compile(r"投资|资金|预算|经费")


def _head(a: Actual) -> str:
    return a.clause[: a.quantity.start - a.start]


def _share_of_money(ind: TargetIndicator, a: Actual) -> bool:
    """ "完成年度投资的90%" against 新建幼儿园3所: money spent is not the buildings' share."""
    return "元" not in ind.quantity.base_unit and bool(_MONEY.search(_head(a)))


def _share_of_a_part(ind: TargetIndicator, a: Actual) -> bool:
    """ "8个小区完成改造工程量的80%" against 12个: the share of 8 of them, not of the 12."""
    return any(
        q.base_unit == ind.quantity.base_unit and q.base != ind.base
        for q in find_quantities(_head(a))
        if not q.is_percent
    )


# "完成率61.9%", "完成年度目标的80%", a cell opening with "80%": a share of the task's target
# as a whole, whatever words name the metric.
_OF_THE_TARGET = re.compile(r"完成率|(?:年度|全年)?(?:目标|任务|计划)(?:任务)?的|^\s*\d")
# A share of the work itself, naming nothing else before it: "完成工程量的70%", "主体完成30%",
# "工程进度达60%", "完成80%" (not "毛石台阶已完成工程量的70%": a share of the steps).
_WORK_SHARE_HEAD = re.compile(
    r"\s*(?:\d{1,2}[-—至]\d{1,2}月[，,]?|截至目前[，,]?|目前|现已|已经|已)*"
    r"(?:主体(?:工程)?|整体|工程|项目|改造|建设|施工|改造工程|建设工程)?(?:已经?)?(?:完成了?)?(?:总)?"
    r"(?:工程量|工程进度|形象进度|进度)?(?:的|达到|达|为|至)?\s*"
)


def _share_of_the_only_target(
    indicators: tuple[TargetIndicator, ...], ind: TargetIndicator, a: Actual
) -> bool:
    return (
        len(indicators) == 1
        and ind.kind == "amount"
        and a.kind == "share"
        and (
            bool(_OF_THE_TARGET.search(a.clause))
            or bool(_WORK_SHARE_HEAD.fullmatch(a.clause[: a.clause.find(a.quantity.text)]))
        )
    )


# A figure that names nothing ("完成28公里", "新增1120人", "已建成3所", "1-3月增长7.4%"): only a
# scope, words of result or growth, and the number, with nothing else in its sentence before it.
_BARE = re.compile(
    r"(?:截至目前|截至|目前|现已|今年以来|年内|全年|本期|累计|合计|共计|共|已经|已|均已|实际|"
    r"完成|新增|增加|建成|签约|实现|达到|达|为|了|同比|增长|增幅|增速|[，,、\s]|"
    # The end of the works: "已竣工投用31台。" against 加装电梯30台.
    r"竣工|投用|投入使用|投产|完工)*"
)
_SCOPE_WORDS = re.compile(
    r"\d{1,2}[-—~～至到]\d{1,2}月(?:份)?|\d{1,2}月(?:底|末|份)?|上半年|前三季度"
)


def is_bare(a: Actual, noun: str = "") -> bool:
    """Whether a figure's sentence, up to it, names no metric: it can only be the target's.
    With `noun`, the sentence may name that and nothing else ("新增托位210个", noun 托位)."""
    clause = a.clause.replace(a.quantity.text, "", 1)
    if noun:
        if noun not in clause:
            return False
        clause = clause.replace(noun, "", 1)
    if a.quantity.text not in a.clause:
        return False
    if a.clause.index(a.quantity.text) + len(a.quantity.text) < len(a.clause.rstrip("。.；; ")):
        return False  # words after the number ("完成28公里道路") name what it counts
    words = _SCOPE_WORDS.sub("", a.sentence_head + clause)
    return bool(_BARE.fullmatch(words))


def _bare_figure_of_the_only_indicator(
    indicators: tuple[TargetIndicator, ...], ind: TargetIndicator, f: ReportedActual
) -> bool:
    """A lead unit's bare figure, when one indicator alone is of its kind and unit."""
    a = f.actual
    # What the metric counts, its last two characters ("新增婴幼儿托位" → 托位), may be named alone.
    noun = ind.metric[-2:] if len(ind.metric) > 3 else ""
    if not f.lead or a.kind == "share" or not (is_bare(a) or (noun and is_bare(a, noun))):
        return False
    same = [
        i
        for i in indicators
        if i.kind == ind.kind and i.quantity.base_unit == ind.quantity.base_unit
    ]
    return len(same) == 1


def _score(ind: TargetIndicator, a: Actual) -> tuple[int, int]:
    """(run shared with the figure's own clause, run shared with the sentence before it)."""
    return common_run(ind.metric, a.clause), common_run(ind.metric, a.sentence_head)


# A target of what is added this year (新增停车泊位, 新建公厕): a stock is no count of it.
_ADDS = re.compile(r"^(?:新增|新建|新培育|新引进|新认定|新开工|新改建)")
# Targets whose count a signing makes (招商引资): elsewhere (棚户区改造) signing is a stage.
_SIGNS = re.compile(r"招引|引进|招商|项目|引资")
# Words of a target that builds something: its end (竣工, 投用, 建成) is the work done.
_BUILDS = re.compile(r"新建|建成|建设|改扩建|扩建|改建|改造|打通|新增|新改建|修建|完成")


def _other_scope(
    target: str, ind: TargetIndicator, a: Actual, end_month: int, year: int | None = None
) -> str:
    """Why a figure is not the target's actual: a stage, a part, another year or period ("")."""
    if a.last_year:
        return "是上年的数字"
    if year is not None and a.year_named is not None and a.year_named != year:
        return f"是{a.year_named}年的数字"
    if a.scope_month is not None and a.scope_month <= end_month - 6:
        return f"是{a.scope}的数字，不是本期累计"
    if a.estimate:
        return "是预计数，不是完成数"
    if a.kind != "amount" or ind.comparator == AT_MOST:
        return ""
    if (
        _ADDS.search(ind.metric)
        and STOCK.search(a.clause)
        and not _SCOPE_WORDS.search(a.sentence_head + a.clause)
    ):
        return "是存量，不是新增"
    if a.stage == "签约" and _SIGNS.search(target):
        return ""  # 招引项目20个: a project signed is a project won
    if a.stage and a.stage not in target:
        final = bool(FINAL_STAGES.fullmatch(a.stage))
        if not final or a.part or not _BUILDS.search(target):
            return f"是{a.stage}的数量，不是目标的完成数"
    return ""


# The work as a whole: "完成总工程量的85%", "工程形象进度达70%" (not a count, not a part's share).
_WHOLE_WORK = re.compile(r"总工程量|工程量|总进度|整体进度|形象进度|工程进度")


def whole_work_share(figures: tuple[ReportedActual, ...]) -> ReportedActual | None:
    """The lead unit's share of the whole work, when its clause names nothing else before it."""
    for f in figures:
        a = f.actual
        if not (f.lead and a.kind == "share" and a.result and not a.estimate):
            continue
        head = a.clause[: a.clause.find(a.quantity.text)]
        if _WHOLE_WORK.search(head) and _WORK_SHARE_HEAD.fullmatch(head):
            return f
    return None


def _a_towns_part(task: Task, f: ReportedActual) -> str:
    """A town's or street's own amount under a department's lead is its part, not the total."""
    if f.lead or f.actual.kind != "amount" or f.reporter is None:
        return ""
    if guess_kind(f.reporter) not in ("town", "street"):
        return ""
    if not any(
        guess_kind(u.canonical or u.name) in ("department", "district") for u in task.lead_units
    ):
        return ""
    return f"是{f.reporter}的数字，不是全域合计"


def _another_parts(
    indicators: tuple[TargetIndicator, ...], ind: TargetIndicator, a: Actual
) -> bool:
    """In a list ("建成小学3所、初中1所") a figure whose own part names another indicator only."""
    piece = list_piece(a.clause, a.quantity.start - a.start, a.quantity.end - a.start)
    if piece == a.clause or common_run(ind.metric, piece) >= _needed(ind.metric):
        return False
    return any(
        k is not ind and common_run(k.metric, piece) >= _needed(k.metric) for k in indicators
    )


# "城镇居民人均可支配收入增长6.8%，农村居民增长5.9%" against 居民人均可支配收入: halves of it.
_HALVES = ("城镇", "农村", "城市", "乡村")


def _of_both_halves(
    ind: TargetIndicator, candidates: list[tuple[tuple[object, ...], ReportedActual]]
) -> ReportedActual:
    """The best figure; for a growth stated only for its halves, the half that grew least."""
    best = max(candidates, key=lambda c: c[0])[1]
    at = best.actual.clause.find(ind.metric)
    if ind.kind != "growth" or at < 2 or best.actual.clause[at - 2 : at] not in _HALVES:
        return best
    halves = [
        f
        for _, f in candidates
        if f.lead == best.lead and not f.actual.part and not f.actual.estimate
    ]
    # The worse half: the lower growth, or for a fall to reach (下降3%) the smaller fall.
    pick = max if ind.value < 0 else min
    return pick(halves, key=lambda f: f.actual.value)


def _named_stage(target: str, a: Actual) -> bool:
    """Whether a figure counts the stage its target counts ("开工建设4个": 已开工3个)."""
    if not a.stage or a.stage not in target:
        return False
    return not NOT_RESULT.search(a.clause.replace(a.stage, ""))


def match_indicators(
    task: Task,
    indicators: tuple[TargetIndicator, ...],
    end_month: int,
    figures: tuple[ReportedActual, ...] | None = None,
    year: int | None = None,
) -> tuple[Match, ...]:
    if not indicators:
        return ()
    if figures is None:
        figures = reported_actuals(task)
    scores = {
        (i, j): _score(ind, f.actual)
        for i, ind in enumerate(indicators)
        for j, f in enumerate(figures)
    }
    out: list[Match] = []
    for i, ind in enumerate(indicators):
        need = _needed(ind.metric)
        candidates: list[tuple[tuple[object, ...], ReportedActual]] = []
        why_not = ""
        for j, f in enumerate(figures):
            local, inherited = scores[(i, j)]
            if (
                max(local, inherited) < need
                and not _share_of_the_only_target(indicators, ind, f.actual)
                and not _bare_figure_of_the_only_indicator(indicators, ind, f)
            ):
                continue
            if not _compatible(ind, f.actual) or _another_parts(indicators, ind, f.actual):
                continue
            # A figure naming another indicator more closely belongs to that one.
            if any(scores[(k, j)][0] > local for k in range(len(indicators)) if k != i):
                continue
            other = _other_scope(task.target, ind, f.actual, end_month, year) or _a_towns_part(
                task, f
            )
            if other:
                why_not = why_not or f"“{f.actual.clause}”{other}，不可比"
                continue
            # An upper bound (不超过3人) is compared with any figure of it, result or not.
            upper = ind.comparator == AT_MOST
            if (
                ind.kind == "amount"
                and f.actual.kind == "amount"
                and not f.actual.result
                and not upper
                and not _named_stage(task.target, f.actual)
            ):
                why_not = why_not or f"“{f.actual.clause}”不是完成数，不可比"
                continue
            rank = (
                f.lead,
                not f.actual.estimate,
                _named_stage(task.target, f.actual),  # the stage the target counts (竣工投产)
                not f.actual.part,  # else the total before a part of it (其中…)
                f.actual.kind != "share",  # the amount itself before a stated share
                local >= need,
                f.actual.scope_month or end_month,
                local,
                inherited,
                -j,
            )
            candidates.append((rank, f))
        if candidates:
            out.append(Match(ind, _of_both_halves(ind, candidates)))
        else:
            out.append(Match(ind, None, why_not))
    return tuple(out)
