"""The Django application on top of the core: persistence, roles, pages."""
