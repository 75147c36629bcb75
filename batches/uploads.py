"""Images uploaded from disk: checked with Pillow, stored, handed to Runflow by URL.

An upload is stored through Django's default storage (the file system on a laptop,
S3 through django-storages in production) under a random token, and served with no
login at `batches:upload_public`, whose absolute URL (built from `SITE_URL`) is the
`image_url` Runflow fetches. The token is the only secret, so it is long.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

from .models import Upload

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from accounts.models import User
    from teams.models import Team

FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
MAX_PIXELS = 80_000_000


class UploadRefused(ValueError):
    """The file is not one we accept; the message is a sentence naming the file."""


@dataclass(frozen=True)
class CheckedImage:
    name: str
    content_type: str
    extension: str
    width: int
    height: int
    size: int


def upload_check(file: UploadedFile) -> CheckedImage:
    """Refuse anything but a JPEG, PNG or WebP within the size cap (UploadRefused)."""
    name = file.name or "image"
    limit = settings.UPLOAD_MAX_IMAGE_BYTES
    if file.size is not None and file.size > limit:
        raise UploadRefused(f"“{name}” is {_mb(file.size)}; the limit is {_mb(limit)} an image.")
    if not file.size:
        raise UploadRefused(f"“{name}” is empty.")
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            fmt, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRefused(
            f"“{name}” is not an image we can read: use JPEG, PNG or WebP."
        ) from None
    finally:
        file.seek(0)
    if fmt not in FORMATS:
        raise UploadRefused(f"“{name}” is a {fmt} image; use JPEG, PNG or WebP.")
    if width * height > MAX_PIXELS:
        raise UploadRefused(f"“{name}” is {width}×{height} pixels, too large to process.")
    content_type, extension = FORMATS[fmt]
    return CheckedImage(name, content_type, extension, width, height, file.size)


def upload_store(*, team: Team, user: User | None, file: UploadedFile) -> Upload:
    """Check and store one file; raises UploadRefused with a sentence."""
    checked = upload_check(file)
    stem = get_valid_filename(checked.name.rsplit(".", 1)[0])[:80] or "image"
    upload = Upload(
        team=team,
        token=secrets.token_urlsafe(32),
        original_name=checked.name[:255],
        content_type=checked.content_type,
        bytes=checked.size,
        width=checked.width,
        height=checked.height,
        created_by=user,
    )
    upload.file.save(f"{stem}.{checked.extension}", file, save=False)
    upload.save()
    return upload


def upload_filename(upload: Upload) -> str:
    return upload.file.name.rsplit("/", 1)[-1]


def upload_public_url(upload: Upload) -> str:
    """The absolute URL handed to Runflow as the item's image_url."""
    path = reverse(
        "batches:upload_public", kwargs={"token": upload.token, "name": upload_filename(upload)}
    )
    return settings.SITE_URL + path


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
