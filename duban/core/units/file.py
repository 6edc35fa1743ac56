"""The units file: an organization's unit decisions outside the database, as TOML.

    [organization]              # optional: name and level (市, 区, 县, 旗, 乡, 镇, 街道)
    name = "清河县"
    level = "县"

    [[unit]]                    # one table per unit
    name = "县发改局"
    kind = "department"         # department, district, town, street, village, community,
    aliases = ["县发展和改革局"]  # enterprise, other

    [[group]]                   # a group: its named members, or the kinds it stands for
    name = "各乡镇"
    aliases = ["各乡（镇）"]
    kinds = ["town"]

`duban parse|judge|import|export|bulletin --units FILE` read it, and find `<stem>.units.toml`
beside a document by themselves; the office downloads and uploads it on its units page. Its
errors are Chinese sentences: the office reads them on that page.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from duban.core.errors import InputError
from duban.core.units import GENERAL, KINDS, LEVELS, Registry, Unit
from duban.core.units.names import plain_name_problem

SUFFIX = ".units.toml"


def load_units_file(path: str | Path) -> Registry:
    """A units file as a registry; a file that is not valid says where and what."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError("找不到单位文件", source=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("单位文件不是 UTF-8 编码的文本", source=str(path)) from exc
    return parse_units(text, source=str(path))


def units_beside(document: str | Path) -> Registry:
    """The units file `<stem>.units.toml` beside a document, or general knowledge alone."""
    document = Path(document)
    beside = document.with_name(document.stem + SUFFIX)
    return load_units_file(beside) if beside.is_file() else GENERAL


def parse_units(text: str, *, source: str = "<units>") -> Registry:
    """The text of a units file as a registry (see the module docstring)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"单位文件不是有效的 TOML：{exc}", source=source) from exc
    org = data.get("organization", {})
    if not isinstance(org, dict):
        raise InputError("[organization] 应是一个表", source=source)
    level = org.get("level")
    if level is not None and level not in LEVELS:
        raise InputError(f"层级“{level}”不是 {'、'.join(LEVELS)} 之一", source=source)
    units = [_unit(t, i, source) for i, t in enumerate(_tables(data, "unit", source), start=1)]
    units += [_group(t, i, source) for i, t in enumerate(_tables(data, "group", source), start=1)]
    _check_spellings(units, source)
    known = {u.canonical for u in units}
    for g in units:
        missing = [m for m in g.members if m not in known]
        if missing:
            raise InputError(
                f"单位组“{g.canonical}”的成员“{missing[0]}”不是文件中任何 [[unit]] 的名称",
                source=source,
            )
    name = org.get("name")
    if name is not None and (not isinstance(name, str) or plain_name_problem(name)):
        raise InputError("[organization] name must be the organization's name", source=source)
    return Registry(units, level=level, organization=name.strip() if name else None)


def _tables(data: dict[str, Any], name: str, source: str) -> list[dict[str, Any]]:
    tables = data.get(name, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InputError(f"{name} 应写成 [[{name}]] 表", source=source)
    return tables


def _name(table: dict[str, Any], what: str, source: str) -> str:
    name = table.get("name")
    if not isinstance(name, str):
        raise InputError(f'{what}没有 name = "…"', source=source)
    problem = plain_name_problem(name)
    if problem:
        raise InputError(f"{what}：{problem}", source=source)
    return name.strip()


def _strings(table: dict[str, Any], field: str, what: str, source: str) -> tuple[str, ...]:
    values = table.get(field, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError(f"{what}：{field} 应是字符串列表", source=source)
    for v in values:
        problem = plain_name_problem(v)
        if problem:
            raise InputError(f"{what}：{field}：{problem}", source=source)
    return tuple(v.strip() for v in values)


def _unit(table: dict[str, Any], i: int, source: str) -> Unit:
    name = _name(table, f"第 {i} 个 [[unit]]", source)
    what = f"单位“{name}”"
    kind = table.get("kind", "other")
    if kind not in KINDS or kind == "group":
        allowed = "、".join(k for k in KINDS if k != "group")
        raise InputError(f"{what}：类别“{kind}”不是 {allowed} 之一", source=source)
    return Unit(name, kind, _strings(table, "aliases", what, source))


def _group(table: dict[str, Any], i: int, source: str) -> Unit:
    name = _name(table, f"第 {i} 个 [[group]]", source)
    what = f"单位组“{name}”"
    kinds = _strings(table, "kinds", what, source) if "kinds" in table else ()
    for k in kinds:
        if k not in KINDS or k == "group":
            raise InputError(f"{what}：kinds：“{k}”不是单位类别", source=source)
    members = _strings(table, "members", what, source)
    return Unit(name, "group", _strings(table, "aliases", what, source), members, kinds)  # type: ignore[arg-type]


def _check_spellings(units: list[Unit], source: str) -> None:
    seen: dict[str, str] = {}
    for u in units:
        for spelling in dict.fromkeys((u.canonical, *u.aliases)):
            other = seen.get(spelling)
            if other is not None and other != u.canonical:
                raise InputError(f"“{spelling}”既指“{other}”又指“{u.canonical}”", source=source)
            seen[spelling] = u.canonical


def units_toml(registry: Registry, *, organization: str | None = None) -> str:
    """A registry written as a units file (what the office downloads); parse_units reads it back."""
    organization = organization or registry.organization
    lines = [
        "# Units of an organization for duban: one [[unit]] per unit, [[group]] per group.",
        "# kind: department, district, town, street, village, community, enterprise, other.",
        "",
    ]
    if organization or registry.level:
        lines.append("[organization]")
        if organization:
            lines.append(f"name = {_s(organization)}")
        if registry.level:
            lines.append(f"level = {_s(registry.level)}")
        lines.append("")
    for u in registry.units:
        if u.kind == "group":
            continue
        lines += ["[[unit]]", f"name = {_s(u.canonical)}", f"kind = {_s(u.kind)}"]
        if u.aliases:
            lines.append(f"aliases = [{', '.join(_s(a) for a in u.aliases)}]")
        lines.append("")
    for g in registry.units:
        if g.kind != "group":
            continue
        lines += ["[[group]]", f"name = {_s(g.canonical)}"]
        if g.aliases:
            lines.append(f"aliases = [{', '.join(_s(a) for a in g.aliases)}]")
        if g.members:
            lines.append(f"members = [{', '.join(_s(m) for m in g.members)}]")
        if g.member_kinds:
            lines.append(f"kinds = [{', '.join(_s(k) for k in g.member_kinds)}]")
        lines.append("")
    return "\n".join(lines)


def _s(value: str) -> str:
    # A JSON string is a valid TOML basic string (the same escapes).
    return json.dumps(value, ensure_ascii=False)
