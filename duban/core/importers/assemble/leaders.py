"""Leader names (分管领导) as web tables spell them: stray spaces inside, or two names run together.

'王 建国' is 王建国; '王建国李明' is 王建国 and 李明 — split only where every piece is a two- or
three-character name that starts with a common surname, so a four-character name stays whole
unless it splits cleanly into two such names.
"""

from __future__ import annotations

import re

from duban.core.model import Person
from duban.core.units.names import COMPOUND_SURNAMES as _COMPOUND
from duban.core.units.names import SURNAMES as _SURNAMES

_NAME = re.compile(r"^[\u4e00-\u9fff]{4,6}$")


def split_leaders(people: tuple[Person, ...]) -> tuple[Person, ...]:
    """Each name with spaces removed; names run together split where the split is clear."""
    out: list[Person] = []
    for person in people:
        name = re.sub(r"\s+", "", person.name)
        for piece in _split_run(name):
            if piece not in [p.name for p in out]:
                out.append(Person(piece, person.role))
    return tuple(out)


def _split_run(name: str) -> list[str]:
    if not _NAME.match(name) or (len(name) <= 4 and name.startswith(_COMPOUND)):
        return [name]
    ways = [p for p in _segmentations(name) if len(p) > 1]
    return ways[0] if len(ways) == 1 else [name]


def _segmentations(text: str) -> list[list[str]]:
    """Every way to cut text into 2- or 3-character pieces each starting with a surname."""
    if not text:
        return [[]]
    out = []
    for size in (2, 3):
        head = text[:size]
        if len(head) == size and head[0] in _SURNAMES:
            out += [[head, *rest] for rest in _segmentations(text[size:])]
    return out
