"""Fault 5 of the outside test, through the web and `duban import`: the 5 KB workbook with one
cell at XFD1048576 (eight uploads of it made public pages take 87 s) is refused in one sentence,
quickly, and nothing is written."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from tests.core.importers.test_import_limits import one_far_cell, one_huge_merge
from tests.web.conftest import upload
from tests.web.test_upload import _fingerprints


@pytest.fixture(autouse=True)
def _private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


@pytest.mark.parametrize(
    "make, says",
    [
        (one_far_cell, "Excel 文件的表格宽达 16384 列，超过 100 列的上限"),
        (one_huge_merge, "Excel 文件的表格宽达 16384 列，超过 100 列的上限"),
    ],
)
def test_the_upload_refuses_it_in_a_sentence_and_writes_nothing(
    make, says, world, as_user, tmp_path
):
    client = as_user(world.users["office"])
    path = make(tmp_path)
    before = _fingerprints(without_sessions=True)
    started = time.monotonic()
    response = upload(client, world.org, path)  # upload, the worker reads, the page says
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    (message,) = response.context["form"].errors["file"]
    assert message.startswith(f"“{path.name}”：{says}"), message
    assert _fingerprints(without_sessions=True) == before


def test_duban_import_refuses_it_in_one_line_and_writes_nothing(world, tmp_path):
    from duban.cli import main
    from duban.web.backup import fingerprints

    before = fingerprints()
    done = CliRunner().invoke(main, ["import", str(one_far_cell(tmp_path))])
    assert done.exit_code == 2
    assert len(done.output.strip().splitlines()) == 1
    assert "reaches 16384 columns" in done.output
    assert fingerprints() == before
