"""How an organization signs and heads its documents and notices. One place, so that the
organization's own settings (its issuing office, bulletin series, addressees) replace these
defaults everywhere at once; the defaults follow its level (县政府, 镇政府 …)."""

from __future__ import annotations

from duban.web.orgs.models import Organization


def issuing_office(organization: Organization) -> str:
    """The office that signs the table, the bulletin and the notices (…人民政府督查室)."""
    return organization.office_name or f"{organization.name}人民政府督查室"


def bulletin_wording(organization: Organization) -> dict[str, str]:
    """The bulletin's masthead series and addressees as the office set them; unset ones are
    left to the bulletin's template, which words them by the organization's level. The office
    that signs is issuing_office's."""
    out = {}
    if organization.bulletin_series:
        out["series"] = organization.bulletin_series
    if organization.addressees:
        out["addressees"] = organization.addressees
    return out
