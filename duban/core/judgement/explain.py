"""The one Chinese sentence a task's verdict is explained by, quoting the evidence it rests on."""

from __future__ import annotations

from duban.core.judgement.results import IndicatorJudgement
from duban.core.judgement.verdicts import ALL_DONE, LABELS
from duban.core.model import Task


def explanation(
    task: Task,
    verdict: str,
    judged: list[IndicatorJudgement],
    blocked: list[str],
    all_parts: list[str],
) -> str:
    if not task.reports and not any(j.actual for j in judged):
        return "未报送进展情况"
    if verdict == "stalled":
        return f"{blocked[0].strip()}，{LABELS['stalled']}"
    deciding = [j for j in judged if j.verdict == verdict] or [
        j for j in judged if j.verdict in ("completed", "on_schedule")
    ]
    if verdict in ("behind", "completed", "on_schedule") and deciding:
        text = "；".join(j.explanation for j in deciding)
        if verdict == "on_schedule" and any(j.verdict == "completed" for j in deciding):
            text += f"；任务整体{LABELS['on_schedule']}"
        return text
    if verdict == "completed":
        done = next(p for p in all_parts if ALL_DONE.search(p))
        return f"“{done.strip()}”，{LABELS['completed']}"
    unknown = [j.explanation for j in judged if j.verdict == "unknown"]
    if unknown:
        return "；".join(unknown) + f"，{LABELS['in_progress']}"
    return "无可量化指标，按进展情况文字判断为推进中"
