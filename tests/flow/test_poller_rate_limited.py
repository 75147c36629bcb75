"""The poller respects 429: the next poll waits Retry-After, and nothing changes."""

import uuid

import httpx
from django.utils import timezone

from batches.models import Batch
from batches.services import batch_refresh

from .conftest import make_batch, wait_for


def test_it_waits_retry_after_when_a_poll_is_rate_limited(connection, settings, sandbox_key):
    settings.SANDBOX_RATE_LIMIT_PER_MINUTE = 60
    settings.SANDBOX_RATE_WINDOW_S = 3  # three requests every three seconds
    batch = make_batch(connection, runflow_id=str(uuid.uuid4()), status="running")
    headers = {"Authorization": f"Bearer {sandbox_key}"}
    with httpx.Client(base_url=settings.SANDBOX_BASE, headers=headers) as rf:
        wait_for(lambda: rf.get(f"/v1/batches/{uuid.uuid4()}").status_code == 429, step=0)

    before = timezone.now()
    batch_refresh(batch=Batch.objects.select_related("connection").get(pk=batch.pk))

    batch = Batch.objects.get(pk=batch.pk)
    assert batch.status == "running"
    wait = (batch.next_poll_at - before).total_seconds()
    assert 1 <= wait <= 3.5
