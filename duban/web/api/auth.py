"""`Authorization: Bearer dbn_…`: the token's user becomes request.user, so access.py applies
exactly as on the pages, and the token is request.auth, which its rate counts (throttle.py).
A missing or wrong token counts against the client's address: guessing is slow."""

from __future__ import annotations

import math

from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from duban.web.api.models import ApiToken
from duban.web.api.throttle import AddressThrottle
from duban.web.api.tokens import token_authenticate

_guessing = AddressThrottle()


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        token = super().__call__(request)
        if token is None and not _guessing.allow_request(request):
            raise Throttled(wait=math.ceil(_guessing.wait() or 1))
        return token

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        return found
