"""Any Grid becomes a Plan or one InputError: never another exception (grid.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duban.core.errors import InputError
from duban.core.importers.assemble.plan import grid_to_plan
from duban.core.importers.grid import Cell, Grid, GridRow

WORDS = st.sampled_from(
    ["", "", "序号", "工作任务", "年度任务目标", "责任单位", "牵头单位", "配合单位", "进展情况",
     "完成时限", "形象进度", "一季度", "1", "2", "3", "一", "（一）产业（共 2项）", "区发改局",
     "区发改局：\n上半年增长12.1%。", "各镇（街）、区财政局", "年底前", "长期坚持", "新建学校2所",
     "二、民生", "—  3  —", "2021年重点工作任务表", "联系人"]
)  # fmt: skip
CELLS = st.builds(Cell, WORDS, st.booleans(), st.booleans())
ROWS = st.builds(
    GridRow,
    st.lists(CELLS, min_size=1, max_size=6).map(tuple),
    st.integers(0, 300),
    st.one_of(st.none(), st.integers(1, 4)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ROWS, max_size=14))
def test_it_never_fails_with_anything_but_an_input_error(rows):
    try:
        plan = grid_to_plan(Grid(tuple(rows), source="random"))
    except InputError:
        return
    assert all(t.seq >= 1 for t in plan.tasks)
