"""The web app labels every verdict and flag of the core, and adds only what docs/judgement.md
lists as its own (not_reported, late, and closed: 已办结, the office's closing of a task)."""

from __future__ import annotations

import typing

from duban.core.judgement.flags import FlagKind
from duban.core.judgement.verdicts import Verdict


def test_the_web_labels_cover_exactly_the_core_verdicts_and_flags():
    from duban.web.dashboard.verdicts import FLAG_LABELS, LABELS

    assert set(FLAG_LABELS) == set(typing.get_args(FlagKind)) | {"late"}
    assert set(LABELS) == set(typing.get_args(Verdict)) | {"not_reported", "closed"}
