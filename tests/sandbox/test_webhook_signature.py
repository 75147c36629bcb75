"""The batch webhook, checked by a verifier written here from the contract's words:
HMAC-SHA256(secret, timestamp + "." + raw_body) as hex, compared in constant time with a
`v1=` value; several values during rotation, any one matching passes; timestamp within 300 s."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time

import pytest

from .client import item

pytestmark = pytest.mark.worker


def verify(secret: str, headers: dict, raw_body: bytes) -> bool:
    timestamp = headers["Runflow-Timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + raw_body, hashlib.sha256
    ).hexdigest()
    values = [
        part.strip()[3:]
        for part in headers["Runflow-Signature"].split(",")
        if part.strip().startswith("v1=")
    ]
    return any(hmac.compare_digest(expected, v) for v in values)


def test_it_signs_one_terminal_webhook_with_every_active_secret(
    api, celery_worker, receiver, fast_webhooks, sample_image_urls
):
    old = api.create_secret("old").json()["secret"]
    new = api.create_secret("new").json()["secret"]
    created = api.create_batch(
        {
            "input": [item(sample_image_urls[0], "tag_removal")],
            "callback_url": receiver.url,
            "metadata": {"campaign": "x"},
        }
    )
    batch_id = created.json()["id"]
    final = api.wait_batch(batch_id)
    (request,) = receiver.wait(1)
    time.sleep(0.5)  # a second webhook would be a bug: give it the chance to show up
    assert len(receiver.requests) == 1

    headers, raw = request["headers"], request["body"]
    assert verify(old, headers, raw) and verify(new, headers, raw)
    assert not verify("rf_whsec_wrong", headers, raw)
    assert not verify(new, headers, raw + b" ")
    assert headers["Runflow-Signature"].count("v1=") == 2
    assert re.fullmatch(r"[0-9a-f-]{36}-1", headers["Runflow-Request-Id"])
    body = json.loads(raw)
    assert body["event"] == "batch.succeeded"
    assert {k: v for k, v in body.items() if k != "event"} == final


def test_it_posts_the_run_webhook_with_the_pages_body(
    api, celery_worker, receiver, fast_webhooks, sample_image_urls
):
    secret = api.create_secret("runs").json()["secret"]
    created = api.create_run(
        {
            "input": item(sample_image_urls[1], "tag_removal", "background_removal"),
            "callback_url": receiver.url,
            "metadata": {"sku": "123"},
        }
    ).json()
    final = api.wait_run(created["run_id"])
    (request,) = receiver.wait(1)
    assert verify(secret, request["headers"], request["body"])
    body = json.loads(request["body"])
    assert body["event"] == "run.completed"
    assert set(body) == {
        "event",
        "run_id",
        "status",
        "output",
        "duration_ms",
        "created_at",
        "completed_at",
        "metadata",
    }
    assert body["status"] == "succeeded" and body["metadata"] == {"sku": "123"}
    assert [u.rsplit("/", 1)[1] for u in body["output"]["image_urls"]] == [
        "tag_remover_00001_.webp",
        "bg_remover_00001_.webp",
        "result_00001_.webp",
    ]
    assert body["duration_ms"] >= 0
    assert final["status"] == "succeeded"
