"""The verdict rules, in one table: indicators against the schedule, tasks from their indicators.

Precision first: "completed" and "on_schedule" come only from a figure matched to the target or
from a clear statement that all of the work is done; anything else stays "in_progress".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from duban.core.indicators.quantities import ABOUT, AT_LEAST, AT_MOST
from duban.core.indicators.targets import TargetIndicator
from duban.core.judgement.labels import INDICATOR_LABELS
from duban.core.judgement.match import Match
from duban.core.judgement.tolerances import DEFAULT_TOLERANCES, Tolerances

Verdict = Literal["completed", "on_schedule", "behind", "stalled", "in_progress"]
IndicatorVerdict = Literal["completed", "on_schedule", "behind", "unknown"]
LABELS = INDICATOR_LABELS  # the one label table (labels.py)


@dataclass(frozen=True)
class Facts:
    """What a rule looks at for one indicator: the figure against the target and the schedule."""

    kind: str  # growth, level, amount
    ratio: float | None  # amounts: actual / target (a stated share is the ratio itself)
    actual: float | None  # growth and level: the figure, signed; upper bounds: in base units
    target: float  # upper-bound amounts: in base units
    due: float  # the share due by the period (duban.core.schedule)
    comparator: str = AT_LEAST  # ">=", "~" about (左右, 约), "<=" an upper bound (以内)
    slack: float = 0.0  # "~" growth and level: points below the target still met
    falling: bool = False  # a fall to reach (下降3%): the target is below zero, lower is better

    @property
    def due_at(self) -> float:
        """The share an amount must reach to be on schedule (a 左右 amount: a part of it)."""
        return self.due * (1 - self.slack) if self.comparator == ABOUT else self.due

    @property
    def upper(self) -> bool:
        return self.comparator == AT_MOST


@dataclass(frozen=True)
class Rule:
    kinds: tuple[str, ...]
    verdict: IndicatorVerdict
    holds: Callable[[Facts], bool]
    words: str  # the verdict as the explanation says it


def _met(f: Facts) -> bool:
    if f.actual is None:
        return False
    slack = f.slack if f.comparator == ABOUT else 0
    if f.falling and f.comparator == ABOUT:
        return f.actual <= f.target + slack  # 下降5%左右: a fall of 4.6% is met
    return f.actual >= f.target - slack


# The indicator rules, first that holds wins.
INDICATOR_RULES: tuple[Rule, ...] = (
    # An upper bound (失业率控制在4.5%以内) is met by any figure at or below it.
    Rule(
        ("growth", "level", "amount"),
        "on_schedule",
        lambda f: f.upper and f.actual is not None and f.actual <= f.target,
        "未超过上限，达标",
    ),
    Rule(("growth", "level", "amount"), "behind", lambda f: f.upper, "超过上限"),
    Rule(("amount",), "completed", lambda f: f.ratio is not None and f.ratio >= 1, "已完成"),
    Rule(
        ("amount",),
        "on_schedule",
        lambda f: f.ratio is not None and f.ratio >= f.due_at,
        "达序时进度",
    ),
    Rule(("amount",), "behind", lambda f: f.ratio is not None, "滞后于序时进度"),
    Rule(("growth", "level"), "on_schedule", _met, "达标"),
    Rule(("growth", "level"), "behind", lambda f: f.actual is not None, "滞后"),
)


@dataclass(frozen=True)
class TaskFacts:
    """What the task rules look at: its indicators' verdicts and the words of its reports."""

    verdicts: tuple[IndicatorVerdict, ...]
    stalled: bool  # every part not yet done is shelved, suspended or not started
    all_done: bool  # a clear statement that all of the work is done, and nothing under way
    under_way: bool  # some part is still under way (正在…, 尚未…)


def _all(facts: TaskFacts, verdict: str) -> bool:
    return bool(facts.verdicts) and all(v == verdict for v in facts.verdicts)


# The task rules, first that holds wins (issue 5: stalled, behind, completed, on schedule, words).
TASK_RULES: tuple[tuple[Verdict, Callable[[TaskFacts], bool]], ...] = (
    ("stalled", lambda t: t.stalled),
    ("behind", lambda t: "behind" in t.verdicts),
    # Completed only when every indicator is: one unknown part is not evidence of completion.
    ("completed", lambda t: _all(t, "completed") and not t.under_way),
    ("on_schedule", lambda t: any(v in ("completed", "on_schedule") for v in t.verdicts)),
    ("completed", lambda t: t.all_done and not t.under_way),
    ("in_progress", lambda t: True),
)


def task_verdict(facts: TaskFacts) -> Verdict:
    return next(verdict for verdict, holds in TASK_RULES if holds(facts))


# Words of the progress text, for tasks no figure decides.
BLOCKED = re.compile(
    r"搁置|暂缓|暂停|停滞|停工|尚未启动|未启动|尚未开工|未开工|受阻|终止|中止"
    # "土地手续无法办理，无法进行后续施工"
    r"|无法(?:推进|进行|开展|实施|施工|开工|落地)"
)
DONE = re.compile(
    r"已竣工|已完成|已全部完成|全部完工|已建成|已投产|投入使用|已完工|已全面完成|已落实到位"
)
ALL_DONE = re.compile(
    r"(任务|工作|目标)(已|均已|已经)(全部|全面)?完成|已全部完成|全部完工|已全面完成|全面完成(全年)?任务"
    # A report that is nothing but a completion statement: "已完成。"
    r"|^\s*(已经?|均已)?(全部)?(完成|完工|办结)\s*[。.！!]?\s*$"
)
ONGOING = re.compile(r"正在|推进中|尚未|未完成|即将|待|进一步|下一步|拟|计划|启动")
# "完成年度目标的80%": a stated share under 100% outweighs words such as 全部完工.
_STATED_SHARE = re.compile(r"(?:完成|占|达到|至)[^，。；]{0,10}?(\d+(?:\.\d+)?)[%％]")


def short_of_target(text: str) -> bool:
    """Whether a progress text states a share of its target or plan under 100%."""
    return any(float(m.group(1)) < 100 for m in _STATED_SHARE.finditer(text))


_PARTS = re.compile(r"[^。；;\n]+")
_HAS_WORD = re.compile(r"[^\s、0-9.]")


def parts(text: str) -> list[tuple[int, str]]:
    """The sentences of a progress text with their offsets."""
    return [(m.start(), m.group()) for m in _PARTS.finditer(text) if _HAS_WORD.search(m.group())]


def is_blocked(part: str) -> bool:
    return bool(BLOCKED.search(part))


def is_done(part: str) -> bool:
    return bool(DONE.search(part)) and not ONGOING.search(part) and not is_blocked(part)


def indicator_facts(
    ind: TargetIndicator, m: Match, due: float, tolerances: Tolerances = DEFAULT_TOLERANCES
) -> Facts | None:
    if m.found is None:
        return None
    a = m.found.actual
    about = ind.comparator == ABOUT
    if ind.comparator == AT_MOST:
        if ind.kind == "amount":
            return Facts("amount", None, a.quantity.base, ind.base, due, AT_MOST)
        return Facts(ind.kind, None, a.value, ind.value, due, AT_MOST, falling=ind.value < 0)
    if ind.kind == "amount":
        ratio = a.value / 100 if a.kind == "share" else a.quantity.base / ind.base
        slack = 1 - tolerances.about_amount_share if about else 0.0
        return Facts("amount", ratio, None, ind.value, due, ind.comparator, slack)
    slack = tolerances.about_points if about else 0.0
    return Facts(ind.kind, None, a.value, ind.value, due, ind.comparator, slack, ind.value < 0)


def indicator_verdict(facts: Facts | None) -> tuple[IndicatorVerdict, str]:
    if facts is None:
        return "unknown", ""
    for rule in INDICATOR_RULES:
        if facts.kind in rule.kinds and rule.holds(facts):
            return rule.verdict, rule.words
    return "unknown", ""


def _number(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e6 else f"{x:.0f}"


def indicator_sentence(
    ind: TargetIndicator,
    m: Match,
    facts: Facts | None,
    words: str,
    scope: str,
    schedule: str = "",
) -> str:
    """ "目标3500人，1-9月完成3737人，完成106.8%，已完成" and its kin; `schedule` names the
    schedule used when it is not the year's twelfths ("按完成时限6月底前直线计")."""
    falling = ind.kind == "growth" and ind.value < 0
    about = (
        "左右"
        if ind.comparator == ABOUT
        else "以上"
        if "以上" in ind.quantity.text or (falling and ind.comparator == AT_MOST)
        else "以内"
        if ind.comparator == AT_MOST or falling
        else ""
    )
    if falling and "以上" not in ind.quantity.text and ind.comparator == AT_MOST:
        about = ""  # 下降3%: a plain fall
    if facts is None or m.found is None:
        reason = m.why_not or "进展情况中没有可比的数字"
        grows = ("下降" if falling else "增长") if ind.kind == "growth" else ""
        value = _number(abs(ind.value) if falling else ind.value)
        return f"{ind.metric}目标{grows}{value}{ind.unit}{about}，{reason}"
    a = m.found.actual
    basis = f"，{schedule}" if schedule else ""
    if facts.kind == "amount" and not facts.upper:
        head = scope
        done = f"，{a.clause}" if a.kind == "share" else f"完成{_number(a.value)}{a.unit}"
        pct = f"完成{facts.ratio * 100:.1f}%" if facts.ratio is not None else ""
        due = "" if words == "已完成" else f"（序时进度{facts.due * 100:.1f}%{basis}）"
        if facts.comparator == ABOUT and words == "达序时进度" and (facts.ratio or 0) < facts.due:
            due += f"，目标为左右，达应完成量的{(1 - facts.slack) * 100:.0f}%即为达序时"
        return f"{ind.metric}目标{_number(ind.value)}{ind.unit}{about}，{head}{done}，{pct}，{words}{due}"
    if facts.kind == "amount":
        return f"{ind.metric}目标{_number(ind.value)}{ind.unit}{about}，{scope}{a.clause}，{words}"
    gap = ""
    if falling and facts.actual is not None and facts.actual > facts.target:
        gap = f"，降幅低于目标{facts.actual - facts.target:.4g}个百分点"
    elif facts.actual is not None and facts.actual < facts.target and not facts.upper:
        gap = f"，低于目标{facts.target - facts.actual:.4g}个百分点"
        if facts.comparator == ABOUT and facts.target - facts.actual <= facts.slack:
            gap += f"（目标为左右，差距在{facts.slack:g}个百分点以内）"
    head = f"{scope}，" if scope and not a.clause.startswith(scope) else ""
    grow = "下降" if falling else "增长" if ind.kind == "growth" else "达到"
    return (
        f"{ind.metric}目标{grow}{_number(abs(ind.value) if falling else ind.value)}{ind.unit}"
        f"{about}，{head}{a.clause}{gap}，"
        f"{words}"
    )
