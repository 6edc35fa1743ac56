"""The unit registry: canonical names, kinds, aliases, typos and groups. One place for units.

A document names units as its authors typed them ("区人社区" for 区人社局, "区生态环境局" for
区生态环境分局). The registry maps every spelling to one canonical unit, knows each unit's kind,
and expands groups such as 各镇（街） into their members. Units a registry does not know are
still recognised by their shape (区…局, …镇, …街道, …公司) so other districts' tables read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Kind = Literal["department", "town", "street", "enterprise", "group", "other"]


@dataclass(frozen=True)
class Unit:
    canonical: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # for groups: canonical names, or () when open-ended
    member_kinds: tuple[Kind, ...] = ()  # for open-ended groups: which kinds belong


# 峄城区 (Zaozhuang, Shandong), as its 2021 work-report tables name them.
_TOWNS = ("底阁镇", "峨山镇", "榴园镇", "阴平镇", "古邵镇")
_STREETS = ("吴林街道", "坛山街道")
_DEPARTMENTS = (
    ("区发改局", ("区发展和改革局", "发改局")),
    ("区财政局", ("财政局",)),
    ("区税务局", ("税务局",)),
    ("区工信局", ("工信局",)),
    ("区国有资产事务中心", ()),
    ("区商务和投资促进局", ("商促局", "区商促局", "区商务局")),
    ("区科技局", ()),
    ("区大数据局", ()),
    ("区金融服务中心", ("区金融办",)),
    ("区人才服务中心", ()),
    ("区委编办", ()),
    ("区卫健局", ("区卫生健康局",)),
    ("区农业农村局", ()),
    ("区自然资源局", ()),
    ("区行政审批服务局", ()),
    ("区人社局", ("区人社区",)),  # 区人社区: a typo in the 2021 Q3 table (task 44)
    ("区医保局", ()),
    ("区市场监管局", ()),
    ("区住建局", ()),
    ("区房屋征收拆迁事务中心", ()),
    ("区城乡水务局", ("区水务局",)),
    ("区综合行政执法局", ()),
    ("区卫生健康服务中心", ()),
    ("区环卫中心", ()),
    ("区妇联", ()),
    ("区交通运输局", ()),
    ("区扶贫办", ()),
    ("区民政局", ()),
    ("区精神文明建设工作室", ()),
    ("区供销社", ()),
    ("区文旅局", ()),
    ("区生态环境分局", ("区生态环境局",)),
    ("区畜牧业发展服务中心", ("区畜牧服务中心",)),
    ("区林业发展服务中心", ()),
    ("区应急管理局", ()),
    ("区粮食和物资储备中心", ()),
    ("区公安分局", ()),
    ("区委政法委", ()),
    ("区教体局", ()),
    ("区委宣传部", ()),
    ("区人武部", ()),
    ("区退役军人事务局", ()),
    ("区人防办", ()),
    ("区信访局", ()),
    ("区司法局", ()),
    ("区政府办公室", ("区政府办",)),
    ("区委办公室（区委重大事项推进中心）", ("区委办公室", "区委办", "区委重大事项推进中心")),
    ("区委组织部", ()),
    ("区纪委监委", ()),
)
_ENTERPRISES = ("丰源集团", "福兴集团", "丰源轮胎", "宏达公司", "宇兴公司", "邮政公司")
_OTHERS = (
    ("开发区管委会", ()),
    ("峄城化工产业园建设攻坚指挥部", ()),
    ("农高区", ()),
    ("石榴研究院", ()),
    ("风管委", ()),
)
_GROUPS = (
    Unit("各镇（街）", "group", ("各镇(街)", "各镇街", "各镇（街道）"), _TOWNS + _STREETS),
    Unit("各相关镇街", "group", ("相关镇街", "各相关镇（街）"), _TOWNS + _STREETS),
    Unit("政府各职能部门", "group", (), (), ("department",)),
    Unit("区政府各职能部门", "group", (), (), ("department",)),
    Unit("九大专班责任单位", "group", (), (), ("department",)),
    Unit(
        "石榴产业三年行动计划领导小组成员单位",
        "group",
        (),
        (),
        ("department", "other", "enterprise", "town"),
    ),
    Unit("区人社局等执法部门", "group", (), ("区人社局",), ("department",)),
)


def _build() -> tuple[Unit, ...]:
    units: list[Unit] = [Unit(n, "town") for n in _TOWNS]
    units += [Unit(n, "street") for n in _STREETS]
    units += [Unit(n, "department", a) for n, a in _DEPARTMENTS]
    units += [Unit(n, "enterprise") for n in _ENTERPRISES]
    units += [Unit(n, "other", a) for n, a in _OTHERS]
    units += list(_GROUPS)
    return tuple(units)


class Registry:
    """Look units up by any spelling; expand groups; recognise unknown units by shape."""

    def __init__(self, units: tuple[Unit, ...]) -> None:
        self.units = units
        self._by_name: dict[str, Unit] = {}
        for u in units:
            for name in (u.canonical, *u.aliases):
                self._by_name[_key(name)] = u

    def lookup(self, name: str) -> Unit | None:
        hit = self._by_name.get(name)  # most names come as the registry spells them
        return hit if hit is not None else self._by_name.get(_key(name))

    def is_prefix(self, text: str) -> bool:
        """Whether a known name starts with text: the first line of a name broken over lines."""
        k = _key(text)
        return len(k) >= 3 and any(name.startswith(k) and name != k for name in self._by_name)

    def canonical(self, name: str) -> str | None:
        u = self.lookup(name)
        return u.canonical if u else None

    def kind(self, name: str) -> Kind:
        u = self.lookup(name)
        return u.kind if u else guess_kind(name)

    def expand_group(self, name: str) -> tuple[str, ...]:
        """The canonical members a group stands for; a plain unit stands for itself."""
        u = self.lookup(name)
        if u is None:
            return (name,)
        if u.kind != "group":
            return (u.canonical,)
        members = list(u.members)
        for kind in u.member_kinds:
            members += [m.canonical for m in self.units if m.kind == kind]
        return tuple(dict.fromkeys(members))

    def covers(self, group_or_unit: str, reporter: str) -> bool:
        """Whether `reporter` answers under the responsibility `group_or_unit` names."""
        rep = self.canonical(reporter) or reporter
        target = self.lookup(group_or_unit)
        if target is None:
            return _key(group_or_unit) == _key(reporter)
        if target.kind != "group":
            return target.canonical == rep
        if rep in target.members:
            return True
        return self.kind(rep) in target.member_kinds


_KEY_TABLE = str.maketrans({"(": "（", ")": "）", " ": None, "\t": None, "\u3000": None})


def _key(name: str) -> str:
    # Spellings differ only in bracket width and stray spaces.
    return name.translate(_KEY_TABLE)


_UNIT_SUFFIXES = (
    "局", "中心", "办公室", "办", "委员会", "委", "部", "部门", "室", "社", "联", "院", "集团", "公司",
    "镇", "街道", "乡", "管委会", "指挥部", "单位", "镇街", "（街）", "小组", "站", "所", "队", "会",
    "厂", "轮胎", "农高区", "开发区", "支行", "分行", "法院",
)  # fmt: skip
_NOT_UNIT = re.compile(r"[^\u4e00-\u9fff（）()]|建设$|情况$|工作$")


@lru_cache(maxsize=8192)
def looks_like_unit(text: str) -> bool:
    """A whole string shaped like a unit name (registry first, then common suffixes)."""
    s = text.strip()
    if not s or len(s) > 24:
        return False
    if REGISTRY.lookup(s):
        return True
    if len(s) < 2 or _NOT_UNIT.search(s):
        return False
    return s.endswith(_UNIT_SUFFIXES)


def guess_kind(name: str) -> Kind:
    s = name.strip()
    if s.startswith("各") or s.endswith(("单位", "部门", "镇街")):
        return "group"
    if s.endswith(("镇", "乡")):
        return "town"
    if s.endswith("街道"):
        return "street"
    if s.endswith(("公司", "集团")):
        return "enterprise"
    if s.startswith(("区", "县", "市")) and s.endswith(
        ("局", "中心", "办", "委", "部", "室", "社", "联")
    ):
        return "department"
    return "other"


REGISTRY = Registry(_build())
lookup = REGISTRY.lookup
canonical = REGISTRY.canonical
expand_group = REGISTRY.expand_group
