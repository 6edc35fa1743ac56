"""Signals the plans app sends for changes made in bulk (bulk writes send no model signals)."""

from django.dispatch import Signal

# Sent inside the import's transaction with plan=<plans.Plan> once its tasks, units and reports
# are written.
plan_imported = Signal()
