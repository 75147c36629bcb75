"""Fetching an image from somewhere else, carefully (SSRF and size).

Only http(s); only from the hosts a caller allows (None: any public host); every
resolved address of the host must be public, unless the host is the configured
sandbox's (which runs on loopback in development and tests); redirects are
followed by hand, a few at most, each hop checked again; the body is streamed
and cut at a byte cap.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

MAX_REDIRECTS = 3
TIMEOUT = httpx.Timeout(20.0, connect=5.0)


class FetchRefused(Exception):
    """Permanent: this URL will not be fetched (host, address, size, status)."""


class FetchFailed(Exception):
    """Transient: the network or the server failed; trying later may work."""


def _size(n: int) -> str:
    return f"{n / 2**20:g} MB" if n >= 2**20 else f"{n / 1024:g} KB"


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


def _sandbox_host() -> str | None:
    return urlsplit(settings.SANDBOX_BASE).hostname if settings.SANDBOX_ENABLED else None


def _allowed(host: str, allowed: set[str]) -> bool:
    """An entry `.example.com` allows every subdomain of example.com."""
    return host in allowed or any(a.startswith(".") and host.endswith(a) for a in allowed)


def _check_host(host: str, port: int) -> None:
    if host == _sandbox_host():
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchFailed(f"the host {host} could not be resolved") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise FetchRefused(f"the host {host} resolves to a private address")


def fetch_image(url: str, *, allowed_hosts: set[str] | None, max_bytes: int) -> Fetched:
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            raise FetchRefused("only http and https image URLs can be copied")
        if allowed_hosts is not None and not _allowed(host, allowed_hosts):
            raise FetchRefused(f"images are not copied from {host}")
        _check_host(host, parts.port or (443 if parts.scheme == "https" else 80))
        try:
            with (
                httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client,
                client.stream("GET", url, headers={"Accept": "image/*"}) as response,
            ):
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code == 429 or response.status_code >= 500:
                    raise FetchFailed(f"{host} answered HTTP {response.status_code}")
                if not response.is_success:
                    raise FetchRefused(f"{host} answered HTTP {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchRefused(f"the image is larger than {_size(max_bytes)}")
                chunks, size = [], 0
                for chunk in response.iter_bytes(64 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchRefused(f"the image is larger than {_size(max_bytes)}")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "").split(";")[0].strip()
                return Fetched(url=url, content=b"".join(chunks), content_type=content_type)
        except httpx.HTTPError as exc:
            raise FetchFailed(f"{host} could not be reached ({type(exc).__name__})") from exc
    raise FetchRefused("too many redirects")
