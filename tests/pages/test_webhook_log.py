"""The webhook log: each delivery with its verdict, duplicate flag and effect; replay."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from batches.models import BatchStatus, DeliveryVerdict, WebhookDelivery

from .conftest import make_batch

pytestmark = pytest.mark.django_db


def delivery(batch, **fields):
    body = {
        "event": "batch.succeeded",
        "id": batch.runflow_id,
        "status_code": "succeeded",
        "items_total": 1,
        "items_succeeded": 1,
        "items_failed": 0,
        "items_cancelled": 0,
        "items": [],
        "output": None,
        "cost": "0.410000",
        "created_at": "2026-04-16T10:00:00Z",
    }
    values = {
        "team": batch.team,
        "connection": batch.connection,
        "delivery_id": "d-1",
        "request_id": "d-1-1",
        "attempt": 1,
        "event": "batch.succeeded",
        "verdict": DeliveryVerdict.VALID,
        "body": json.dumps(body),
        "batch": batch,
        "effect": "status running → succeeded",
    }
    values.update(fields)
    return WebhookDelivery.objects.create(**values)


def test_it_lists_each_delivery_with_verdict_duplicate_and_effect(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=1)
    delivery(batch)
    delivery(batch, duplicate=True, attempt=2, effect="Duplicate: already applied.")
    delivery(batch, verdict=DeliveryVerdict.BAD_SIGNATURE, delivery_id="x", effect="")
    body = alice_client.get(reverse("batches:webhook_log")).content.decode()
    assert body.count("<code>batch.succeeded</code>") == 3
    assert "Valid signature" in body and "Bad signature" in body
    assert "Duplicate: already applied." in body
    assert "status running → succeeded" in body
    filtered = alice_client.get(reverse("batches:webhook_log"), {"verdict": "bad_signature"})
    assert filtered.content.decode().count("<code>batch.succeeded</code>") == 1


def test_an_admin_can_replay_a_valid_delivery(alice_client, sandbox_connection):
    batch = make_batch(sandbox_connection, items=1, status=BatchStatus.RUNNING)
    original = delivery(batch)
    detail = reverse("batches:delivery_detail", args=[original.pk])
    assert (
        reverse("batches:delivery_replay", args=[original.pk])
        in alice_client.get(detail).content.decode()
    )
    response = alice_client.post(reverse("batches:delivery_replay", args=[original.pk]))
    replay = WebhookDelivery.objects.get(replay_of=original)
    assert response["Location"] == reverse("batches:delivery_detail", args=[replay.pk])
    assert replay.effect.startswith("Replayed")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SUCCEEDED


def test_a_member_cannot_replay(bob_client, sandbox_connection):
    original = delivery(make_batch(sandbox_connection, items=1))
    detail = bob_client.get(reverse("batches:delivery_detail", args=[original.pk]))
    assert detail.status_code == 200
    assert "Replay this delivery" not in detail.content.decode()
    response = bob_client.post(reverse("batches:delivery_replay", args=[original.pk]))
    assert response.status_code == 403
    assert WebhookDelivery.objects.count() == 1


def test_an_empty_log_says_what_comes_next(alice_client):
    body = alice_client.get(reverse("batches:webhook_log")).content.decode()
    assert "No deliveries yet" in body
