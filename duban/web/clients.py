"""The client's address: the one rule every limiter uses (the log-in lock-out, the API's rates).

Behind a reverse proxy every request comes from the proxy's address (REMOTE_ADDR), so a limit
keyed on it is one limit for everyone: five wrong passwords for `office` from anywhere locked
the real office out. The proxy says who connected to it in X-Forwarded-For, appending the
address it saw to whatever the client sent. That header is believed only as far as it was
written by a proxy listed in DUBAN_TRUSTED_PROXIES: read from its right end, every address of a
trusted proxy is skipped and the first other one is the client. Anything to its left was written
by the client and is never read (it could name anyone). Without trusted proxies, or for a
request that did not come through one, the client is REMOTE_ADDR.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(raw: str) -> tuple[Network, ...]:
    """'10.0.0.5, 10.1.0.0/16, ::1' → networks; a wrong entry is a ValueError naming it."""
    networks = []
    for entry in (e.strip() for e in raw.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(
                f"DUBAN_TRUSTED_PROXIES: {entry!r} is not an address or a network (10.0.0.5, "
                "10.0.0.0/8, ::1)"
            ) from None
    return tuple(networks)


@cache
def _networks(raw: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_trusted_proxies(",".join(raw))


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in n for n in networks)


def _address(raw: str) -> str | None:
    """raw as a normalised address, or None (a port, brackets or garbage)."""
    try:
        return ipaddress.ip_address(raw.strip()).compressed
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that made the request, by the rule in this module's docstring;
    None when the server was not given one."""
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(settings.DUBAN_TRUSTED_PROXIES))
    if remote is None or not networks or not _trusted(remote, networks):
        return remote
    client = remote
    for raw in reversed((request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")):
        hop = _address(raw)
        if hop is None:
            break  # a trusted proxy writes addresses only: the chain is broken here
        client = hop
        if not _trusted(hop, networks):
            break
    return client


def forwarded_https(request: HttpRequest) -> bool:
    """Whether a trusted proxy says the client spoke HTTPS to it (X-Forwarded-Proto: https).
    A client's own header, or any header from a request that did not come through a listed
    proxy, is never believed (Django's SECURE_PROXY_SSL_HEADER would believe anyone's)."""
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(settings.DUBAN_TRUSTED_PROXIES))
    if remote is None or not networks or not _trusted(remote, networks):
        return False
    proto = (request.META.get("HTTP_X_FORWARDED_PROTO") or "").split(",")[-1].strip().lower()
    return proto == "https"


class ForwardedScheme:
    """Before SecurityMiddleware: a request a trusted proxy received over HTTPS is secure, so
    HSTS (DUBAN_HSTS_SECONDS), secure redirects and CSRF's origin check work behind nginx."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if forwarded_https(request):
            request.META["wsgi.url_scheme"] = "https"
        return self.get_response(request)
