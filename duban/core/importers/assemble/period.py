"""The reporting period a document states in its title or the lines around it.

'截至6月20日' → June, '（截至10月31日）' → October, '2024年4月…进展情况' → April, '第三季度' →
September. Publishing dates in a page's metadata block (发布时间：2024-07-05) are not periods:
only the title and lines that speak of progress (截至, 进展, 落实, 完成情况) are read.
"""

from __future__ import annotations

import re

from duban.core.importers.layouts.furniture import is_furniture
from duban.core.model import Period

_AS_OF = re.compile(
    r"(?P<label>截[至止](?:20\d\d\s*年)?\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?)"
)
_RANGE = re.compile(r"(?P<label>(?:1|一)\s*[-－—~～至到]\s*(?P<m>1[0-2]|[1-9])\s*月(?:份)?)")
_QUARTER = re.compile(r"(?P<label>(?:第?[一二三四1-4]季度|前三季度|上半年|下半年))")
_MONTH = re.compile(
    r"(?P<label>(?:20\d\d\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月(?:份|底|末)?)"
    r"(?=[^日号\d]{0,40}(?:进展|落实|完成|推进|办理)情况)"
)
_QUARTER_END = {
    "一": 3,
    "1": 3,
    "二": 6,
    "2": 6,
    "三": 9,
    "3": 9,
    "四": 12,
    "4": 12,
}
_HALVES = {"前三季度": 9, "上半年": 6, "下半年": 12}
_PROGRESS_WORDS = ("截至", "截止", "进展", "落实", "完成情况", "推进情况", "季度", "上半年", "1-")


def document_period(title: str, others: list[str], year: int | None) -> Period | None:
    """The period of a progress document: the title first, then its subtitles and notes."""
    lines = [title] + [
        s for s in others if not is_furniture(s) and any(w in s for w in _PROGRESS_WORDS)
    ]
    for line in lines:  # the title's own words before a paragraph's (奋力冲刺四季度)
        for pattern in (_AS_OF, _QUARTER, _RANGE, _MONTH):
            m = pattern.search(line)
            if m:
                return Period(_label(m.group("label")), _end_month(m), year)
    return None


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _end_month(m: re.Match[str]) -> int:
    label = _label(m.group("label"))
    if "m" in m.re.groupindex and m.group("m"):
        return int(m.group("m"))
    if label in _HALVES:
        return _HALVES[label]
    q = re.search(r"([一二三四1-4])季度", label)
    assert q is not None  # _QUARTER matched one of the labels above
    return _QUARTER_END[q.group(1)]
