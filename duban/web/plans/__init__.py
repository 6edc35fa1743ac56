"""Plans, their sections and tasks, reporting periods and the units' progress reports."""
