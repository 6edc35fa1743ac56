"""佐证材料: files attached to a report (docs/evidence.md)."""
