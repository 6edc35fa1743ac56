"""Facts every importer reads the same way: a document's year and district, and the warning
for a name that does not read as a unit. (The period is read by period.py.)"""

from __future__ import annotations

import re
from collections import Counter

from duban.core.errors import Diagnostic
from duban.core.messages import W
from duban.core.units import Registry

_YEAR = re.compile(r"(20\d\d)\s*年")
_DISTRICT_NAME = re.compile(r"^[\u4e00-\u9fff]{2}[区县市]$")


def year_of(title: str) -> int | None:
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


def district_of(text: str) -> str | None:
    """The 'XX区' (县, 市) whose 人民政府 the text names most often."""
    counts: Counter[str] = Counter()
    start = text.find("人民政府")
    while start != -1:
        name = text[max(0, start - 3) : start]
        if _DISTRICT_NAME.match(name):
            counts[name] += 1
        start = text.find("人民政府", start + 4)
    return counts.most_common(1)[0][0] if counts else None


def warn_unknown_unit(
    name: str, line: int, seq: int, warnings: list[Diagnostic], units: Registry
) -> None:
    """Once per document and name: a name neither known nor shaped like a unit (a person, a
    typo?). Ordinary units (县发改局, 柳泉乡, 各乡镇) are read by their words and never warned."""
    if not units.is_unknown(name):
        return
    message = W.UNKNOWN_UNIT(name=name, seq=seq)
    if not any(w.message == message for w in warnings):
        warnings.append(Diagnostic(line, message))
