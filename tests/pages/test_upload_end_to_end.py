"""Uploaded files reach Runflow (the sandbox, over real HTTP) at their public URL."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from batches.models import Batch, BatchStatus

pytestmark = pytest.mark.worker
SAMPLES = Path(__file__).resolve().parents[2] / "static" / "samples"


def test_uploaded_images_are_fetched_by_runflow_and_succeed(
    client, alice, connection, celery_worker, settings
):
    client.force_login(alice)
    files = [
        SimpleUploadedFile(p.name, p.read_bytes(), "image/jpeg")
        for p in sorted(SAMPLES.glob("*.jpg"))[:2]
    ]
    response = client.post(
        "/batches/new/",
        {
            "source": "upload",
            "files": files,
            "elements": ["background_removal"],
            "connection": str(connection.pk),
            "action": "send",
        },
    )
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert all(i.image_url.startswith(settings.SITE_URL) for i in batch.items.all())
    deadline = time.monotonic() + 60
    while not batch.is_terminal and time.monotonic() < deadline:
        time.sleep(0.3)
        batch.refresh_from_db()
    assert batch.status == BatchStatus.SUCCEEDED, batch.status_detail
    assert batch.items_succeeded == 2
