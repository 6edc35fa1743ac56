"""Actual figures (实际完成) read from a progress text, each with its scope and evidence span.

A figure is kept with what it needs to be judged and shown: its kind (growth, a level, an amount,
or a share of the target already done), the scope written before it (1-9月, 上半年, 截至9月底),
whether it is an estimate (预计), and the character offsets of the clause that states it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Literal

from duban.core.indicators.quantities import Quantity, find_quantities

ActualKind = Literal["growth", "amount", "level", "share"]

SENTENCE_END = "。；;！!？?\n"
CLAUSE_END = "，,。；;：:！!？?\n"
# Scopes as offices write them; the month the scope ends at (None: "now").
_SCOPE = re.compile(
    r"(?=[\d上前一第截目现])(?:(?P<range>(?P<from>\d{1,2})[-—~～至到](?P<to>\d{1,2})月(?:份)?)"
    r"|(?P<half>上半年)|(?P<q3>前三季度)|(?P<q1>一季度|第一季度)"
    r"|(?P<upto>截至(?:目前|\d{1,2}月(?:底|末|份)?))|(?P<now>目前|现已))"
)
_GROWTH_BEFORE = re.compile(
    r"(增长|增幅|增速|提高|提升|上升|增加|下降|减少|降低|回落)(了|为|达到|达)?$"
)
_FALLING = ("下降", "减少", "降低", "回落")
# "占预算的86.83%", "已完成任务的107%", "改造已完成90%", "主体安装至总工程量的90%".
_SHARE_BEFORE = re.compile(r"(占|完成|达到|至)[^，。；]{0,8}?(的)?$")
_SHARE_WORDS = re.compile(r"占|任务|计划|预算|工程量|总量|目标|完成")
# An amount is a result only when a result verb states it; "11个老旧小区已全面开工" is not.
RESULT_VERBS = re.compile(
    r"完成|建成|新增|增加|引进|招引|累计|共有|共计|达到|实现|新建|认定|入库|获批|创建|发放|兑现|"
    r"完工|竣工|投用|签约|落地|接收|安置|培训|帮扶|收到|到位|改造|整治|办理|审批|受理|化解|清理|"
    r"培育|共安排|实施|铺设|敷设|修建|安装|栽植|硬化|接待|接种|筛查|体检|资助|救助"
)
# Figures for what was applied for or planned are not results (推荐申报19家 is not 认定19家).
NOT_RESULT = re.compile(r"推荐|申报|申请|拟|计划|开工|在建|正在|争取|储备|谋划|评选|参与")
ESTIMATE = re.compile(r"预计|估计|预估|有望")
# Stages of a project, before its end: a count of designs or starts is no count of works done.
# The main structure done (主体完工, 主体结构封顶, 完成主体施工), the civil works or foundations
# (土建, 基础施工) and works "basically" done (基本完工) are stages: more is to come.
EARLY_STAGES = re.compile(
    r"主体(?:工程|结构|施工)?(?:已经?|全部|基本)?(?:完工|完成|竣工|封顶)"
    r"|完成了?主体(?:工程|结构|施工)?|主体(?:工程|结构|施工)|基本(?:完工|建成|完成|竣工)|土建|基础(?:施工|工程)|桩基|"
    r"方案设计|建设方案|实施方案|初步设计|施工图设计|设计|招标|挂网|开工|主体封顶|封顶|立项|可研|选址|征迁|拆迁|前期|"
    r"签约|拆除"
)
# The end of a project: completion when the target builds, a part when it only counts projects.
FINAL_STAGES = re.compile(r"竣工|投用|投产|完工|建成")
# "去年完成12个": last year's figure, not this year's ("比上年", "上年同期" compare, they count).
_LAST_YEAR = re.compile(r"(?<![比较])(?:去年|上年|上一年)(?!同期)")
_COMPARING = re.compile(r"同比|比|较")
# A stock, not what was added this year: "全区共有停车泊位18000个", "现有", "保有量".
STOCK = re.compile(
    r"共有|现有|拥有|保有|总数|总量|存量|累计(?!新增|新建|新开工|新培育|新引进|完成)"
)
# "2023年新增就业1300人": a year named before the figure (not "2024年9月", a scope).
_YEAR_NAMED = re.compile(r"(20\d{2})年(?:度)?(?!\d{1,2}月|[底末])")


@dataclass(frozen=True)
class Actual:
    """One figure a report states: "1-9月，累计引进过亿元项目24个" → amount 24 个, scope 1-9月."""

    quantity: Quantity
    kind: ActualKind
    value: float  # signed: 同比下降4.7% → -4.7
    scope: str  # as written, "" when none
    scope_month: int | None  # the month the scope ends, None for "now" or unwritten
    estimate: bool
    result: bool  # stated as a result (完成, 建成…), not as a plan or an application
    clause: str  # the clause that states it (the metric's context)
    sentence_head: str  # the sentence up to this clause: where an inherited metric sits
    start: int  # evidence span: offsets of the clause in the report text
    end: int
    stage: str = ""  # the stage of a project the clause counts (方案设计, 开工, 竣工 …), "" if none
    part: bool = False  # a part of a total stated before it ("共58个，其中12个竣工")
    last_year: bool = False  # an amount of last year (去年完成…)
    year_named: int | None = None  # the year its clause names before it ("2023年完成…")

    @property
    def unit(self) -> str:
        return self.quantity.unit


class _Bounds:
    """Clause and sentence boundaries of one text, found once, looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.clauses = [i for i, ch in enumerate(text) if ch in CLAUSE_END]
        self.sentences = [i for i in self.clauses if text[i] in SENTENCE_END]
        self.size = len(text)

    @staticmethod
    def _before(stops: list[int], pos: int) -> int:
        k = bisect_left(stops, pos)
        return stops[k - 1] + 1 if k else 0

    def clause(self, start: int, end: int) -> tuple[int, int]:
        k = bisect_left(self.clauses, end)
        return self._before(self.clauses, start), (
            self.clauses[k] if k < len(self.clauses) else self.size
        )

    def sentence_start(self, pos: int) -> int:
        return self._before(self.sentences, pos)


def _scope_month(m: re.Match[str], end_month: int | None) -> int | None:
    if m.group("range"):
        return int(m.group("to"))
    if m.group("half"):
        return 6
    if m.group("q3"):
        return 9
    if m.group("q1"):
        return 3
    if m.group("upto") and m.group("upto")[2].isdigit():
        return int(re.search(r"\d+", m.group("upto")).group())  # type: ignore[union-attr]
    return end_month


def find_scopes(text: str) -> list[tuple[int, str, int | None]]:
    """(offset, scope as written, end month or None) for every scope phrase in a report."""
    return [(m.start(), m.group(), _scope_month(m, None)) for m in _SCOPE.finditer(text)]


def _kind(q: Quantity, before: str, clause: str) -> tuple[ActualKind, int]:
    if q.is_percent:
        growth = _GROWTH_BEFORE.search(before)
        if growth:
            return "growth", -1 if growth.group(1) in _FALLING else 1
        if _SHARE_BEFORE.search(before) and _SHARE_WORDS.search(clause):
            return "share", 1
        return "level", 1
    if q.base_unit == "个百分点":
        return "level", 1
    return "amount", 1


def find_actuals(text: str) -> tuple[Actual, ...]:
    """Every figure in a progress text with its kind, scope and evidence span."""
    quantities = find_quantities(text)
    if not quantities:
        return ()
    scopes = list(_SCOPE.finditer(text))
    bounds = _Bounds(text)
    out: list[Actual] = []
    for q in quantities:
        c_start, c_end = bounds.clause(q.start, q.end)
        s_start = bounds.sentence_start(q.start)
        clause = text[c_start:c_end]
        before = text[c_start : q.start]
        kind, sign = _kind(q, before, clause)
        if q.is_percent and q.start == 0:
            # A progress cell that opens with a bare share ("80%(新区实验幼儿园进度滞后)") states
            # how much of the task is done.
            kind, sign = "share", 1
        scope = next((m for m in reversed(scopes) if m.end() <= q.start), None)
        # The grammar reads "1-9月" as no quantity, but a range head may swallow it: skip those.
        if scope is not None and scope.start() <= q.start < scope.end():
            continue
        sentence = text[s_start:c_end]
        stage = _stage(clause, q.start - c_start, q.end - c_start)
        lead_in = text[s_start : q.start]
        out.append(
            Actual(
                quantity=q,
                kind=kind,
                value=q.value * sign,
                scope=scope.group() if scope else "",
                scope_month=_scope_month(scope, None) if scope else None,
                estimate=bool(ESTIMATE.search(sentence)),
                result=(
                    bool(RESULT_VERBS.search(clause))
                    or _verb_of_the_clause_before(
                        clause.replace(q.text, "", 1), text[s_start:c_start]
                    )
                    or (kind == "share" and q.start == 0)
                    # "1-9月外贸进出口额7.8亿元": a figure of a period stated is its result.
                    or (scope is not None and scope.start() >= c_start)
                )
                and not NOT_RESULT.search(clause),
                clause=clause,
                sentence_head=text[s_start:c_start],
                start=c_start,
                end=c_end,
                stage=stage.group() if stage else "",
                part="其中" in lead_in,
                last_year=kind == "amount"
                and bool(_LAST_YEAR.search(before))
                and not _COMPARING.search(before),
                year_named=_year_named(before),
            )
        )
    return tuple(_subjects_are_not_results(out))


# "建成小学3所，初中1所": a clause of a noun and its count shares the verb of the one before.
_NOUN_ONLY = re.compile(r"[\u4e00-\u9fff“”\"（）()]{1,10}[。；;]?")


def _verb_of_the_clause_before(rest: str, head: str) -> bool:
    if not _NOUN_ONLY.fullmatch(rest.strip()) or RESULT_VERBS.search(rest):
        return False
    before = re.split(r"[，,：:]", head.rstrip("，, "))[-1]
    return bool(RESULT_VERBS.search(before)) and not NOT_RESULT.search(before)


def list_piece(clause: str, start: int, end: int) -> str:
    """The part of a list (、) of a clause that holds the figure at start:end of it."""
    head = clause.rfind("、", 0, start) + 1
    tail = clause.find("、", end)
    return clause[head : tail if tail >= 0 else len(clause)]


def _stage(clause: str, start: int, end: int) -> re.Match[str] | None:
    """The stage a figure counts: its own part of a list first ("2所已竣工、1所主体完工")."""
    for text in (list_piece(clause, start, end), clause):
        found = EARLY_STAGES.search(text) or FINAL_STAGES.search(text)
        if found:
            return found
    return None


def _year_named(before: str) -> int | None:
    found = _YEAR_NAMED.findall(before)
    return int(found[-1]) if found and not _COMPARING.search(before) else None


def _subjects_are_not_results(found: list[Actual]) -> list[Actual]:
    # "11个老旧小区的改造已完成90%": the count names what the share is of, it is no result.
    with_share = {a.start for a in found if a.kind == "share"}
    return [
        replace(a, result=False)
        if a.kind == "amount" and (a.start in with_share or _subject_of_a_later_count(a, found))
        else a
        for a in found
    ]


def _subject_of_a_later_count(a: Actual, found: list[Actual]) -> bool:
    """ "3所幼儿园已完工2所", "3所幼儿园中已建成1所": the first count names the whole, the
    later one of the same unit, after the verb, is the result ("建成小学2所、初中1所" is a list)."""
    head = a.clause[: a.quantity.start - a.start]
    if RESULT_VERBS.search(head):
        return False
    for b in found:
        if b.start != a.start or b.quantity.start <= a.quantity.start:
            continue
        if b.kind != "amount" or b.quantity.base_unit != a.quantity.base_unit:
            continue
        between = a.clause[a.quantity.end - a.start : b.quantity.start - a.start]
        if "、" not in between and RESULT_VERBS.search(between):
            return True
    return False
