"""Another team's batch, job or delivery answers 404 on every URL, as if it did not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from batches.models import DeliveryVerdict, ItemStatus, WebhookDelivery

from .conftest import make_batch, succeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_batch(sandbox_connection):
    batch = make_batch(sandbox_connection, items=2)
    succeed(batch.items.first())
    batch.items.filter(status=ItemStatus.QUEUED).update(status=ItemStatus.FAILED)
    return batch


@pytest.fixture
def alices_delivery(alices_batch):
    return WebhookDelivery.objects.create(
        team=alices_batch.team,
        connection=alices_batch.connection,
        delivery_id="d-1",
        event="batch.succeeded",
        verdict=DeliveryVerdict.VALID,
        body="{}",
        batch=alices_batch,
    )


def test_every_batch_url_answers_404_to_an_outsider(charlie_client, alices_batch):
    pk = alices_batch.pk
    for name in ("detail", "download_zip", "export_csv"):
        response = charlie_client.get(reverse(f"batches:{name}", args=[pk]))
        assert response.status_code == 404, name
    response = charlie_client.get(reverse("batches:detail", args=[pk]), headers={"HX-Request": "1"})
    assert response.status_code == 404
    for name in ("cancel", "retry", "refresh"):
        assert charlie_client.post(reverse(f"batches:{name}", args=[pk])).status_code == 404, name
    assert charlie_client.get(reverse("batches:job", args=[alices_batch.job.pk])).status_code == 404
    alices_batch.refresh_from_db()
    assert alices_batch.status == "running"
    assert alices_batch.job.retries.count() == 0


def test_the_outsiders_list_does_not_show_the_batch(charlie_client, alices_batch):
    body = charlie_client.get(reverse("batches:list")).content.decode()
    assert str(alices_batch.job) not in body
    assert "No batches yet" in body


def test_webhook_log_entries_answer_404_to_an_outsider(charlie_client, alices_delivery):
    detail = reverse("batches:delivery_detail", args=[alices_delivery.pk])
    assert charlie_client.get(detail).status_code == 404
    replay = reverse("batches:delivery_replay", args=[alices_delivery.pk])
    assert charlie_client.post(replay).status_code == 404
    assert WebhookDelivery.objects.count() == 1
    body = charlie_client.get(reverse("batches:webhook_log")).content.decode()
    assert "batch.succeeded" not in body


def test_a_logged_out_visitor_is_sent_to_log_in(client, alices_batch):
    response = client.get(reverse("batches:detail", args=[alices_batch.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
