"""Organizations (a district's government) and the units that answer for tasks."""
