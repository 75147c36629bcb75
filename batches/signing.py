"""Runflow webhook signatures: HMAC-SHA256(secret, timestamp + "." + raw_body), hex.

`Runflow-Signature` may carry several `v1=` values (during a rotation); any one that
matches any active secret passes. Comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import time

VALID, BAD_SIGNATURE, STALE, MALFORMED = "valid", "bad_signature", "stale", "malformed"


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(secret: str, timestamp: int | str, body: bytes) -> str:
    return f"v1={sign(secret, timestamp, body)}"


def signatures(value: str) -> list[str]:
    found = []
    for part in value.split(","):
        scheme, _, sig = part.strip().partition("=")
        if scheme == "v1" and sig:
            found.append(sig.strip())
    return found


def verify(
    *,
    body: bytes,
    signature: str,
    timestamp: str,
    secrets: list[str],
    tolerance_s: int = 300,
    now: float | None = None,
) -> str:
    """One of VALID, BAD_SIGNATURE, STALE or MALFORMED."""
    given = signatures(signature or "")
    try:
        ts = int((timestamp or "").strip())
    except ValueError:
        return MALFORMED
    if not given:
        return MALFORMED
    if abs((time.time() if now is None else now) - ts) > tolerance_s:
        return STALE
    ok = False
    for secret in secrets:
        expected = sign(secret, timestamp.strip(), body)
        for sig in given:
            # No early exit: every pair is compared, so timing says nothing about which.
            ok |= hmac.compare_digest(expected.encode(), sig.encode())
    return VALID if ok else BAD_SIGNATURE


def delivery_id(request_id: str) -> tuple[str, int | None]:
    """`<uuid>-<attempt>` → (`<uuid>`, attempt); an id without an attempt is kept whole."""
    head, sep, tail = (request_id or "").strip().rpartition("-")
    # A uuid's own last group is 12 hex digits; an attempt number is short.
    if sep and head and tail.isdigit() and len(tail) < 12:
        return head, int(tail)
    return (request_id or "").strip(), None
