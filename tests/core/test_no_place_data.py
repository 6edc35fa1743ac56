"""The code holds no place's data: the example's towns, streets, enterprises and typos live in
its units file (examples/yicheng-2021-q3.units.toml), never in duban/core or duban/web.

Department stems (发改, 人社 …) are general knowledge and allowed; so is any unit name an office
anywhere could write. What is checked is what only that one district has.
"""

from __future__ import annotations

from pathlib import Path

from duban.core.units import short_form, units_beside

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "yicheng-2021-q3.txt"
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".toml", ".po", ".js", ".css", ".md", ".json")


def _one_places_names() -> set[str]:
    units = units_beside(EXAMPLE).units
    names = {u.canonical for u in units if u.kind in ("town", "street", "enterprise")}
    # Spellings that are not the general short form of the unit's name: the table's typos
    # (区人社区) and its local nicknames.
    names |= {
        a
        for u in units
        if u.kind != "group"
        for a in u.aliases
        if short_form(a) != short_form(u.canonical)
    }
    return names


def test_the_example_file_names_what_this_check_looks_for():
    names = _one_places_names()
    assert {"底阁镇", "坛山街道", "丰源集团", "区人社区"} <= names


def test_no_town_street_enterprise_or_typo_of_the_example_is_in_the_code():
    names = _one_places_names()
    found = []
    for folder in (ROOT / "duban" / "core", ROOT / "duban" / "web"):
        for path in folder.rglob("*"):
            if not path.is_file() or path.suffix not in SOURCE_SUFFIXES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(ROOT)}: {n}" for n in sorted(names) if n in text]
    assert found == []
