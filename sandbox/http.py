"""Every HTTP request the sandbox makes: fetching input images and posting webhooks.

Both go through httpx with explicit timeouts; nothing else in the sandbox opens
a connection.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
from django.conf import settings

from .validation import is_loopback

USER_AGENT = "runflow-sandbox/1"


class FetchError(Exception):
    """The image could not be fetched; the message is safe to show to the caller."""


def _blocked(url: str) -> bool:
    """Under tests (SANDBOX_LOOPBACK_ONLY) nothing leaves the machine."""
    return settings.SANDBOX_LOOPBACK_ONLY and not is_loopback(urlsplit(url).hostname or "")


def _too_large(cap: int) -> str:
    return f"the image is larger than the {cap / 1024 / 1024:g} MB limit."


def fetch_image(url: str) -> bytes:
    """The bytes at `url`, capped at SANDBOX_FETCH_MAX_BYTES, following at most 3 redirects."""
    if _blocked(url):
        raise FetchError("could not fetch image_url: only loopback hosts are reachable here")
    cap = settings.SANDBOX_FETCH_MAX_BYTES
    timeout = httpx.Timeout(settings.SANDBOX_FETCH_TIMEOUT_S)
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=3,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise FetchError(
                    f"could not fetch image_url: its server answered HTTP {response.status_code}."
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise FetchError(_too_large(cap))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(_too_large(cap))
                chunks.append(chunk)
    except httpx.TimeoutException as exc:
        seconds = settings.SANDBOX_FETCH_TIMEOUT_S
        raise FetchError(f"timed out fetching image_url: no answer within {seconds:g} s.") from exc
    except httpx.ConnectError as exc:
        raise FetchError(
            "could not fetch image_url: its host could not be reached or refused the connection."
        ) from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError("could not fetch image_url: it redirects more than 3 times.") from exc
    except httpx.HTTPError as exc:
        raise FetchError(
            f"could not fetch image_url: the transfer failed ({type(exc).__name__})."
        ) from exc
    return b"".join(chunks)


def post_webhook(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str | None]:
    """POST one webhook attempt: (status code, None) or (None, what went wrong)."""
    if _blocked(url):
        return None, "only loopback hosts are reachable here"
    timeout = httpx.Timeout(settings.SANDBOX_WEBHOOK_TIMEOUT_S)
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        ) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.TimeoutException:
        return None, "timeout"
    except httpx.HTTPError as exc:
        return None, type(exc).__name__
    return response.status_code, None if response.is_success else f"HTTP {response.status_code}"
