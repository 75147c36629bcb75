"""Rows for the batch pages, built directly (no Runflow needed), with real image files."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from batches.models import Batch, BatchStatus, Item, ItemStatus, Job, StageImage
from connections.models import CallbackSecret, Connection


def image_bytes(fmt: str = "WEBP", size=(32, 24), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def make_connection(team, *, environment: str = "sandbox", label: str = "Sandbox key"):
    key = ("rf_test_" if environment == "sandbox" else "rf_live_") + "pages0000abcd"
    connection = Connection.objects.create(
        team=team,
        label=label,
        environment=environment,
        api_key=key,
        key_prefix=key[:8],
        key_last4=key[-4:],
        base_url="http://127.0.0.1:9",
    )
    CallbackSecret.objects.create(connection=connection, runflow_id="sec_1", secret="rf_whsec_x")
    return connection


def make_batch(
    connection,
    *,
    items: int = 3,
    status: str = BatchStatus.RUNNING,
    title: str = "Spring shoes",
    user=None,
    job=None,
    part: int = 1,
    item_status: str = ItemStatus.QUEUED,
):
    job = job or Job.objects.create(
        team=connection.team, connection=connection, title=title, created_by=user
    )
    batch = Batch.objects.create(
        team=connection.team,
        job=job,
        connection=connection,
        part=part,
        runflow_id=f"rf-{job.pk.hex[:8]}-{part}",
        status=status,
        items_total=items,
    )
    Item.objects.bulk_create(
        Item(
            team=connection.team,
            batch=batch,
            sequence_index=n,
            client_ref=f"sku-{n}",
            image_url=f"https://cdn.example.com/{n}.jpg",
            config={"elements": ["tag_removal", "background_removal"]},
            status=item_status,
        )
        for n in range(items)
    )
    return batch


STAGES = ["original", "tag_removal", "background_removal", "result"]


def add_stages(item, stages=STAGES):
    """Give an item its copied images, as item_copy_images would."""
    for position, stage in enumerate(stages):
        image = StageImage(
            team=item.team,
            item=item,
            position=position,
            stage=stage,
            source_url=f"https://cdn.example.com/out/{stage}_{item.sequence_index}.webp",
            content_type="image/webp",
            width=32,
            height=24,
            thumb_width=32,
            thumb_height=24,
        )
        data = image_bytes()
        image.file.save(f"{position}_{stage}.webp", ContentFile(data), save=False)
        image.thumbnail.save(f"{position}_{stage}_thumb.webp", ContentFile(data), save=False)
        image.bytes = len(data)
        image.save()


def succeed(item, *, with_stages: bool = True):
    item.status = ItemStatus.SUCCEEDED
    item.output_urls = [f"https://cdn.example.com/out/result_{item.sequence_index}.webp"]
    item.save()
    if with_stages:
        add_stages(item)


def fail(item, message: str = "The image could not be fetched (HTTP 404)."):
    item.status = ItemStatus.FAILED
    item.error_kind = "upstream_failed"
    item.error_message = message
    item.save()


@pytest.fixture
def sandbox_connection(team, alice):
    return make_connection(team)


@pytest.fixture
def live_connection(team):
    return make_connection(team, environment="live", label="Live key")
