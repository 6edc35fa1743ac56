"""Fault 8 of the outside test: a unit named =HYPERLINK("http://evil.example/","x") (read from
an uploaded table) went into the reminders CSV as is, a live link once Excel opened it. Every
CSV is written by one writer (duban/core/render/csv_table.py) that keeps formulas as text."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

HOSTILE = '=HYPERLINK("http://evil.example/","x")'
ROOT = Path(__file__).resolve().parents[3]


def _rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_reminders_csv_keeps_a_formula_unit_name_as_text(world, as_user):
    from duban.web.orgs.models import Unit

    Unit.objects.filter(pk=world.units["区发改局"].pk).update(name=HOSTILE)
    client = as_user(world.users["office"])
    response = client.get(f"/rounds/{world.q4.pk}/reminders/", {"format": "csv"})
    assert response.status_code == 200
    rows = _rows(response.content)
    assert rows[0] == ["单位", "未报送任务序号", "项数"]
    assert ["'" + HOSTILE, "1", "1"] in rows
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize(
    "value, cell",
    [
        (HOSTILE, "'" + HOSTILE),
        ("+1+1", "'+1+1"),
        ("-3.2%", "'-3.2%"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("区发改局", "区发改局"),
        (7, "7"),
    ],
)
def test_the_one_csv_writer_keeps_every_formula_start_as_text(value, cell):
    from duban.core.render.csv_table import csv_bytes

    assert _rows(csv_bytes([[value]])) == [[cell]]


def test_no_other_module_writes_csv():
    writers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "duban").rglob("*.py")
        if re.search(r"\bcsv\.(writer|DictWriter)\b", path.read_text(encoding="utf-8"))
    ]
    assert writers == ["duban/core/render/csv_table.py"]
