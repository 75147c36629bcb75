"""Webhook signatures, as the contract states them.

`v1=<hex>` where hex is HMAC-SHA256(secret, timestamp + "." + raw_body); during a
rotation every active secret signs, joined by commas (`v1=a,v1=b`).
"""

from __future__ import annotations

import hashlib
import hmac


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def sign(secrets: list[str], timestamp: str, body: bytes) -> str:
    return ",".join(f"v1={signature(s, timestamp, body)}" for s in secrets)
