"""How an organization signs its documents and notices. One place, so that the organization's
own settings (its issuing office's name) replace this default everywhere at once."""

from __future__ import annotations

from duban.web.orgs.models import Organization


def issuing_office(organization: Organization) -> str:
    """The office that signs the table, the bulletin and the notices (…人民政府督查室)."""
    return f"{organization.name}人民政府督查室"
