"""The unit registry: one organization's units as a value, over general knowledge of unit names.

A document names units as its authors typed them (a short form, a typo). A `Registry` maps every
spelling the organization has decided on to one canonical unit, knows each unit's kind, and
expands groups. It is built by the caller — from the organization's Unit rows in the web app,
from a units file (`load_units_file`) on the command line — and passed to the importers
(`read_plan(path, units=...)`); the plan carries it on to judgement and rendering. Names it does
not know are read by their words (`names.py`): a suffix that makes a unit, a group's words, the
short form of a common department. `GENERAL` knows no unit at all, only those rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from duban.core.units.names import (
    KINDS,
    LEVELS,
    GroupWords,
    Kind,
    Level,
    bracket_names,
    group_words,
    guess_kind,
    is_person,
    key,
    level_of,
    looks_like_unit,
    plain_name_problem,
    short_form,
)

__all__ = [
    "GENERAL",
    "KINDS",
    "LEVELS",
    "GroupWords",
    "Kind",
    "Level",
    "Registry",
    "Unit",
    "bracket_names",
    "group_words",
    "guess_kind",
    "is_person",
    "key",
    "level_of",
    "looks_like_unit",
    "plain_name_problem",
    "short_form",
]


@dataclass(frozen=True)
class Unit:
    """One unit as the organization decided: its canonical name, kind and other spellings.

    A group lists its members by canonical name (`members`) or stands for every unit of some
    kinds (`member_kinds`: 各镇（街） → town, street); with neither it is open-ended, and the
    office picks who answers for it when a round opens.
    """

    canonical: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    member_kinds: tuple[Kind, ...] = ()


class Registry:
    """Look units up by any spelling; expand groups; read unknown names by their words.

    Immutable once built; `with_units` and `at_level` return new registries.
    """

    def __init__(
        self,
        units: Iterable[Unit] = (),
        *,
        level: Level | None = None,
        organization: str | None = None,
    ) -> None:
        self.units: tuple[Unit, ...] = tuple(units)
        self.level: Level | None = level
        self.organization = organization  # the name a units file gives, if any
        self._by_name: dict[str, Unit] = {}
        for u in self.units:
            for name in (u.canonical, *u.aliases):
                self._by_name[key(name)] = u
        self._by_short: dict[str, list[Unit]] = {}
        for u in self.units:
            if u.kind != "group":
                for name in (u.canonical, *u.aliases):
                    found = self._by_short.setdefault(short_form(name), [])
                    if u not in found:
                        found.append(u)
        self._shaped: dict[str, bool] = {}

    def __repr__(self) -> str:
        return f"Registry({len(self.units)} units, level={self.level!r})"

    def with_units(self, units: Iterable[Unit]) -> Registry:
        """This registry with more units; a unit of the same canonical name replaces the old."""
        more = tuple(units)
        names = {u.canonical for u in more}
        kept = tuple(u for u in self.units if u.canonical not in names)
        return Registry(kept + more, level=self.level, organization=self.organization)

    def at_level(self, level: Level | None) -> Registry:
        if level == self.level:
            return self
        return Registry(self.units, level=level, organization=self.organization)

    def lookup(self, name: str) -> Unit | None:
        """The unit an exact spelling names (bracket width and stray spaces aside)."""
        hit = self._by_name.get(name)  # most names come as the registry spells them
        return hit if hit is not None else self._by_name.get(key(name))

    def canonical(self, name: str) -> str | None:
        u = self.lookup(name)
        return u.canonical if u else None

    def kind(self, name: str) -> Kind:
        u = self.lookup(name)
        return u.kind if u else guess_kind(name)

    def is_prefix(self, text: str) -> bool:
        """Whether a known name starts with text: the first line of a name broken over lines."""
        k = key(text)
        return len(k) >= 3 and any(name.startswith(k) and name != k for name in self._by_name)

    def looks_like_unit(self, text: str) -> bool:
        """A whole string that is a known unit or shaped like one (names.looks_like_unit)."""
        hit = self._shaped.get(text)
        if hit is None:
            s = text.strip()
            hit = bool(s) and len(s) <= 24 and (self.lookup(s) is not None or looks_like_unit(s))
            self._shaped[text] = hit
        return hit

    def is_unknown(self, name: str) -> bool:
        """Neither known nor shaped like a unit: kept, and listed for the office to decide."""
        return self.lookup(name) is None and not looks_like_unit(name)

    def group(self, name: str) -> GroupWords | None:
        """What a group stands for: as the organization defined it, else as its words say."""
        u = self.lookup(name)
        if u is not None and u.kind != "group":
            return None
        words = group_words(u.canonical if u else name)
        if u is not None and u.member_kinds:
            return GroupWords(u.member_kinds, False, u.members)
        if u is not None and u.members:  # named members (the office's pick): only they
            return GroupWords(words.kinds if words else (), True, u.members)
        if u is not None and words is None:
            return GroupWords((), True)
        return words

    def expand_group(self, name: str) -> tuple[str, ...]:
        """The canonical members a group stands for by default; a plain unit stands for itself.

        A towns/streets group stands for the organization's own towns and streets; an
        open-ended group for the units its words name, if any, until the office picks.
        """
        g = self.group(name)
        if g is None:
            return (self.canonical(name) or name,)
        members = [self.canonical(m) or m for m in g.named]
        if not g.open_ended:
            members += [u.canonical for u in self.units if u.kind in g.kinds]
        return tuple(dict.fromkeys(members))

    def covers(self, group_or_unit: str, reporter: str) -> bool:
        """Whether `reporter` answers under the responsibility `group_or_unit` names.

        A unit or group covers itself under any spelling the registry knows, a unit any spelling
        general knowledge reads as the same unit (县发改局, 发改局); a group covers its members
        and units of its kinds.
        """
        rep = self.canonical(reporter) or reporter
        target = self.canonical(group_or_unit) or group_or_unit
        if key(target) == key(rep):  # a group answering as itself (各镇（街）：…) too
            return True
        g = self.group(group_or_unit)
        if g is None:
            return self.same_unit(group_or_unit, reporter)
        if rep in {self.canonical(m) or m for m in g.named}:
            return True
        known_or_shaped = self.lookup(rep) is not None or looks_like_unit(rep)
        return known_or_shaped and self.kind(rep) in g.kinds

    def same_unit(self, a: str, b: str) -> bool:
        """Whether general knowledge reads two spellings as one unit (县财政局 ≈ 财政局)."""
        if self.group(a) is not None or self.group(b) is not None:
            return False
        ka = {short_form(n) for n in (a, *bracket_names(a))}
        kb = {short_form(n) for n in (b, *bracket_names(b))}
        return bool(ka & kb)

    def likely_same(self, name: str) -> tuple[str, ...]:
        """Known units general knowledge reads as the same as an unknown name, to confirm."""
        if self.lookup(name) is not None or self.group(name) is not None:
            return ()
        found: list[str] = []
        for n in (name, *bracket_names(name)):
            for u in self._by_short.get(short_form(n), ()):
                if u.canonical not in found:
                    found.append(u.canonical)
        return tuple(found)

    def aliases_of(self, name: str) -> tuple[str, ...]:
        """Spellings a unit first seen under `name` answers to: the organization's aliases, or
        the two names of 'A（B）'."""
        u = self.lookup(name)
        if u is not None:
            return u.aliases
        return bracket_names(name)


GENERAL = Registry()

# The units file's reader, here so that callers need one import (it imports this module).
from duban.core.units.file import load_units_file, parse_units, units_beside, units_toml  # noqa: E402

__all__ += ["load_units_file", "parse_units", "units_beside", "units_toml"]
