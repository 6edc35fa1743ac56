"""Whatever text arrives, the layout reader answers with a Plan or an InputError, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duban.core.errors import InputError
from duban.core.importers.layouts.detect import parse_any_text
from tests.core.layouts.reading import FIXTURES

LINES = sorted(
    {
        line
        for path in FIXTURES.glob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=60), st.sampled_from(["\n", "\n\n", " | ", "\t"]))
def test_it_reads_or_refuses_any_mix_of_table_lines(lines, sep):
    try:
        plan = parse_any_text(sep.join(lines), "mix.txt")
    except InputError as exc:
        assert exc.source == "mix.txt"
    else:
        assert all(t.seq > 0 for t in plan.tasks)


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(sorted(p.name for p in FIXTURES.glob("*.txt"))),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_it_reads_a_fixture_cut_off_anywhere(name, share):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    try:
        parse_any_text(text[: int(len(text) * share)], "cut.txt")
    except InputError as exc:
        assert exc.source == "cut.txt"
