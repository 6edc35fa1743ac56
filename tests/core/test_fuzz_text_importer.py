"""The text importer under hostile input: mutations of the real example and random text.

Whatever it is given, parse_text answers a Plan or raises InputError (the importer's own,
readable error); any other exception is a bug. Bounded: a fixed number of examples, no
example database written, so `make test` stays fast and repeatable.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.core.errors import InputError
from duban.core.importers.layouts.pdf_text import parse_text
from duban.core.model import Plan

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "yicheng-2021-q3.txt"
LINES = EXAMPLE.read_text(encoding="utf-8").splitlines()
# Characters the document is made of, plus the ones that break naive parsers.
ALPHABET = sorted(set("".join(LINES))) + list("\x00\x0b\x0c\ufeff\u200b\u3000\r\t（）【】")

FUZZ = settings(
    max_examples=400,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _parse(text: str) -> None:
    try:
        plan = parse_text(text, source="fuzz")
    except InputError as exc:
        assert str(exc)  # the error says something a person can read
        return
    assert isinstance(plan, Plan)


@st.composite
def mutated_example(draw) -> str:
    """A window of the example with lines dropped, repeated, swapped, cut or garbled."""
    start = draw(st.integers(0, len(LINES) - 1))
    lines = list(LINES[start : start + draw(st.integers(1, 400))])
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "insert", "join"]))
        if kind == "drop" and len(lines) > 1:
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif kind == "insert":
            lines.insert(i, draw(st.text(alphabet=ALPHABET, max_size=80)))
        elif kind == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + lines[i + 1]]
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@FUZZ
@given(mutated_example())
def test_it_reads_or_refuses_every_mutation_of_the_example(text):
    _parse(text)


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=3000))
def test_it_reads_or_refuses_random_text_in_the_documents_alphabet(text):
    _parse(text)


@settings(FUZZ, max_examples=300)
@given(st.text(max_size=2000))
def test_it_reads_or_refuses_any_unicode(text):
    _parse(text)


@settings(FUZZ, max_examples=200)
@given(st.lists(st.sampled_from(LINES), max_size=120))
def test_it_reads_or_refuses_the_examples_lines_in_any_order(lines):
    _parse("\n".join(lines))
