"""The one table of words a person reads for a verdict, a light or a flag.

Every page, export, chart, API answer and CLI line takes its Chinese from here; the keys are
our identifiers and never shown. "not_reported" is a task with no reported text for the
period, told apart from "in_progress" everywhere.
"""

from __future__ import annotations

# Best first: the order of counts in charts, tables and the bulletin.
# "closed" (已办结) is a kind of completed: a task the office closed with a grade (办结销号,
# duban/web/workflow/closing.py); totals count it with completed, the bulletin names it apart.
VERDICT_ORDER = (
    "closed",
    "completed",
    "on_schedule",
    "in_progress",
    "behind",
    "stalled",
    "not_reported",
)
VERDICT_LABELS = {
    "closed": "已办结",
    "completed": "已完成",
    "on_schedule": "达序时进度",
    "in_progress": "推进中",
    "behind": "滞后",
    "stalled": "停滞",
    "not_reported": "未报送",
}
# An indicator with no figure to compare with its target.
INDICATOR_LABELS = {**VERDICT_LABELS, "unknown": "无法比较"}
LIGHT_LABELS = {"red": "红", "yellow": "黄", "green": "绿"}
FLAG_LABELS = {
    "vague": "内容空泛",
    "unchanged": "与上期基本相同",
    "reused": "与其他任务内容重复",
    "missing_report": "有责任单位未报送",
    "unlisted_reporter": "非责任单位报送",
    "inconsistent": "数据不一致",
    "blocked": "部分工作受阻",
    "stale": "数据时段滞后",
    "estimate": "以预计数代替实际数",
    "late": "逾期报送",
    "status_disagrees": "与表内自评不一致",
}


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, INDICATOR_LABELS.get(verdict, verdict))


def flag_label(kind: str) -> str:
    return FLAG_LABELS.get(kind, kind)
