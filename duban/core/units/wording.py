"""Words of an organization's level for its documents: who governs it (县政府), its party
committee (县委), and whom its bulletin addresses (各乡镇人民政府，县政府各部门…), from its level
and the kinds of its own units. General knowledge, like the names' rules; an office's own
settings (addressees, series) replace them."""

from __future__ import annotations

from duban.core.units import Level, Registry

GOVERNMENT: dict[str, str] = {
    "市": "市政府",
    "区": "区政府",
    "县": "县政府",
    "旗": "旗政府",
    "乡": "乡政府",
    "镇": "镇政府",
    "街道": "街道办事处",
}
PARTY: dict[str, str] = {
    "市": "市委",
    "区": "区委",
    "县": "县委",
    "旗": "旗委",
    "乡": "乡党委",
    "镇": "镇党委",
    "街道": "街道党工委",
}


def government(level: Level | None) -> str:
    return GOVERNMENT.get(level or "", "政府")


def party(level: Level | None) -> str:
    return PARTY.get(level or "", "党委")


def addressees(level: Level | None, units: Registry) -> str:
    """The bulletin's 主送: the organization's towns and streets (or districts, or villages and
    communities) by kind, then its own government's departments."""
    names = {kind: [u.canonical for u in units.units if u.kind == kind] for kind in _KINDS}
    gov = government(level)
    if level in ("乡", "镇", "街道"):
        below = [w for k, w in (("village", "村"), ("community", "社区")) if names[k]]
        first = f"各{'、'.join(below) or '村（社区）'}"
        return f"{first}，{level}直各单位："
    if level == "市":
        districts = names["district"]
        word = "区" if districts and all(n.endswith("区") for n in districts) else "区县"
        return f"各{word}人民政府，{gov}各部门、各直属单位："
    towns = names["town"]
    xiang = any(n.endswith("乡") for n in towns)
    zhen = any(n.endswith("镇") for n in towns)
    parts = [f"各{'乡镇' if xiang and zhen else '乡' if xiang else '镇'}人民政府"] if towns else []
    if names["street"]:
        parts.append("街道办事处")
    first = "、".join(parts) or "各乡镇人民政府、街道办事处"
    return f"{first}，{gov}各部门、各直属单位："


_KINDS = ("town", "street", "district", "village", "community")
