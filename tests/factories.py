"""Rows and images every test folder builds: real small images, real connection rows.

Folder-specific shapes (a gallery item with its stages, a batch with a Runflow id) stay
in each folder's own factories; they build on these.
"""

from __future__ import annotations

import io
import uuid

from PIL import Image, ImageDraw

from connections.models import CallbackSecret, Connection, environment_of


def image_bytes(
    fmt: str = "PNG", *, size=(96, 72), colour=(200, 80, 60), transparent=False, label=""
) -> bytes:
    """A real image: a coloured ellipse on a plain (or transparent) ground."""
    mode = "RGBA" if transparent else "RGB"
    background = (0, 0, 0, 0) if transparent else (235, 235, 238)
    image = Image.new(mode, size, background)
    draw = ImageDraw.Draw(image)
    w, h = size
    fill = (*colour, 255) if transparent else colour
    draw.ellipse((w * 0.2, h * 0.15, w * 0.8, h * 0.85), fill=fill)
    if label:
        draw.text((4, 4), label, fill=(20, 20, 20, 255) if transparent else (20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 80} if fmt in ("WEBP", "JPEG") else {}))
    return buffer.getvalue()


def make_connection(
    team,
    *,
    key: str | None = None,
    environment: str | None = None,
    label: str = "Sandbox key",
    base_url: str = "http://127.0.0.1:9",
    secret: str | None = "rf_whsec_test",
    **extra,
) -> Connection:
    """A connection row as connect would save it (no Runflow call); `extra` overrides fields."""
    if key is None:
        key = ("rf_live_" if environment == "live" else "rf_test_") + uuid.uuid4().hex
    fields = {
        "label": label,
        "environment": environment or environment_of(key) or "sandbox",
        "api_key": key,
        "key_prefix": key[:8],
        "key_last4": key[-4:],
        "base_url": base_url,
        **extra,
    }
    connection = Connection.objects.create(team=team, **fields)
    if secret:
        CallbackSecret.objects.create(connection=connection, runflow_id="sec_1", secret=secret)
    return connection
