"""System check: the API's rate settings read like 300/minute (a typo fails at start)."""

from __future__ import annotations

from django.core import checks

from duban.web.api import throttle


@checks.register()
def rates_are_valid(app_configs, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for name, read in (
        ("DUBAN_API_TOKEN_RATE", throttle.token_rate),
        ("DUBAN_API_ADDRESS_RATE", throttle.address_rate),
    ):
        try:
            read()
        except ValueError as exc:
            errors.append(checks.Error(f"{name}: {exc}", id="duban.api.E001"))
    return errors
