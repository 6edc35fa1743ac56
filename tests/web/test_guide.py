"""The user guide cannot drift: every picture it shows exists and is one the browser test takes."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.zh.md"
ROUND_TEST = ROOT / "tests" / "e2e" / "test_whole_round.py"


def test_it_shows_only_pictures_that_exist_and_that_the_browser_test_takes():
    pictures = re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", GUIDE.read_text(encoding="utf-8"))
    taken = {
        f"img/guide-{n}.png" for n in re.findall(r'shot\("([\w-]+)"\)', ROUND_TEST.read_text())
    }
    assert pictures, "the guide shows no pictures"
    assert sorted(set(pictures)) == sorted(taken)
    for picture in pictures:
        assert (GUIDE.parent / picture).stat().st_size > 5_000, picture
