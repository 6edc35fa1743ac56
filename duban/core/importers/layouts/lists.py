"""Task lists without a grid → a Grid: '1.努力实现…' followed by '牵头单位：…' label lines.

Decomposition documents are often published as prose lists: a numbered target, then lines that
label its units, leader, deadline or progress (full-width or ASCII colons, sometimes in brackets
at the end of the target). The labels become the columns of a Grid, so the shared layer reads
them with the same column meanings as a table's header.
"""

from __future__ import annotations

import re

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.columns import header_kind
from duban.core.importers.grid import Grid, GridRow, looks_like_section
from duban.core.importers.layouts.furniture import is_furniture, split_front

_ITEM = re.compile(r"^(?:(?P<n>\d{1,3})\s*[.．、](?!\d)|[（(](?P<p>\d{1,3})[）)])\s*(?P<rest>.*)$")
_LABEL = re.compile(r"[（(【\[]?\s*(?P<label>[\u4e00-\u9fff]{2,8})\s*[:：]\s*")
_LABEL_KINDS = frozenset(
    (
        "units",
        "lead",
        "co",
        "leader",
        "deadline",
        "progress",
        "plan",
        "notes",
        "money",
        "measures",
        "problems",
        "next_steps",
        "milestone",
    )
)
_CLOSE = "）)】]"


def label_kind(label: str) -> str | None:
    kind = header_kind(label)
    return kind if kind in _LABEL_KINDS else None


def _labels_in(line: str) -> list[tuple[int, int, str]]:
    """Where labels start in a line: (start, end of the colon, label), known column names only."""
    out: list[tuple[int, int, str]] = []
    if ":" not in line and "：" not in line:
        return out
    for m in _LABEL.finditer(line):
        if label_kind(m.group("label")) is None:
            continue
        at = m.start("label")
        if at > 0 and line[at - 1] not in " \t\u3000（(【[）)】]；;。，,":
            continue  # '…的完成情况：' inside a sentence is no label
        start = m.start()
        out.append((start, m.end(), m.group("label")))
    return out


def looks_like_list(text: str) -> bool:
    """Numbered targets and at least two label lines naming units or a leader."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    items = sum(bool(_ITEM.match(x)) for x in lines)
    labelled = 0
    for x in lines:
        found = _labels_in(x)
        if found and label_kind(found[0][2]) in ("units", "lead", "co", "leader"):
            labelled += 1
    return items >= 1 and labelled >= min(2, items)


def _opens_item(
    n: int, last_n: int, current: dict[str, list[str]] | None, field: str, lines: list[str], no: int
) -> bool:
    """A numbered line opens the next task, unless it numbers paragraphs inside a label's text."""
    if current is None:
        return True
    if n <= last_n:
        return False
    if not any(_ITEM.match(x) for x in current.get(field, [])) or field == "target":
        return True
    for x in lines[no:]:  # numbered paragraphs inside a value: a task is followed by its labels
        x = x.strip()
        if _labels_in(x):
            return True
        if _ITEM.match(x) or looks_like_section(x):
            return False
    return False


def list_to_grid(text: str, source: str) -> tuple[Grid, list[Diagnostic]]:
    """The list's items → one body row each, its labels → the columns (in order of first use)."""
    front: list[str] = []
    tail: list[str] = []
    labels: list[str] = []
    entries: list[tuple[str, object, int]] = []  # ("section", title, line) | ("item", fields, line)
    current: dict[str, list[str]] | None = None
    field = "target"
    last_n = 0
    all_lines = text.splitlines()
    for no, raw in enumerate(all_lines, start=1):
        s = raw.strip()
        if not s:
            continue
        item = _ITEM.match(s)
        n = int(item.group("n") or item.group("p")) if item else 0
        if item and _opens_item(n, last_n, current, field, all_lines, no):
            last_n = n
            current = {"seq": [str(n)], "target": []}
            entries.append(("item", current, no))
            field = "target"
            s = item.group("rest")
        elif not item and looks_like_section(s) and len(s) <= 60 and "。" not in s.rstrip("。"):
            entries.append(("section", s, no))
            current = None
            continue
        elif current is None:
            (tail if entries else front).append(s)
            continue
        elif is_furniture(s):
            tail.append(s)
            continue
        found = _labels_in(s)
        head = s[: found[0][0]] if found else s
        if head.strip():
            current.setdefault(field, []).append(head.strip())
        for k, (_, end, label) in enumerate(found):
            stop = found[k + 1][0] if k + 1 < len(found) else len(s)
            value = s[end:stop].strip().rstrip("；;").strip()
            opened = sum(value.count(o) for o in "（(【[")
            if value.endswith(tuple(_CLOSE)) and sum(value.count(c) for c in _CLOSE) > opened:
                value = value[:-1].strip()  # the bracket around '（牵头单位：…）' closes here
            if label not in labels:
                labels.append(label)
            field = label
            current.setdefault(field, [])
            if value:
                current[field].append(value)
    title, furniture = split_front(front)
    rows = [GridRow.of([s], 0, kind="furniture") for s in furniture]
    header = ["序号", "工作任务", *labels]
    first_line = next((line for _, _, line in entries), 1)
    rows.append(GridRow.of(header, first_line, kind="header"))
    for kind, entry, line in entries:
        if kind == "section":
            rows.append(GridRow.of([str(entry)], line, kind="section"))
            continue
        fields: dict[str, list[str]] = entry if isinstance(entry, dict) else {}
        texts = ["\n".join(fields.get(name, [])) for name in ["seq", "target", *labels]]
        rows.append(GridRow.of(texts, line, kind="body"))
    grid = Grid(tuple(rows), source=source, title=title, text="\n".join(furniture + tail))
    return grid, []


# '1.地区生产总值(第1项):增长6.1%,低于目标0.9个百分点。': a bulletin's numbered findings.
_HEAD = re.compile(r"^(?P<head>[^，。；,;：:]{2,40}?)\s*[：:]\s*(?P<rest>.+)$")


def numbered_to_grid(text: str, source: str) -> tuple[Grid, list[Diagnostic]] | None:
    """A bulletin's numbered list with no unit labels (督查通报: targets below 序时): each item a
    task, its words before a colon the target and after it the progress; None when the text
    holds no run of three items numbered 1, 2, 3."""
    lines = text.splitlines()
    entries: list[tuple[str, str | list[str], int]] = []
    front: list[str] = []
    last = 0
    runs = 0
    for no, raw in enumerate(lines, start=1):
        s = raw.strip()
        if not s:
            continue
        item = _ITEM.match(s)
        n = int(item.group("n") or item.group("p")) if item else 0
        if (item and n == last + 1) or (item and n == 1 and last):
            last = n
            runs = max(runs, n)
            entries.append(("item", [str(n), item.group("rest")], no))
        elif not item and looks_like_section(s) and len(s) <= 60 and "。" not in s.rstrip("。"):
            entries.append(("section", s, no))
            last = 0
        elif entries and entries[-1][0] == "item" and not is_furniture(s):
            fields = entries[-1][1]
            assert isinstance(fields, list)
            fields[1] += s  # a line of the item the page broke
        elif not any(kind == "item" for kind, _, _ in entries):
            front.append(s)
    if runs < 3:
        return None
    title, furniture = split_front(front)
    rows = [GridRow.of([x], 0, kind="furniture") for x in furniture]
    first = next(line for kind, _, line in entries if kind == "item")
    rows.append(GridRow.of(["序号", "工作任务", "进展情况"], first, kind="header"))
    for kind, value, line in entries:
        if kind == "section":
            rows.append(GridRow.of([str(value)], line, kind="section"))
            continue
        assert isinstance(value, list)
        number, body = value
        m = _HEAD.match(body)
        target, progress = (m.group("head"), m.group("rest")) if m else (body, "")
        rows.append(GridRow.of([number, target, progress], line, kind="body"))
    grid = Grid(tuple(rows), source=source, title=title, text="\n".join(furniture))
    return grid, []
