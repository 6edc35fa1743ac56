"""A stand-in for the government's 统一身份认证: an OpenID Connect provider on 127.0.0.1.

It does what a real provider does in the authorization-code flow, no more: a sign-in form at
/authorize (a user name from its own directory), a code bound to the client, redirect URI,
nonce and PKCE challenge; /token checks them and answers an RS256-signed ID token; /userinfo
answers the claims for the access token; /jwks publishes the public key. Each code and token
works once. Started on port 0 (a free port), in a thread; stopped by the fixture.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "duban-test"
CLIENT_SECRET = "stub-secret-not-for-production"


class Provider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.directory: dict[str, dict] = {}  # sign-in name → claims (sub, name, phone_number…)
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.url = ""

    def configure(self, settings) -> None:
        """Point duban at this provider (pytest-django's `settings` fixture)."""
        for name, value in self._settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            "duban.web.security.LoginThrottle",
            "duban.web.accounts.backends.LocalPasswordBackend",
            "duban.web.accounts.sso.IdentityBackend",
        ]

    def _settings(self) -> dict:
        return {
            "DUBAN_SSO": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_VERIFY_SSL": True,
        }

    def code_for(self, name: str, query: dict) -> str:
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"claims": self.directory[name], **query}
        return code

    def exchange(self, form: dict) -> dict | None:
        grant = self.codes.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return None
        if grant.get("code_challenge"):
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["code_challenge"]:
                return None
        claims = grant["claims"]
        now = int(time.time())
        id_token = jwt.encode(
            {
                "iss": self.url,
                "aud": CLIENT_ID,
                "sub": claims["sub"],
                "iat": now,
                "exp": now + 300,
                "nonce": grant.get("nonce"),
            },
            self.key,
            algorithm="RS256",
            headers={"kid": "stub"},
        )
        access = secrets.token_urlsafe(16)
        self.tokens[access] = claims
        return {"access_token": access, "token_type": "Bearer", "id_token": id_token}

    def jwks(self) -> dict:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": "stub", "alg": "RS256", "use": "sig"}]}


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet test output
            pass

        def _answer(self, status: int, body: dict | str, headers: dict | None = None) -> None:
            data = body if isinstance(body, str) else json.dumps(body)
            kind = "text/html; charset=utf-8" if isinstance(body, str) else "application/json"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data.encode())

        def _form(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            return {k: v[0] for k, v in parse_qs(raw).items()}

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/authorize":
                hidden = "".join(
                    f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                    for k, v in query.items()
                )
                page = (
                    "<!doctype html><title>统一身份认证</title><h1>统一身份认证</h1>"
                    f'<form method="post" action="/authorize">{hidden}'
                    '<label>账号 <input id="account" name="account"></label>'
                    '<button id="sign-in" type="submit">登录</button></form>'
                )
                self._answer(200, page)
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                claims = provider.tokens.get(token)
                self._answer(200, claims) if claims else self._answer(401, {"error": "token"})
            elif url.path == "/jwks":
                self._answer(200, provider.jwks())
            else:
                self._answer(404, {"error": "not found"})

        def do_POST(self) -> None:
            form = self._form()
            if self.path == "/authorize":
                name = form.pop("account", "")
                if name not in provider.directory:
                    self._answer(200, "<p>账号不存在</p>")
                    return
                code = provider.code_for(name, form)
                target = (
                    f"{form['redirect_uri']}?{urlencode({'code': code, 'state': form['state']})}"
                )
                self._answer(302, "", {"Location": target})
            elif self.path == "/token":
                answer = provider.exchange(form)
                self._answer(200, answer) if answer else self._answer(400, {"error": "grant"})
            else:
                self._answer(404, {"error": "not found"})

    return Handler


@contextmanager
def running_provider():
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
