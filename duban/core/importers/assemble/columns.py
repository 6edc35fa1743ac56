"""Table header names → what each column means, with the synonyms districts use.

Shared by every table importer (DOCX, XLSX, PDF) and by the text-layout importers that build a
Grid (grid.py). A column nobody knows is kept (its text goes to Task.extra) with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal[
    "seq",  # 序号
    "category",  # 类别 / 领域: a merged column that names the section
    "target",  # 年度任务目标 / 工作任务 / 项目名称 …
    "units",  # 责任单位 alone: the first named leads, the others co-operate
    "lead",  # 牵头单位: every unit named leads
    "co",  # 配合单位, or 责任单位 after a lead column
    "leader",  # 责任领导 / 分管区领导
    "progress",  # 进展情况 / 完成情况 / 落实情况
    "problems",  # 存在问题
    "next_steps",  # 下步打算
    "deadline",  # 完成时限 / 时间节点
    "milestone",  # 一季度 … 四季度, 形象进度, 1月 … 12月
    "plan",  # 月度工作计划 / 年度计划
    "measures",  # 具体措施
    "money",  # 总投资 / 当年投资
    "notes",  # 备注
    "unknown",
]

# Exact names first (after removing spaces); most tables use one of these.
_NAMES: tuple[tuple[ColumnKind, str], ...] = (
    ("seq", "序号 编号 序列 No No. NO."),
    ("category", "类别 领域 分类 板块 类型 方面 工作类别 所属部分 部分 所属类别 所属领域 所属板块"),
    (
        "target",
        "年度任务目标 工作任务 目标任务 主要内容 重点工作任务 目标与任务 项目内容 实事内容 "
        "项目名称 项目建设规模及内容 建设规模及内容 任务内容 工作内容 重点任务 任务 目标 工作目标 "
        "年度目标 具体任务 工作事项 事项 项目 任务目标 重点工作 民生实事 主要任务 工作要点 "
        "主要目标 预期目标 目标任务及要求",
    ),
    ("units", "责任单位 责任部门 承办单位 责任主体 单位"),
    ("lead", "牵头单位 主要责任单位 牵头责任单位 牵头部门 主办单位 牵头"),
    ("co", "配合单位 协同配合单位 配合部门 协办单位 参与单位 配合"),
    ("leader", "责任领导 分管领导 分管县领导 分管区领导 牵头领导 包保领导 责任人"),
    (
        "progress",
        "进展情况 完成情况 落实情况 当前进度 工作进展 推进情况 进度情况 工作进度 完成进度 进展 "
        "办理情况 工作推进情况 目前进展",
    ),
    ("problems", "存在问题 存在的问题 问题 困难和问题"),
    ("next_steps", "下步打算 下一步打算 下步工作 下一步工作计划"),
    (
        "deadline",
        "完成时限 时间节点 建设起止年限 完成时间 时限 时限要求 完成期限 办结时限 起止年限 "
        "建设年限 时间安排",
    ),
    ("plan", "月度工作计划 年度计划 工作计划 年度工作计划"),
    ("measures", "具体措施 工作措施 主要措施 推进措施 保障措施"),
    ("money", "总投资 当年投资 年度投资 计划投资 投资额"),
    ("notes", "备注 说明"),
    ("milestone", "形象进度"),
)
_EXACT: dict[str, ColumnKind] = {name: kind for kind, names in _NAMES for name in names.split()}

# Then words a header contains, in order: the first that matches decides.
_CONTAINS: tuple[tuple[str, ColumnKind], ...] = (
    ("序号", "seq"),
    ("形象进度", "milestone"),
    ("季度", "milestone"),
    ("领导", "leader"),
    ("配合", "co"),
    ("协同", "co"),
    ("协办", "co"),
    ("牵头", "lead"),
    ("主要责任", "lead"),
    ("问题", "problems"),
    ("下步", "next_steps"),
    ("下一步", "next_steps"),
    ("计划", "plan"),
    ("投资", "money"),
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
)

_NOT_HEADER = re.compile(r"[，。；：、！？]|\d{2,}|共\s*\d")
_SPACES = re.compile(r"[\s\u3000*＊]+")
_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度")
_MONTH = re.compile(r"^(?:1[-－~～至])?(\d{1,2})月(?:份|底|底前)?$")
_HALF = {"上半年": 6, "前三季度": 9, "下半年": 12, "全年": 12, "年底": 12}


@dataclass(frozen=True)
class ColumnMeaning:
    """What one column of a table means; `header` is its name as written (levels joined by '/')."""

    kind: ColumnKind
    header: str
    label: str | None = None  # for a milestone column: the period as written (一季度)
    end_month: int | None = None  # for a milestone column: the month the period ends


def normalize_header(text: str) -> str:
    """'序  号' and '责任\\n单位' are 序号 and 责任单位; a '*' for a required field goes."""
    return _SPACES.sub("", text or "")


def header_kind(text: str) -> ColumnKind | None:
    """The meaning of one header cell, or None when it is not a header name we know."""
    name = normalize_header(text)
    if not name or len(name) > 20:
        return None
    if name in _EXACT:
        return _EXACT[name]
    if len(name) > 12 or _NOT_HEADER.search(name):
        return None  # a sentence of a task row, not a column name
    if period_end_month(name) is not None:
        return "milestone"
    for word, kind in _CONTAINS:
        if word in name:
            return kind
    return None


def period_end_month(label: str) -> int | None:
    """一季度 → 3, 第三季度 → 9, 上半年 → 6, 6月 → 6; None when the text is not a period."""
    name = normalize_header(label)
    m = _QUARTER.match(name)
    if m:
        return _QUARTERS[m.group(1)]
    m = _MONTH.match(name)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1))
    for word, month in _HALF.items():
        if name.startswith(word):
            return month
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


def is_subheader_row(cells: Sequence[str]) -> bool:
    """The second level of a two-level header: 一季度 … 四季度 under 形象进度, 牵头 / 配合 under 责任单位."""
    texts = [c for c in cells if c and c.strip()]
    if not texts:
        return False
    kinds = [header_kind(c) for c in texts]
    return all(k in ("milestone", "lead", "co", "units", "leader") for k in kinds)


def map_columns(header_rows: Sequence[Sequence[str]]) -> tuple[ColumnMeaning, ...]:
    """The meaning of each column from one or more header rows (top level first).

    A column takes the meaning of its lowest level that names a known column; a level that
    only repeats the one above (a merged header cell) adds nothing. A 责任单位 column after a
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
        header = "/".join(levels)
        kind: ColumnKind = "unknown"
        label = None
        end_month = None
        for text in reversed(levels):
            k = header_kind(text)
            if k is not None:
                kind = k
                break
        if kind == "milestone":
            for text in reversed(levels):
                end_month = period_end_month(text)
                if end_month is not None:
                    label = text
                    break
        if kind == "units" and seen_lead:
            kind = "co"
        seen_lead = seen_lead or kind == "lead"
        out.append(ColumnMeaning(kind, header, label, end_month))
    return tuple(out)
