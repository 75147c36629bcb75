"""Keeping our own copy of every image of an item: original, each stage, result.

Runflow's URLs are not permanent, so the gallery shows only what we stored. Each
image is fetched through `fetch` (hosts, addresses, size cap), checked by Pillow,
stored, and given a WebP thumbnail. Positions already stored are skipped, so the
task can run again (or twice at once) without duplicating anything.
"""

from __future__ import annotations

import io
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from . import fetch
from .models import Item, StageImage
from .stages import Stage, stage_of

log = logging.getLogger(__name__)

FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}


class CopyRetry(Exception):
    """A transient failure: the task tries again later."""


class BadImage(Exception):
    pass


def result_hosts(item: Item) -> set[str]:
    """The connection's API host, its parent domain's subdomains (api.runflow.io → any
    *.runflow.io, where its results are served), and RUNFLOW_RESULT_HOSTS."""
    api_host = (urlsplit(item.batch.connection.base_url).hostname or "").lower()
    hosts = {api_host, *(h.lower() for h in settings.RUNFLOW_RESULT_HOSTS)}
    labels = api_host.split(".")
    if len(labels) >= 3 and not api_host.replace(".", "").isdigit():
        hosts.add("." + ".".join(labels[1:]))
    return hosts


def sequence(item: Item) -> list[tuple[int, str, str]]:
    """(position, stage, url): the original first, then every output URL in order."""
    seq = [(0, Stage.ORIGINAL.value, item.image_url)]
    seq += [(n, stage_of(url).value, url) for n, url in enumerate(item.output_urls, start=1)]
    return seq


def item_copy(*, item: Item) -> int:
    """Copy what is missing; returns how many images were stored this time."""
    done = set(item.stages.values_list("position", flat=True))
    hosts = result_hosts(item)
    stored, transient, refused = 0, [], []
    for position, stage, url in sequence(item):
        if position in done:
            continue
        try:
            content = _content(item, position, url, hosts)
            if _store(item, position, stage, url, content):
                stored += 1
        except fetch.FetchFailed as exc:
            transient.append(f"image {position}: {exc}")
        except (fetch.FetchRefused, BadImage) as exc:
            refused.append(f"image {position}: {exc}")
    problems = refused + transient
    Item.objects.filter(pk=item.pk).update(
        copy_error=("Some images could not be kept: " + "; ".join(problems) + ".")
        if problems
        else "",
        images_copied_at=None if transient else timezone.now(),
    )
    if transient:
        raise CopyRetry("; ".join(transient))
    return stored


def _content(item: Item, position: int, url: str, hosts: set[str]) -> bytes:
    if position == 0 and item.upload_id and item.upload.file:
        with item.upload.file.open("rb") as f:
            return f.read(settings.RUNFLOW_COPY_MAX_BYTES + 1)
    allowed = None if position == 0 else hosts  # the original is the user's own public URL
    return fetch.fetch_image(
        url, allowed_hosts=allowed, max_bytes=settings.RUNFLOW_COPY_MAX_BYTES
    ).content


def _inspect(content: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise BadImage("it is not an image we can read") from exc
    if image.format not in FORMATS:
        raise BadImage(f"{image.format} images are not kept")
    return image


def _thumbnail(image: Image.Image) -> tuple[bytes, int, int]:
    px = settings.THUMBNAIL_PX
    thumb = ImageOps.exif_transpose(image)  # a phone photo's thumbnail stands upright
    thumb.thumbnail((px, px))
    alpha = thumb.mode in ("RGBA", "LA", "PA") or "transparency" in thumb.info
    thumb = thumb.convert("RGBA" if alpha else "RGB")
    out = io.BytesIO()
    thumb.save(out, "WEBP", quality=80, method=4)
    return out.getvalue(), thumb.width, thumb.height


def _store(item: Item, position: int, stage: str, url: str, content: bytes) -> bool:
    image = _inspect(content)
    content_type, ext = FORMATS[image.format]
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    thumb, tw, th = _thumbnail(image)
    row = StageImage(
        team_id=item.team_id,
        item=item,
        position=position,
        stage=stage,
        source_url=url[:2000],
        content_type=content_type,
        bytes=len(content),
        width=image.width,
        height=image.height,
        thumb_width=tw,
        thumb_height=th,
        has_alpha=has_alpha,
    )
    name = f"{position:02d}-{stage}"
    row.file.save(f"{name}.{ext}", ContentFile(content), save=False)
    row.thumbnail.save(f"{name}-thumb.webp", ContentFile(thumb), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Another copy of this task stored the position first: keep theirs.
        row.file.delete(save=False)
        row.thumbnail.delete(save=False)
        return False
    return True
