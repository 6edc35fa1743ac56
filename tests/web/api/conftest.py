"""Tokens for the shared personas and a client that sends them as `Authorization: Bearer`."""

from __future__ import annotations

import json

import pytest


class Api:
    """The test client speaking to /api/v1/ with one token (or none)."""

    def __init__(self, client, secret: str | None) -> None:
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **params):
        return self.client.get("/api/v1" + path, params, **self.headers)

    def put(self, path: str, body: dict):
        return self._send("put", path, body)

    def post(self, path: str, body: dict):
        return self._send("post", path, body)

    def _send(self, method: str, path: str, body: dict):
        send = getattr(self.client, method)
        return send(
            "/api/v1" + path,
            json.dumps(body, ensure_ascii=False),
            content_type="application/json",
            **self.headers,
        )

    def items(self, path: str, **params) -> list[dict]:
        """Every item of a list, following offset until total."""
        items: list[dict] = []
        while True:
            page = self.get(path, limit=500, offset=len(items), **params)
            assert page.status_code == 200, page.content
            data = page.json()
            items += data["items"]
            if len(items) >= data["total"] or not data["items"]:
                return items


@pytest.fixture
def api_as(world):
    """api_as(username or None) → an Api with a fresh token of that persona."""
    from django.test import Client

    from duban.web.api.tokens import token_create

    def make(username: str | None) -> Api:
        if username is None:
            return Api(Client(), None)
        _, secret = token_create(world.users[username], name=f"tests {username}")
        return Api(Client(), secret)

    return make
