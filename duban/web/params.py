"""Integer parameters of URLs, parsed once and strictly: ids in paths (`<id:report_id>`) and
integers in query strings (`?section=3&page=2`).

`str.isdigit()` and `int()` accept far more than a URL should carry: superscripts (²), circled
digits (①) and digits of other scripts, which int() then refuses or the database cannot hold
(a number beyond 64 bits). Here only ASCII digits, without sign or leading zero, within bounds,
are numbers. What a wrong value answers is access.py's rule: a path that names no object is 404,
a malformed query parameter is 400 (after the gate, so a denial answers as a denial).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import BadRequest

# The largest id any page or API operation accepts: larger ids cannot exist here (the API
# documents the same bound), and every such value fits each database's integers.
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[1-9][0-9]{0,9}|0")  # ASCII only; \d would match ² and ①


class BadParameter(BadRequest):
    """A query parameter that is not what the page reads; its sentence is shown on the 400 page."""


def parse_int(raw: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """raw as an integer within [minimum, maximum], or None: '12' → 12; '²', '012', '-1' → None."""
    if not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def query_int(
    params: Mapping[str, str], name: str, *, minimum: int = 1, maximum: int = MAX_ID
) -> int | None:
    """The query parameter `name` as an integer; None when absent or empty (a form's "all").
    Anything else that is not a number in bounds is a bad request (400). A repeated key counts
    by its last value, as everywhere in Django, and that value is checked the same way."""
    raw = params.get(name, "")
    if raw == "":
        return None
    value = parse_int(raw, minimum=minimum, maximum=maximum)
    if value is None:
        raise BadParameter(f"参数 {name} 应为 {minimum} 至 {maximum} 之间的整数")
    return value


class IdConverter:
    """`<id:name>` in a route: a positive id up to MAX_ID. Any other value matches no route,
    so it answers 404 like an id that names nothing."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        parsed = parse_int(value)
        if parsed is None:
            raise ValueError(value)  # Django's resolver: this route does not match
        return parsed

    def to_url(self, value: int) -> str:
        return str(value)
