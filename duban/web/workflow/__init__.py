"""The supervision workflow beyond reporting (docs/workflow.md): for now 签收, a unit's
acknowledgement of a task it is given."""
