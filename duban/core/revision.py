"""A plan revised during the year (调整): which tasks of the revised table are the same tasks as
before, and what changed — tasks added, removed, reworded, their units changed.

A revised table renumbers its tasks when one is added or removed, so a task is known by its words,
not its number: first the tasks whose target reads the same (spaces and punctuation aside), then,
best pair first, the remaining ones whose targets are alike enough (a rewording keeps most of the
text), ties going to the nearer number. What is left is removed (old) or added (new). A changed
number alone is not a difference: the pair says it moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from duban.core.model import Plan, Task

# Below this a new target is another task, not the old one reworded (difflib's ratio).
SAME_TASK_RATIO = 0.6
_NOISE = re.compile(r"[\s，。、；：,.;:！!？?（）()“”\"'《》【】\[\]-]")


def _words(target: str) -> str:
    return _NOISE.sub("", target)


def _units(task: Task) -> tuple[tuple[str, str], ...]:
    """(unit, role) as the organization names them, in the task's order."""
    return tuple((u.canonical or u.name, u.role) for u in task.units)


@dataclass(frozen=True)
class TaskChange:
    """One task of the old plan and its counterpart in the revised one."""

    old: Task
    new: Task
    reworded: bool
    units_changed: bool
    similarity: float  # 1.0 when the words are the same

    @property
    def moved(self) -> bool:
        return self.old.seq != self.new.seq

    @property
    def changed(self) -> bool:
        return self.reworded or self.units_changed

    @property
    def units_added(self) -> tuple[str, ...]:
        before = {u for u, _ in _units(self.old)}
        return tuple(u for u, _ in _units(self.new) if u not in before)

    @property
    def units_removed(self) -> tuple[str, ...]:
        after = {u for u, _ in _units(self.new)}
        return tuple(u for u, _ in _units(self.old) if u not in after)


@dataclass(frozen=True)
class PlanDiff:
    pairs: tuple[TaskChange, ...]  # every old task that stays, in the revised order
    added: tuple[Task, ...]
    removed: tuple[Task, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def reworded(self) -> tuple[TaskChange, ...]:
        return tuple(p for p in self.pairs if p.reworded)

    @property
    def units_changed(self) -> tuple[TaskChange, ...]:
        return tuple(p for p in self.pairs if p.units_changed)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or any(p.changed for p in self.pairs))

    def summary(self) -> str:
        """新增 1 项、删除 1 项、改写 3 项、责任单位调整 0 项."""
        return (
            f"新增 {len(self.added)} 项、删除 {len(self.removed)} 项、"
            f"改写 {len(self.reworded)} 项、责任单位调整 {len(self.units_changed)} 项"
        )


def plan_diff(old: Plan, new: Plan, *, ratio: float = SAME_TASK_RATIO) -> PlanDiff:
    """The revised plan `new` against the plan as it stands, `old`."""
    olds, news = list(old.tasks), list(new.tasks)
    matched: dict[int, tuple[int, float]] = {}  # new index → (old index, similarity)
    free_old = set(range(len(olds)))
    by_words: dict[str, list[int]] = {}
    for i, t in enumerate(olds):
        by_words.setdefault(_words(t.target), []).append(i)
    for j, t in enumerate(news):
        same = [i for i in by_words.get(_words(t.target), []) if i in free_old]
        if same:
            i = min(same, key=lambda i: abs(olds[i].seq - t.seq))
            matched[j] = (i, 1.0)
            free_old.discard(i)
    candidates = []
    for j, t in enumerate(news):
        if j in matched:
            continue
        for i in free_old:
            s = SequenceMatcher(None, _words(olds[i].target), _words(t.target), autojunk=False)
            if s.real_quick_ratio() < ratio or s.quick_ratio() < ratio:
                continue
            r = s.ratio()
            if r >= ratio:
                candidates.append((-r, abs(olds[i].seq - t.seq), j, i))
    for neg_r, _, j, i in sorted(candidates):
        if j not in matched and i in free_old:
            matched[j] = (i, -neg_r)
            free_old.discard(i)
    pairs = []
    for j, t in enumerate(news):
        if j in matched:
            i, similarity = matched[j]
            o = olds[i]
            pairs.append(
                TaskChange(
                    o,
                    t,
                    reworded=_words(o.target) != _words(t.target),
                    units_changed=sorted(_units(o)) != sorted(_units(t)),
                    similarity=round(similarity, 3),
                )
            )
    return PlanDiff(
        pairs=tuple(pairs),
        added=tuple(t for j, t in enumerate(news) if j not in matched),
        removed=tuple(olds[i] for i in sorted(free_old)),
    )
