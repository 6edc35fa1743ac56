"""The importer for progress tables as a PDF reader extracts them to text (our example's layout).

Layers, each a function whose output can be dumped (`duban parse --debug`):
raw lines → classified lines (lines.py) → rows split into column pieces (pdf_columns.py)
→ Plan with a diagnostic for every guess (here).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from duban.core.errors import Diagnostic, InputError
from duban.core.importers.assemble.facts import district_of, warn_unknown_unit, year_of
from duban.core.importers.assemble.period import document_period
from duban.core.importers.layouts.lines import SECTION, Line, classify, decode
from duban.core.importers.layouts.pdf_columns import (
    Piece,
    RowPieces,
    Widths,
    is_report_header,
    measure_widths,
    split_row,
    unit_continues,
)
from duban.core.messages import E, W
from duban.core.model import Plan, Report, Section, Task, UnitRef
from duban.core.units import GENERAL, Registry

_NUMBERED = re.compile(
    r"^(?:\d{1,2}(?:、|[.．](?!\d))|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)])"
)
# Spaces beside a non-ASCII character; starting with the space lets the engine skip to spaces.
_SPACE_NEAR_CJK = re.compile(r" (?:(?<=[^\x00-\x7f] ) *| *(?=[^\x00-\x7f]))")
_PARAGRAPH_END = ("。", "：", "；")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _SectionHead:
    number: int
    title: str
    declared: int | None
    line: int


def read_text_file(path: Path, *, units: Registry = GENERAL, district: str | None = None) -> Plan:
    data = path.read_bytes()
    return parse_text(decode(data, str(path)), source=str(path), district=district, units=units)


def looks_like_pdf_text(text: str) -> bool:
    """Whether a text is this layout: section titles with counts and bare task-number lines."""
    lines = classify(text)
    return any(x.kind == "section" for x in lines) and sum(x.kind == "seq" for x in lines) >= 1


def parse_text(
    text: str, *, units: Registry = GENERAL, source: str = "<text>", district: str | None = None
) -> Plan:
    # The parse makes tens of thousands of short-lived objects and no reference cycles; the
    # cyclic collector, running every few hundred allocations, would add a third to its time.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, source, district, units)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse(text: str, source: str, district: str | None, units: Registry) -> Plan:
    lines = classify(text)
    warnings: list[Diagnostic] = []
    title_line = next((x for x in lines if x.kind == "title"), None)
    heads_and_rows = list(_sections_and_rows(lines, warnings))
    if not any(rows for _, rows in heads_and_rows):
        first = next((x for x in lines if x.kind != "blank"), None)
        raise InputError(
            E.NO_SECTIONS(),
            source=source,
            line=first.no if first else 1,
        )
    widths = measure_widths([row for _, rows in heads_and_rows for row in rows], units)
    sections: list[Section] = []
    last_seq = 0
    for head, rows in heads_and_rows:
        tasks = []
        for row in rows:
            pieces = split_row(row, widths, units)
            task = _build_task(pieces, widths, warnings, units)
            if task.seq != last_seq + 1:
                warnings.append(
                    Diagnostic(task.line, W.NUMBER_FOLLOWS(seq=task.seq, previous=last_seq))
                )
            last_seq = task.seq
            tasks.append(task)
        if head.declared is not None and head.declared != len(tasks):
            warnings.append(
                Diagnostic(
                    head.line,
                    W.SECTION_COUNT(title=head.title, declared=head.declared, got=len(tasks)),
                )
            )
        sections.append(Section(head.number, head.title, head.declared, tuple(tasks)))
    _check_truncation(heads_and_rows, sections, source)
    title = title_line.text if title_line else ""
    year = year_of(title)
    return Plan(
        title=title,
        year=year,
        district=district or district_of(text),
        period=document_period(title, [], year),
        sections=tuple(sections),
        warnings=tuple(warnings),
        source=source,
        units=units,
    )


def _sections_and_rows(
    lines: list[Line], warnings: list[Diagnostic]
) -> Iterator[tuple[_SectionHead, list[list[Line]]]]:
    head: _SectionHead | None = None
    rows: list[list[Line]] = []
    number = 0
    pending_page_start = False
    for x in lines:
        if x.kind == "section":
            if head is not None:
                yield head, rows
            m_title, declared = _section_title(x.text)
            head = _SectionHead(number, m_title, declared, x.no)
            number += 1
            rows = []
            continue
        if x.kind in ("footer", "header", "title"):
            # Furniture inside a row: what follows it starts a new page's fragment.
            if rows and (x.kind == "footer" or x.page_start):
                pending_page_start = True
            continue
        if x.kind == "blank":
            continue
        if pending_page_start:
            x = x._replace(page_start=True)
            pending_page_start = False
        if x.kind == "seq":
            if head is None:
                warnings.append(Diagnostic(x.no, W.BEFORE_SECTION()))
                head = _SectionHead(number, "", 0, x.no)
                number += 1
            rows.append([x])
        elif rows:
            rows[-1].append(x)
        else:
            warnings.append(Diagnostic(x.no, W.FURNITURE(text=x.text[:20])))
    if head is not None:
        yield head, rows


def _section_title(text: str) -> tuple[str, int | None]:
    m = SECTION.match(text)
    if m is None:  # a title without "（共 N项）"
        return text.strip(), None
    return m.group("title").strip(), int(m.group("count"))


def _build_task(p: RowPieces, widths: Widths, warnings: list[Diagnostic], units: Registry) -> Task:
    target = clean(p.target, paragraphs=False)
    if not target:
        warnings.append(Diagnostic(p.line, W.NO_TARGET(seq=p.seq)))
    named = _units(p.units, widths, units)
    for name, line in named:
        warn_unknown_unit(name, line, p.seq, warnings, units)
    if not named:
        warnings.append(Diagnostic(p.line, W.NO_UNIT(seq=p.seq)))
    unit_names = [n for n, _ in named]
    reports = _reports(p.progress, unit_names, p.seq, warnings, units)
    return Task(
        seq=p.seq,
        target=target,
        units=tuple(
            UnitRef(n, "lead" if i == 0 else "co", units.canonical(n))
            for i, (n, _) in enumerate(named)
        ),
        reports=tuple(reports),
        line=p.line,
    )


def _units(pieces: list[Piece], widths: Widths, units: Registry) -> list[tuple[str, int]]:
    """Join unit names broken over lines ('区商务和投资促' + '进局')."""
    out: list[tuple[str, int]] = []
    last_line = ""
    for piece in pieces:
        t = _WHITESPACE.sub("", piece.text)
        if out and unit_continues(out[-1][0], last_line, t, widths, units):
            name, line = out.pop()
            out.append((name + t, line))
        else:
            out.append((t, piece.line))
        last_line = t
    return out


def _reports(
    pieces: list[Piece],
    unit_names: list[str],
    seq: int,
    warnings: list[Diagnostic],
    units: Registry,
) -> list[Report]:
    reports: list[tuple[str | None, int, list[Piece]]] = []
    for piece in pieces:
        name = is_report_header(piece.text, units, unit_names)
        if name:
            reports.append((name, piece.line, []))
            continue
        if not reports:
            reports.append((None, piece.line, []))
        reports[-1][2].append(piece)
    out = []
    for name, line, body in reports:
        text = clean(body, paragraphs=True)
        if name:
            warn_unknown_unit(name, line, seq, warnings, units)
        if not text:
            warnings.append(Diagnostic(line, W.REPORT_EMPTY(unit=str(name), seq=seq)))
        out.append(Report(name, text, units.canonical(name) if name else None, line))
    return out


def clean(pieces: list[Piece], *, paragraphs: bool) -> str:
    """Join a cell's lines: the PDF's line breaks go, numbered items stay paragraphs."""
    if not pieces:
        return ""
    texts = [p.text for p in pieces]  # already stripped by lines.classify
    if paragraphs and len(texts) > 1:
        sizes = [len(t.encode("utf-8")) for t in texts]  # proportional to display width
        short = max(sizes) * 0.8  # a line well short of the column's width
        parts = [texts[0]]
        for i in range(1, len(texts)):
            prev = texts[i - 1]
            if _NUMBERED.match(texts[i]) or (
                prev.endswith(_PARAGRAPH_END) and sizes[i - 1] < short
            ):
                parts.append("\n")
            parts.append(texts[i])
        text = "".join(parts)
    else:
        text = "".join(texts)
    if " " in text:
        text = "\n".join(_SPACE_NEAR_CJK.sub("", para).strip() for para in text.split("\n"))
    return text.strip()


def _check_truncation(
    heads_and_rows: list[tuple[_SectionHead, list[list[Line]]]],
    sections: list[Section],
    source: str,
) -> None:
    """A last section shorter than it declares means the copy ends early."""
    head, rows = heads_and_rows[-1]
    if head.declared and len(sections[-1].tasks) < head.declared:
        last_line = rows[-1][-1].no if rows else head.line
        raise InputError(
            E.TEXT_TRUNCATED(got=len(sections[-1].tasks), declared=head.declared, title=head.title),
            source=source,
            line=last_line,
        )


def debug_lines(path: Path, units: Registry) -> Iterator[str]:
    """Every classified line, then every row's column pieces: the importer's layers laid bare."""
    text = decode(path.read_bytes(), str(path))
    lines = classify(text)
    for x in lines:
        if x.kind != "blank":
            yield f"{x.no:5d} p{x.page:<3d} {x.kind:8s} {'^' if x.page_start else ' '} {x.text}"
    warnings: list[Diagnostic] = []
    rows = [r for _, rs in _sections_and_rows(lines, warnings) for r in rs]
    widths: Widths = measure_widths(rows, units)
    yield f"widths: target {widths.target}, units {widths.units}"
    for row in rows:
        p = split_row(row, widths, units)
        yield f"--- task {p.seq} (line {p.line})"
        for col in ("target", "units", "progress"):
            for piece in getattr(p, col):
                yield f"  {col:8s} {piece.line:5d} {piece.text}"
