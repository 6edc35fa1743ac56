"""Table header names → what each column means, with the synonyms districts use.

Shared by every table importer (DOCX, XLSX, PDF) and by the text layouts that build a Grid. A
header is read in three parts: the unit in its brackets (完成值（人）, 完成比例(%)), the period
it states (1-7月完成, 1-10月进展情况, 2024年目标) and the name left over, which the vocabulary
below maps to a kind. What a column's cells hold can still change its reading (schema.py: a
目标任务 column of bare numbers is a numeric target). A column nobody knows is kept (its text
goes to Task.extra) with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from duban.core.model import FigureRole

ColumnKind = Literal[
    "seq",  # 序号
    "category",  # 类别 / 领域: a merged column that names the section
    "target",  # 年度任务目标 / 工作任务 / 项目名称 …
    "units",  # 责任单位 alone: the first named leads, the others co-operate
    "lead",  # 牵头单位: every unit named leads
    "co",  # 配合单位, or 责任单位 after a lead column
    "leader",  # people: 责任领导 / 分管县领导 / 责任人 (never units)
    "progress",  # 进展情况 / 完成情况 / 落实情况
    "problems",  # 存在问题
    "next_steps",  # 下步打算
    "deadline",  # 完成时限 / 时间节点 / 建设起止年限
    "milestone",  # 一季度 … 四季度, 形象进度, 1月 … 12月
    "plan",  # 月度工作计划 / 年度计划
    "measures",  # 具体措施
    "figure",  # a number with its role: 目标值, 完成值, 完成比例(%), 总投资（万元）
    "status",  # the office's own judgement: 是否达序, 完成状态
    "notes",  # 备注: a status when it reads like one, else kept as written
    "info",  # 资金来源, 联系人, 建设地点: known, kept as written in Task.extra
    "unknown",
]

# Exact names first (after removing spaces, the unit bracket and the period); most tables use
# one of these.
_NAMES: tuple[tuple[ColumnKind, str], ...] = (
    ("seq", "序号 编号 序列 No No. NO. 项次 排序"),
    (
        "category",
        "类别 领域 分类 板块 类型 方面 工作类别 所属部分 部分 所属类别 所属领域 所属板块 项目类别 "
        "工作板块 类型领域",
    ),
    (
        "target",
        "年度任务目标 工作任务 目标任务 主要内容 重点工作任务 目标与任务 项目内容 实事内容 "
        "项目名称 项目建设规模及内容 建设规模及内容 任务内容 工作内容 重点任务 任务 目标 工作目标 "
        "年度目标 具体任务 工作事项 事项 项目 任务目标 重点工作 民生实事 主要任务 工作要点 "
        "主要目标 预期目标 目标任务及要求 建设内容 建设规模 指标 指标名称 主要指标 项目及内容 "
        "实事项目 工作目标任务 目标要求 年度工作目标 年度重点任务 任务名称 项目建设内容",
    ),
    (
        "units",
        "责任单位 责任部门 承办单位 责任主体 单位 实施单位 完成单位 落实单位 责任科室 业主单位 "
        "实施主体 项目业主",
    ),
    (
        "lead",
        "牵头单位 主要责任单位 牵头责任单位 牵头部门 主办单位 牵头 区级牵头单位 县级牵头单位 "
        "市级牵头单位 牵头责任部门",
    ),
    ("co", "配合单位 协同配合单位 配合部门 协办单位 参与单位 配合 协作单位 协同单位 配合责任单位"),
    (
        "leader",
        "责任领导 分管领导 分管县领导 分管区领导 分管市领导 牵头领导 包保领导 责任人 协管责任人 "
        "县级领导 区级领导 联系领导 包抓领导 领衔领导 牵头县领导 牵头区领导 主要责任人 具体责任人 "
        "责任县领导 责任区领导 协管领导 分管负责人",
    ),
    (
        "progress",
        "进展情况 完成情况 落实情况 当前进度 工作进展 推进情况 进度情况 工作进度 完成进度 进展 "
        "办理情况 工作推进情况 目前进展 实施进度 项目进展 进展成效 工作完成情况 完成进展 "
        "工作进展情况 项目进展情况 工作落实情况 任务完成情况 推进落实情况",
    ),
    ("problems", "存在问题 存在的问题 问题 困难和问题 存在困难"),
    ("next_steps", "下步打算 下一步打算 下步工作 下一步工作计划 下步措施 下一步措施"),
    (
        "deadline",
        "完成时限 时间节点 建设起止年限 完成时间 时限 时限要求 完成期限 办结时限 起止年限 "
        "建设年限 时间安排 建设期限 计划完成时间 起止时间 建设起止时间",
    ),
    ("plan", "月度工作计划 年度计划 工作计划 年度工作计划 计划 年度计划目标 月度计划"),
    ("measures", "具体措施 工作措施 主要措施 推进措施 保障措施"),
    (
        "status",
        "是否达序 是否达到序时进度 是否达到时序进度 是否达到序时 完成状态 推进状态 进度状态 "
        "达序情况 是否完成 进度评价 完成评价 是否滞后 状态 是否按序时推进 是否达到进度",
    ),
    ("notes", "备注 说明"),
    (
        "info",
        "资金来源 资金渠道 建设地点 项目地点 建设性质 联系人 联系电话 联系方式 资金筹措 投资主体 "
        "项目类型 建设单位",
    ),
    ("milestone", "形象进度"),
)
_EXACT: dict[str, ColumnKind] = {name: kind for kind, names in _NAMES for name in names.split()}

# A figure column's role from its name (after the unit and the period are taken off).
_FIGURE_NAMES: tuple[tuple[FigureRole, str], ...] = (
    ("share", "完成比例 完成率 比例 完成进度比例 占比 完成百分比 百分比 完成度 完成目标 比率"),
    ("total", "总投资 计划总投资 项目总投资 总投资额 估算总投资"),
    (
        "actual",
        "完成值 完成数 实际完成 累计完成 完成量 完成投资 完成额 已完成 实绩 实际值 完成 "
        "完成数值 累计完成投资 已完成投资 实际完成值 完成任务",
    ),
    (
        "target",
        "目标值 计划数 计划值 目标数 年度目标值 当年投资 年度投资 计划投资 年度计划投资 投资额 "
        "任务数 目标任务数 计划完成 年度计划投资额 当年计划投资",
    ),
)
_FIGURES: dict[str, FigureRole] = {n: role for role, names in _FIGURE_NAMES for n in names.split()}

# Then words a header contains, in order: the first that matches decides.
_CONTAINS: tuple[tuple[str, ColumnKind], ...] = (
    ("序号", "seq"),
    ("形象进度", "milestone"),
    ("季度", "milestone"),
    ("达序", "status"),
    ("序时", "status"),
    ("领导", "leader"),
    ("责任人", "leader"),
    ("配合", "co"),
    ("协同", "co"),
    ("协办", "co"),
    ("牵头", "lead"),
    ("主要责任", "lead"),
    ("问题", "problems"),
    ("下步", "next_steps"),
    ("下一步", "next_steps"),
    ("计划", "plan"),
    ("时限", "deadline"),
    ("时间", "deadline"),
    ("期限", "deadline"),
    ("年限", "deadline"),
    ("进展", "progress"),
    ("进度", "progress"),
    ("完成情况", "progress"),
    ("落实情况", "progress"),
    ("推进情况", "progress"),
    ("措施", "measures"),
    ("备注", "notes"),
    ("责任单位", "units"),
    ("责任部门", "units"),
    ("任务", "target"),
    ("目标", "target"),
    ("内容", "target"),
    ("事项", "target"),
    ("项目", "target"),
    ("指标", "target"),
)

_SENTENCE = re.compile(r"[，。；：、！？,;:!?]|共\s*\d")
_SPACES = re.compile(r"[\s\u3000*＊]+")
# The unit a header states in its last brackets: 完成值（人）, 完成比例(%), 总投资（万元）.
_UNIT = re.compile(r"[（(]\s*(?P<unit>%|％|[\u4e00-\u9fffA-Za-z²³/]{1,5})\s*[）)]$")
# The period a header states: 1-7月, 1—10月份, 截至6月底, 2024年, 上半年, 一季度, 前三季度.
_HEADER_PERIOD = re.compile(
    r"(?P<label>(?:20\d\d\s*年度?\s*)?(?:(?:1|一)\s*[-－—~～至到]\s*(?P<to>1[0-2]|[1-9])\s*月(?:份|底|末)?"
    r"|截[至止]\s*(?P<asof>1[0-2]|0?[1-9])\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?"
    r"|第?(?P<q>[一二三四1-4])季度(?:末)?|前三季度|上半年|下半年|全年|年底|年末"
    r"|(?P<m>1[0-2]|0?[1-9])\s*月(?:份|底|末)?)|20\d\d\s*年度?)"
)
_QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_WORD_END = {"前三季度": 9, "上半年": 6, "下半年": 12, "全年": 12, "年底": 12, "年末": 12}


@dataclass(frozen=True)
class ColumnMeaning:
    """What one column of a table means; `header` is its name as written (levels joined by '/').

    `label` and `end_month` are the period the header states (一季度 → 3, 1-10月 → 10), `role`
    and `unit` a figure column's role (target, actual, share, total) and unit. schema.py sets
    `in_target` for a numeric target the task's target states (目标任务（人） | 26000) and
    `earlier` for a progress column of an earlier period than the table's latest, and
    `also_status` for a lone progress column of status words (达序推进, 已完工).
    """

    kind: ColumnKind
    header: str
    label: str | None = None
    end_month: int | None = None
    role: FigureRole | None = None
    unit: str = ""
    in_target: bool = False
    earlier: bool = False
    also_status: bool = False  # a progress column of status words: each is a status too


def normalize_header(text: str) -> str:
    """'序  号' and '责任\\n单位' are 序号 and 责任单位; a '*' for a required field goes."""
    return _SPACES.sub("", text or "")


def header_unit(text: str) -> str:
    """The unit a header states in brackets at its end: 完成值（人） → 人; '' when none."""
    m = _UNIT.search(normalize_header(text))
    if m is None or m.group("unit") in ("牵头", "配合", "主办", "协办"):
        return ""
    return "%" if m.group("unit") == "％" else m.group("unit")


def header_period(text: str) -> tuple[str, int] | None:
    """The period a header states and the month it ends: 1-10月进展情况 → ('1-10月', 10)."""
    name = normalize_header(text)
    for m in _HEADER_PERIOD.finditer(name):
        label = m.group("label")
        for group in ("to", "asof", "m"):
            if m.group(group):
                return label, int(m.group(group))
        if m.group("q"):
            return label, _QUARTER_END[m.group("q")]
        for word, month in _WORD_END.items():
            if word in label:
                return label, month
    return None


def _core(name: str) -> str:
    """The name without its unit bracket and the period it states: 1-7月完成值（人） → 完成值."""
    unit = _UNIT.search(name)
    if unit is not None and header_unit(name):
        name = name[: unit.start()]
    return _HEADER_PERIOD.sub("", name).strip("（）()/-—")


def period_end_month(label: str) -> int | None:
    """一季度 → 3, 第三季度 → 9, 上半年 → 6, 6月 → 6; None when the text is not only a period."""
    name = normalize_header(label).rstrip("末前")
    found = header_period(name)
    if found is None or _core(name):
        return None
    return found[1]


@lru_cache(maxsize=8192)  # a pure function of the text, asked for every cell a layout tries
def header_kind(text: str) -> ColumnKind | None:
    """The meaning of one header cell, or None when it is not a header name we know."""
    name = normalize_header(text)
    if not name or len(name) > 24:
        return None
    if name in _EXACT:
        return _EXACT[name]
    core = _core(name)
    if not core:  # only a period: 一季度, 6月 (a date as of which, （截至6月20日）, is none)
        dated = "日" in name or name.startswith(("（", "("))
        return "milestone" if header_period(name) is not None and not dated else None
    if core in _EXACT:
        return _EXACT[core]
    if len(core) > 12 or _SENTENCE.search(core) or re.search(r"\d", core):
        return None  # a sentence of a task row, not a column name
    if figure_role(name) is not None:
        return "figure"
    for word, kind in _CONTAINS:
        if word in core:
            return kind
    return None


def figure_role(text: str) -> FigureRole | None:
    """The role a header names for a numeric column, or None: 完成比例(%) → share."""
    name = normalize_header(text)
    core = _core(name)
    if core in _FIGURES:
        return _FIGURES[core]
    if header_unit(name) == "%" and core:
        return "share"
    for word, role in (("比例", "share"), ("完成率", "share"), ("总投资", "total")):
        if word in core:
            return role  # type: ignore[return-value]
    return None


def is_header_row(cells: Sequence[str]) -> bool:
    """A row of header names: at least two cells name a known column, one of them a task column."""
    texts = list(dict.fromkeys(c.strip() for c in cells if c and c.strip()))  # merged: once
    if any(c.isdigit() for c in texts):
        return False
    kinds = [header_kind(c) for c in texts]
    known = [k for k in kinds if k is not None]
    if len(set(known)) < 2 or len(known) < len(kinds) / 2:
        return False
    return bool({"seq", "target", "lead", "units"} & set(known))


_SUBLEVEL_KINDS = ("milestone", "lead", "co", "units", "leader", "figure", "progress", "status")


def is_subheader_row(cells: Sequence[str]) -> bool:
    """The second level of a header: 一季度 … under 形象进度, 牵头 / 配合 under 责任单位, 完成值 /
    完成比例(%) under 1-7月."""
    texts = [c for c in cells if c and c.strip()]
    if not texts:
        return False
    kinds = [header_kind(c) for c in texts]
    return all(k in _SUBLEVEL_KINDS for k in kinds)


def map_columns(header_rows: Sequence[Sequence[str]]) -> tuple[ColumnMeaning, ...]:
    """The meaning of each column from one or more header rows (top level first).

    A column takes the meaning of its lowest level that names a column; a level that only
    repeats the one above (a merged header cell) adds nothing, and a level that only states a
    period (1-10月 under 完成情况) takes its kind from the level above. A 责任单位 column after a
    牵头单位 column holds the co-operating units.
    """
    width = max((len(r) for r in header_rows), default=0)
    out: list[ColumnMeaning] = []
    seen_lead = False
    for i in range(width):
        levels: list[str] = []
        for row in header_rows:
            text = normalize_header(row[i]) if i < len(row) else ""
            if text and (not levels or levels[-1] != text):
                levels.append(text)
        meaning = _meaning(levels)
        if meaning.kind == "units" and seen_lead:
            meaning = ColumnMeaning("co", meaning.header)
        seen_lead = seen_lead or meaning.kind == "lead"
        out.append(meaning)
    return tuple(out)


def _meaning(levels: list[str]) -> ColumnMeaning:
    header = "/".join(levels)
    kind: ColumnKind = "unknown"
    named = ""
    for text in reversed(levels):
        k = header_kind(text)
        if k is None:
            continue
        if k == "milestone" and not _core(text) and text != levels[0]:
            parent = next((header_kind(t) for t in levels[: levels.index(text)]), None)
            if parent not in (None, "milestone"):
                continue  # a period under 完成情况 or 完成值: the parent says what it is
        kind, named = k, text
        break
    period = next((p for p in (header_period(t) for t in reversed(levels)) if p), None)
    label, end_month = period if period else (None, None)
    if kind == "milestone" and end_month is None:
        label = None
    role = figure_role("".join(levels)) if kind == "figure" else None
    if kind == "figure" and role is None:
        role = figure_role(named)
    unit = next((u for u in (header_unit(t) for t in reversed(levels)) if u), "")
    return ColumnMeaning(kind, header, label, end_month, role, unit)
