"""`duban parse|judge|export|bulletin --units FILE`, and the units file found beside a document."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from duban.cli import main

ROOT = Path(__file__).resolve().parents[3]
COUNTY = ROOT / "tests" / "fixtures" / "orgs" / "qinghe-county-2024-q2.txt"
GOLDEN = ROOT / "tests" / "golden" / "yicheng-2021-q3.plan.json"

COUNTY_UNITS = """
[organization]
name = "青禾县"
level = "县"

[[unit]]
name = "县发改局"
kind = "department"
aliases = ["县发展和改革局"]

[[unit]]
name = "县财政局"
kind = "department"
aliases = ["财政局"]
"""


def _run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_county_table_shows_no_unknown_unit_for_its_ordinary_units():
    result = _run("parse", COUNTY)
    assert result.exit_code == 0, result.output
    assert "does not read as a unit" not in result.output
    assert "unit registry" not in result.output
    # The one warning is a person in the units column, kept as a leader.
    assert (
        "1 warnings\n  line 8: '王建国' in the units of task 5 is a person's name" in result.output
    )


def test_the_example_reads_its_units_file_from_beside_it(example_path):
    result = _run("parse", example_path, "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_without_its_units_file_the_example_keeps_its_names_as_written(example_path, tmp_path):
    alone = tmp_path / example_path.name
    shutil.copy(example_path, alone)
    data = json.loads(_run("parse", alone, "--json").output)
    task44 = next(t for s in data["sections"] for t in s["tasks"] if t["seq"] == 44)
    typo = next(r for r in task44["reports"] if r["unit"] == "区人社区")
    assert typo["canonical"] is None  # the table's typo: only its units file knows it
    with_file = json.loads(
        _run("parse", alone, "--json", "--units", example_path.with_suffix(".units.toml")).output
    )
    assert with_file == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_units_decide_canonical_names_in_parse_and_judge(tmp_path):
    units = tmp_path / "qinghe.units.toml"
    units.write_text(COUNTY_UNITS, encoding="utf-8")
    data = json.loads(_run("parse", COUNTY, "--json", "--units", units).output)
    tasks = {t["seq"]: t for s in data["sections"] for t in s["tasks"]}
    assert tasks[1]["units"][0] == {
        "name": "县发展和改革局",
        "role": "lead",
        "canonical": "县发改局",
    }
    assert tasks[2]["reports"][0]["canonical"] == "县财政局"
    judged = _run("judge", COUNTY, "--json", "--units", units)
    assert judged.exit_code == 0, judged.output


@pytest.mark.parametrize("command", ["parse", "judge", "export", "bulletin"])
def test_a_bad_units_file_is_one_sentence_and_exit_code_2(command, tmp_path):
    units = tmp_path / "bad.units.toml"
    units.write_text('[[unit]]\nname = "、、"\n', encoding="utf-8")
    extra = ["--format", "docx", "--out", tmp_path / "x.docx"] if command == "export" else []
    if command == "bulletin":
        extra = ["--out", tmp_path / "b.docx"]
    result = _run(command, COUNTY, "--units", units, *extra)
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"错误 error: {units}: 第 1 个 [[unit]]：“、、”只有标点符号，不是单位名称"
    )
