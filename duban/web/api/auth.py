"""`Authorization: Bearer dbn_…`: the token's user becomes request.user, so access.py applies
exactly as on the pages. Each request counts against its token's rate, or its address's."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from duban.web.api import throttle
from duban.web.api.tokens import token_authenticate


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        if user is None:
            # Missing or wrong tokens count against the address: guessing is slow.
            throttle.hit(f"address:{throttle.client_address(request)}", throttle.address_rate())
        return user

    def authenticate(self, request: HttpRequest, token: str):
        found = token_authenticate(token)
        if found is None:
            return None
        throttle.hit(f"token:{found.pk}", throttle.token_rate())
        request.user = found.user
        return found.user
