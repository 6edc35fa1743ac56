"""Bad input gets one clear sentence naming the problem and the line, and exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from duban.core.errors import InputError
from duban.core.importers import read_plan


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "duban.cli", *args], capture_output=True, text=True, check=False
    )


def test_it_refuses_an_empty_file(tmp_path: Path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty") as e:
        read_plan(f)
    assert e.value.line == 1


def test_it_refuses_a_binary_file_naming_the_line(tmp_path: Path):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"first line\nsecond\x00\x01\x02")
    with pytest.raises(InputError, match="binary") as e:
        read_plan(f)
    assert e.value.line == 2


def test_it_refuses_a_text_that_is_no_progress_table(tmp_path: Path):
    f = tmp_path / "poem.txt"
    f.write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
    with pytest.raises(InputError, match="no task table found") as e:
        read_plan(f)
    assert e.value.line == 1


def test_it_says_a_copy_cut_between_lines_is_truncated(tmp_path: Path, example_path: Path):
    lines = example_path.read_text(encoding="utf-8").splitlines()
    f = tmp_path / "cut.txt"
    f.write_text("\n".join(lines[:5400]), encoding="utf-8")
    with pytest.raises(InputError, match="truncated") as e:
        read_plan(f)
    assert e.value.line is not None and e.value.line <= 5400


def test_it_says_a_copy_cut_inside_a_character_is_truncated(tmp_path: Path, example_path: Path):
    data = example_path.read_bytes()
    cut = data[: len(data) // 2]
    while (cut[-1] & 0xC0) == 0x80 or cut[-1] < 0x80:  # end inside a multi-byte character
        cut = cut[:-1]
    f = tmp_path / "cut.txt"
    f.write_bytes(cut)
    with pytest.raises(InputError, match="truncated"):
        read_plan(f)


def test_it_refuses_an_unknown_suffix_and_a_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_plan(tmp_path / "nope.txt")
    f = tmp_path / "plan.odt"
    f.write_bytes(b"x")
    with pytest.raises(InputError, match="unknown document type"):
        read_plan(f)


def test_the_cli_prints_one_sentence_and_exits_2_without_traceback(tmp_path: Path):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"\x00\xff\xfe")
    out = run_cli("parse", str(f))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert str(f) in out.stderr and "line 1" in out.stderr


def test_the_cli_prints_the_json_shape_of_the_issue(example_path: Path):
    import json

    out = run_cli("parse", str(example_path), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"title", "year", "period", "sections", "warnings"}
    task = data["sections"][0]["tasks"][0]
    assert set(task) >= {"seq", "target", "units", "reports"}
    assert task["units"][0] == {"name": "区发改局", "role": "lead", "canonical": "区发改局"}
    assert set(task["reports"][0]) >= {"unit", "text"}
