"""The shared world, with its hand-made drafts indexed as the report services would."""

from __future__ import annotations

import pytest


@pytest.fixture
def world(world):
    from duban.web.search.services import search_index_report

    for report in world.drafts.values():
        search_index_report(report)
    return world
