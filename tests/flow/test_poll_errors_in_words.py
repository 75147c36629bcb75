"""A poll that fails says so on the batch page, keeps the last true status, and clears
once a poll works again."""

from __future__ import annotations

import uuid

from batches.models import Batch
from batches.services import batch_refresh
from sandbox.models import ApiKey

from .conftest import make_batch


def _refresh(batch) -> Batch:
    batch_refresh(batch=Batch.objects.select_related("connection").get(pk=batch.pk))
    return Batch.objects.get(pk=batch.pk)


def test_it_shows_a_failed_poll_as_a_sentence_and_keeps_the_status(
    connection, alice_client, sandbox_key
):
    batch = make_batch(connection, runflow_id=str(uuid.uuid4()), status="running")

    batch = _refresh(batch)  # an id the sandbox does not know: 404
    assert batch.status == "running"
    assert "does not know this batch" in batch.poll_error

    ApiKey.objects.update(active=False)  # the key revoked at Runflow's end: 401
    batch = _refresh(batch)
    assert batch.status == "running"
    assert "rejected the API key" in batch.poll_error
    page = alice_client.get(f"/batches/{batch.pk}/").content.decode()
    assert "The last check with Runflow" in page and "rejected the API key" in page
    assert sandbox_key not in page


def test_it_clears_the_sentence_once_a_poll_works(connection, sample_image_urls):
    from batches.services import ItemInput, job_create

    job = job_create(
        team=connection.team,
        user=None,
        connection=connection,
        items=[ItemInput(image_url=sample_image_urls[0], elements=["tag_removal"])],
    )
    batch = job.batches.get()
    from batches.services import batch_submit

    batch_submit(batch_id=batch.pk)
    Batch.objects.filter(pk=batch.pk).update(poll_error="The last check with Runflow failed: x")
    batch = _refresh(batch)
    assert batch.runflow_id and batch.poll_error == ""
