"""Words of an organization's level in its bulletin: its government, party committee and the
addressees, from its level and its own units; the office's own settings win."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.core.units import Registry, Unit
from duban.core.units.wording import addressees, government, party

COUNTY = Registry(
    [Unit("城关镇", "town"), Unit("柳泉乡", "town"), Unit("县发改局", "department")], level="县"
)
CITY = Registry([Unit("东岭区", "district"), Unit("西岭区", "district")], level="市")
TOWN = Registry([Unit("石桥村", "village"), Unit("南街社区", "community")], level="镇")


@pytest.mark.parametrize(
    ("level", "units", "expected"),
    [
        ("县", COUNTY, "各乡镇人民政府，县政府各部门、各直属单位："),
        ("市", CITY, "各区人民政府，市政府各部门、各直属单位："),
        ("镇", TOWN, "各村、社区，镇直各单位："),
        ("区", Registry(), "各乡镇人民政府、街道办事处，区政府各部门、各直属单位："),
    ],
)
def test_it_addresses_the_organizations_own_units_by_kind(level, units, expected):
    assert addressees(level, units) == expected


def test_it_names_the_government_and_party_of_each_level():
    assert [government(v) for v in ("县", "市", "镇")] == ["县政府", "市政府", "镇政府"]
    assert [party(v) for v in ("县", "区", "镇")] == ["县委", "区委", "镇党委"]


def test_a_county_bulletin_says_county_words_and_the_offices_own_wording(tmp_path: Path):
    from duban.core.importers import read_plan
    from duban.core.render.export import export_bulletin

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "orgs"
    plan = read_plan(fixture / "qinghe-county-2024-q2.txt", units=COUNTY)
    words = paragraphs(export_bulletin(plan, "docx"), tmp_path)
    text = "\n".join(words)
    assert words[0] == "青禾县政务督查"
    assert "认真落实县委、县政府部署" in text and "书面报县政府督查室" in text
    assert "区委" not in text and "区政府" not in text
    own = export_bulletin(plan, "docx", series="青禾督查", addressees="各乡镇，县直各部门：")
    mine = paragraphs(own, tmp_path)
    assert mine[0] == "青禾督查" and "各乡镇，县直各部门：" in mine


def paragraphs(data: bytes, folder: Path) -> list[str]:
    from docx import Document

    path = folder / "b.docx"
    path.write_bytes(data)
    return [p.text for p in Document(str(path)).paragraphs]
