"""序时进度: the share of a yearly amount due by the end of month m. The one place for this rule."""

from __future__ import annotations


def schedule_share(end_month: int) -> float:
    """序时进度: by the end of month m, m/12 of a yearly amount is due (Q3 → 0.75)."""
    if not 1 <= end_month <= 12:
        raise ValueError(f"end month must be 1..12, not {end_month}")
    return end_month / 12
