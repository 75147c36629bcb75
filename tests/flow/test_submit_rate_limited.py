"""429 is retried after Retry-After, and the batch is created once."""

import httpx
import pytest

from batches.services import ItemInput, job_create

from .conftest import wait_for

pytestmark = pytest.mark.worker


def test_it_retries_a_429_after_retry_after(
    team, alice, connection, celery_worker, sample_image_urls, settings, sandbox_key, caplog
):
    from sandbox.models import Batch as SandboxBatch

    # One request per 6 s window: wide enough that the submission lands inside the
    # window this test fills, even on a loaded machine, so the create surely meets a 429.
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 10
    settings.SANDBOX_RATE_WINDOW_S = 6
    with httpx.Client(
        base_url=settings.SANDBOX_BASE, headers={"Authorization": f"Bearer {sandbox_key}"}
    ) as rf:
        wait_for(
            lambda: rf.get("/v1/batches/00000000-0000-0000-0000-000000000000").status_code == 429,
            step=0,
        )

    job = job_create(
        team=team,
        user=alice,
        connection=connection,
        items=[ItemInput(image_url=sample_image_urls[0], elements=["tag_removal"])],
    )
    batch = job.batches.get()

    wait_for(lambda: batch.__class__.objects.get(pk=batch.pk).runflow_id, timeout=30)
    assert "retry: Retry in" in caplog.text
    assert SandboxBatch.objects.count() == 1
