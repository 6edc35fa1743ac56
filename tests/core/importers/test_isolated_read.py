"""read_isolated (safety.py): a reader in a worker with a memory and a time limit."""

from __future__ import annotations

import time
from functools import partial

import pytest

from duban.core.errors import InputError
from duban.core.importers import read_plan
from duban.core.importers.safety import read_isolated
from tests.core.importers.tables import comparable


def test_it_returns_the_plan_the_reader_makes(example_path, example_plan):
    reader = partial(read_plan, units=example_plan.units)
    assert comparable(read_isolated(reader, example_path)) == comparable(example_plan)


def test_it_passes_on_the_readers_error_with_its_place(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty") as info:
        read_isolated(read_plan, path)
    assert info.value.source == str(path)


def _balloon(path):
    return bytearray(400 * 1024 * 1024)


def test_it_stops_a_reader_that_takes_too_much_memory(tmp_path):
    with pytest.raises(InputError, match="more than 100 MB"):
        read_isolated(_balloon, tmp_path / "x.docx", memory_mb=100)


def _sleeper(path):
    time.sleep(30)


def test_it_stops_a_reader_that_takes_too_long(tmp_path):
    with pytest.raises(InputError, match="took over"):
        read_isolated(_sleeper, tmp_path / "x.pdf", seconds=0.5)
