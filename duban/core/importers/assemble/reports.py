"""Progress cells (进展情况) → one report per unit, as offices write them in a table cell."""

from __future__ import annotations

import re

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.cells import join_visual_lines
from duban.core.importers.assemble.facts import warn_unknown_unit
from duban.core.importers.layouts.pdf_columns import is_report_header
from duban.core.model import Report
from duban.core.units import Registry

_PUNCTUATION = re.compile(r"[，。；：:、,;！？]")
_INLINE_HEADER = re.compile(r"^(?P<name>[^，。；：:、\s]{2,30})[：:](?P<rest>.+)$", re.S)


def split_reports(
    cells: list[tuple[str, int, str | None]],
    task_units: list[str],
    seq: int,
    page: int | None,
    warnings: list[Diagnostic],
    units: Registry,
    *,
    visual_lines: bool = False,
) -> list[Report]:
    """Progress cells (text, line, the row's own unit) → one report per unit header.

    '区发改局：' alone on a line, or '区发改局：上半年…' for a unit of the task or of the registry,
    opens a report; text before any header is the row's own unit's (or nobody's). With
    `visual_lines` (a PDF's cell, broken where the column ends) a header only opens a line that
    follows a sentence's end or a short line: '…资源库作' / '是扩繁与保护工程：…' is one sentence.
    """
    out: list[tuple[str | None, int, list[str]]] = []
    for text, line, own in cells:
        started = False
        lines = _rejoin_headers(
            [x.strip() for x in text.splitlines() if x.strip()], task_units, units
        )
        if not visual_lines:  # '…增长6.2%。城关镇：1-6月…': a cell's line holds several reports
            lines = [part for x in lines for part in _split_inline(x, task_units, units)]
        full = max((_width(x) for x in lines), default=0)
        for k, s in enumerate(lines):
            name, rest = _report_header(s, task_units, units)
            broken = visual_lines and k and not _ends_line(lines[k - 1], full)
            if name is not None and broken and units.lookup(name) is None:
                name = None  # a line the column's edge broke, not a unit's header
            if name is not None:
                out.append((name, line, [rest] if rest else []))
                started = True
                continue
            if not started:
                out.append((own, line, []))
                started = True
            out[-1][2].append(s)
    reports = []
    for name, line, body in out:
        text = join_visual_lines(body)
        if name:
            warn_unknown_unit(name, line, seq, warnings, units)
        if not text:
            warnings.append(Diagnostic(line, f"report of '{name}' in task {seq} is empty", page))
        reports.append(Report(name, text, units.canonical(name) if name else None, line))
    return reports


# Where a sentence ends and a unit's report may open: '。城关镇：', '；县税务局:'.
_SENTENCE_THEN_HEADER = re.compile(r"(?<=[。；;！？])(?=[^，。；：:、\s]{2,30}[：:])")


def _split_inline(line: str, task_units: list[str], units: Registry) -> list[str]:
    """A line cut before each unit header that follows a sentence's end, when the name is a
    reporter of the task ('其中：' or '一是：' never are)."""
    cuts = [0]
    for m in _SENTENCE_THEN_HEADER.finditer(line):
        name, _ = _report_header(line[m.start() :], task_units, units)
        if name is not None and m.start() > cuts[-1]:
            cuts.append(m.start())
    return [line[a:b] for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]


def _width(text: str) -> int:
    return sum(1 if ch.isascii() else 2 for ch in text)


def _ends_line(previous: str, full: int) -> bool:
    """Whether a visual line ends where its writer ended it: a sentence's end, or short."""
    return previous.endswith(("。", "；", "！", "？", "：", ":", ";", "!", "?")) or (
        _width(previous) < 0.8 * full
    )


def _report_header(s: str, task_units: list[str], units: Registry) -> tuple[str | None, str]:
    """'区发改局：' → (区发改局, ''); '区发改局：上半年…' → (区发改局, '上半年…'); else (None, '')."""
    name = is_report_header(s, units, task_units)
    if name is not None:
        return name, ""
    m = _INLINE_HEADER.match(s)
    if m and _is_reporter(m.group("name"), task_units, units):
        return m.group("name"), m.group("rest").strip()
    return None, ""


def _rejoin_headers(lines: list[str], task_units: list[str], units: Registry) -> list[str]:
    """A unit header a narrow cell broke in two ('区房屋征收拆迁事务' / '中心：') made whole."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        s = lines[i]
        if (
            i + 1 < len(lines)
            and len(s) <= 20
            and not _PUNCTUATION.search(s)
            and _report_header(s, task_units, units)[0] is None
            and _report_header(s + lines[i + 1], task_units, units)[0] is not None
        ):
            out.append(s + lines[i + 1])
            i += 2
            continue
        out.append(s)
        i += 1
    return out


def _is_reporter(name: str, task_units: list[str], units: Registry) -> bool:
    """An inline '区发改局：上半年…' opens a report only for a unit of the task or a known unit."""
    if units.lookup(name) is not None:
        return True
    return units.looks_like_unit(name) and any(units.covers(u, name) for u in task_units)
