"""A single image goes through the runs endpoint and ends with its stages copied."""

import pytest

from batches.models import StageImage, WebhookDelivery
from batches.services import ItemInput, job_create

from .conftest import wait_for, wait_terminal

pytestmark = pytest.mark.worker


def test_it_sends_one_image_as_a_run(team, alice, connection, celery_worker, sample_image_urls):
    from sandbox.models import Batch as SandboxBatch
    from sandbox.models import Run

    job = job_create(
        team=team,
        user=alice,
        connection=connection,
        as_run=True,
        items=[
            ItemInput(
                image_url=sample_image_urls[0], elements=["tag_removal", "background_removal"]
            )
        ],
    )
    batch = wait_terminal(job.batches.get())

    assert batch.is_run and batch.status == "succeeded" and batch.items_succeeded == 1
    assert not SandboxBatch.objects.exists() and Run.objects.count() == 1
    item = batch.items.get()
    assert item.run_id == batch.runflow_id and len(item.output_urls) == 3
    assert WebhookDelivery.objects.get(batch=batch).event == "run.completed"
    stages = wait_for(
        lambda: (
            list(StageImage.objects.filter(item=item).values_list("stage", flat=True))
            if StageImage.objects.filter(item=item).count() == 4
            else None
        )
    )
    assert stages == ["original", "tag_removal", "background_removal", "result"]
