"""The submission task run twice makes one create: it claims the batch first."""

import pytest

from batches import tasks
from batches.models import Batch
from batches.services import ItemInput, job_create

from .conftest import wait_for

pytestmark = pytest.mark.worker


def test_it_creates_the_batch_once_when_the_task_runs_twice(
    team, alice, connection, celery_worker, sample_image_urls
):
    from sandbox.models import Batch as SandboxBatch

    job = job_create(
        team=team,
        user=alice,
        connection=connection,
        items=[ItemInput(image_url=sample_image_urls[0], elements=["tag_removal"])],
    )
    batch = job.batches.get()
    tasks.batch_submit.delay(str(batch.pk))  # a second delivery of the same task

    batch = wait_for(lambda: Batch.objects.exclude(runflow_id="").filter(pk=batch.pk).first())
    assert tasks.batch_submit.apply(args=[str(batch.pk)]).get() == "not pending: nothing sent"
    assert SandboxBatch.objects.count() == 1
    assert SandboxBatch.objects.get().id.hex == batch.runflow_id.replace("-", "")
