"""402 and 422 come back as sentences on the batch, and nothing is created at Runflow."""

import pytest

from batches.models import Item
from batches.services import ItemInput, job_create

from .conftest import wait_terminal

pytestmark = pytest.mark.worker


def test_it_puts_a_402_on_the_batch_in_words(
    team, alice, connection, celery_worker, sample_image_urls
):
    from sandbox.models import Batch as SandboxBatch

    every = ["model_removal", "tag_removal", "product_isolation", "background_removal"]
    inputs = [ItemInput(image_url=sample_image_urls[n % 12], elements=every) for n in range(70)]

    job = job_create(team=team, user=alice, connection=connection, items=inputs)
    batch = wait_terminal(job.batches.get())

    assert batch.status == "rejected"
    assert "Not enough Runflow credit" in batch.status_detail
    assert "nothing was created or charged" in batch.status_detail
    assert not SandboxBatch.objects.exists()


def test_it_maps_a_422_to_the_line_it_names(
    team, alice, connection, celery_worker, sample_image_urls
):
    from sandbox.models import Batch as SandboxBatch

    inputs = [
        ItemInput(image_url=sample_image_urls[0], elements=["tag_removal"]),
        ItemInput(image_url=sample_image_urls[1], elements=["tag_removal", "sharpening"]),
        ItemInput(image_url=sample_image_urls[2], elements=["tag_removal"]),
    ]

    job = job_create(team=team, user=alice, connection=connection, items=inputs)
    batch = wait_terminal(job.batches.get())

    assert batch.status == "rejected"
    assert batch.status_detail.startswith("Runflow refused the request: item 2, config.elements")
    bad = Item.objects.get(batch=batch, sequence_index=1)
    assert bad.error_kind == "validation_error"
    assert "config.elements" in bad.error_message
    assert Item.objects.filter(batch=batch).exclude(error_message="").count() == 1
    assert not SandboxBatch.objects.exists()
