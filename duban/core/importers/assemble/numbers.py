"""Task numbers as tables write them: 12, （12）, 12., 9*, ★9, 一, 3-1; absent; or sub-items.

A task's `seq` is its running number in the plan: the number as written when the numbers run
up through the plan, else 1 to N in document order (with a warning). Whatever the document
writes that is not simply that number (9*, 一, 3-1) is kept as the task's `number`.
A task whose sub-items each name their own unit becomes one task per sub-item, numbered with
the row's number and a sub-number (3-1, 3-2); a group row above them (a project name with no
unit of its own) gives its name to each and is no task itself.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.cells import one_line
from duban.core.importers.assemble.task import TaskDraft
from duban.core.messages import W

_MARKS = "*＊★☆※△▲#◆●"
_WRITTEN = re.compile(
    rf"^[{_MARKS}]*\s*[（(]?\s*(?P<n>\d{{1,4}})\s*(?:[-－—–.．]\s*(?P<sub>\d{{1,3}}))?\s*[）)]?"
    rf"\s*[{_MARKS}]*\s*[.．、]?$"
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = re.compile(r"^[（(]?(?P<n>[一二三四五六七八九十]{1,3})[）)]?[、.．]?$")


@dataclass(frozen=True)
class Written:
    """A number as written: 9* → (9, None, '9*'); 3-1 → (3, 1, '3-1'); 十二 → (12, None, …)."""

    n: int
    sub: int | None
    text: str


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (up to 99)."""
    if not text or any(ch not in "一二三四五六七八九十" for ch in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def parse_seq(text: str) -> Written | None:
    s = re.sub(r"\s+", "", text or "")
    m = _WRITTEN.match(s)
    if m:
        return Written(int(m.group("n")), int(m.group("sub")) if m.group("sub") else None, s)
    m = _CN.match(s)
    if m:
        n = cn_number(m.group("n"))
        return Written(n, None, s) if n else None
    return None


def _flatten(drafts: list[TaskDraft]) -> list[tuple[TaskDraft, str]]:
    """Drafts in order with the number text each will show; sub-items become tasks."""
    out: list[tuple[TaskDraft, str]] = []
    for d in drafts:
        if not d.subs:
            out.append((d, d.seq_text))
            continue
        base = d.seq_text.strip() or "?"
        if _has_own(d):
            family = [d, *d.subs]
        else:  # a group row: its name opens each sub-item's target
            family = d.subs
            for sub in family:
                sub.prefix = sub.prefix or _words(d)
        for k, sub in enumerate(family, start=1):
            out.append((sub, f"{base}-{k}"))
    return out


def _words(d: TaskDraft) -> str:
    return one_line(
        "\n".join(
            text
            for p in d.parts
            for c, text in zip(d.columns, p.texts, strict=False)
            if c.kind == "target" and text
        )
    )


def _has_own(d: TaskDraft) -> bool:
    """Whether a row above sub-items is a task of its own (it names a unit or a report)."""
    own = ("units", "lead", "co", "progress")
    return any(
        text for p in d.parts for c, text in zip(d.columns, p.texts, strict=False) if c.kind in own
    )


def number_tasks(
    sections: list[list[TaskDraft]], warnings: list[Diagnostic]
) -> list[list[tuple[TaskDraft, int, str]]]:
    """Each section's tasks as (draft, seq, number as written when it is not the seq)."""
    flat = [(i, d, text) for i, drafts in enumerate(sections) for d, text in _flatten(drafts)]
    written = [parse_seq(text) for _, _, text in flat]
    keys = [(w.n, w.sub or 0) if w else None for w in written]
    running = all(k is not None for k in keys) and all(
        b > a  # type: ignore[operator]
        for a, b in itertools.pairwise(keys)
    )
    subs = any(w is not None and w.sub is not None for w in written)
    seqs: list[int]
    if running and not subs:
        seqs = [w.n for w in written]  # type: ignore[union-attr]
        for (_, d, _), n, prev in zip(flat, seqs, [0, *seqs], strict=False):
            if n != prev + 1:
                warnings.append(Diagnostic(d.line, W.NUMBER_FOLLOWS(seq=n, previous=prev), d.page))
    else:
        seqs = list(range(1, len(flat) + 1))
        if flat:
            warnings.append(_renumbered(flat, keys, subs))
    out: list[list[tuple[TaskDraft, int, str]]] = [[] for _ in sections]
    for (i, d, text), seq, w in zip(flat, seqs, written, strict=True):
        shown = w.text if w else text.strip()
        out[i].append((d, seq, "" if shown == str(seq) else shown))
    return out


def _renumbered(
    flat: list[tuple[int, TaskDraft, str]], keys: list[tuple[int, int] | None], subs: bool
) -> Diagnostic:
    first = flat[0][1]
    if all(not text.strip() for _, _, text in flat):
        return Diagnostic(first.line, W.NO_NUMBERS(), first.page)
    if subs and all(k is not None for k in keys):
        return Diagnostic(
            first.line,
            W.SUB_NUMBERED(),
            first.page,
        )
    bad = next(
        (
            d
            for (_, d, _), k, p in zip(flat, keys, [(0, 0), *keys], strict=False)
            if k is None or p is None or k <= p
        ),
        first,
    )
    return Diagnostic(
        bad.line,
        W.NUMBERS_BROKEN(at=bad.seq_text),
        bad.page,
    )
