"""The showcase page's own example bodies, sent as they stand (seed/runflow-showcase.txt)."""

from __future__ import annotations

import re
import uuid

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

FIRST_REQUEST = {
    "input": [
        {
            "image_url": "https://cdn.example.com/shirt.jpg",
            "config": {
                "elements": [
                    "model_removal",
                    "tag_removal",
                    "product_isolation",
                    "background_removal",
                ]
            },
        }
    ]
}
BATCH_REQUEST = {
    "input": [
        {
            "image_url": "https://cdn.example.com/a.jpg",
            "config": {"elements": ["tag_removal", "background_removal"]},
            "client_ref": "sku-123",
        },
        {"image_url": "https://cdn.example.com/b.jpg", "config": {"elements": ["model_removal"]}},
    ],
    "callback_url": "https://you.example/webhooks/runflow",
    "metadata": {"campaign": "spring-drop"},
}
RUN_REQUEST = {
    "input": {
        "image_url": "https://cdn.example.com/shirt.jpg",
        "config": {"elements": ["tag_removal", "background_removal"]},
    },
    "callback_url": "https://you.example/webhooks/runflow",
    "metadata": {"sku": "123"},
}
ITEM = {
    "image_url": "https://cdn.example.com/shirt.jpg",
    "config": {
        "elements": ["tag_removal", "background_removal"],
        "aspect_ratio": "1:1",
        "product_isolation_prompt": "the white sneaker",
    },
    "client_ref": "sku-123",
}


def _is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


def test_it_accepts_the_batch_example_and_answers_the_documented_201(api):
    response = api.create_batch(BATCH_REQUEST)
    assert response.status_code == 201
    batch = response.json()
    api.cancel_batch(batch["id"])
    assert set(batch) >= {
        "id",
        "status_code",
        "items_total",
        "items_succeeded",
        "items_failed",
        "items_cancelled",
        "items",
        "output",
        "cost",
        "created_at",
    }
    assert _is_uuid(batch["id"])
    assert batch["status_code"] == "queued"
    assert (batch["items_total"], batch["items_succeeded"], batch["items_failed"]) == (2, 0, 0)
    assert batch["output"] is None
    assert batch["cost"] == "0.000000"
    assert ISO_UTC.match(batch["created_at"])
    first, second = batch["items"]
    assert set(first) == {"id", "sequence_index", "client_ref", "run_id", "status_code"}
    assert (first["sequence_index"], first["client_ref"], first["status_code"]) == (
        0,
        "sku-123",
        "queued",
    )
    assert (second["sequence_index"], second["client_ref"]) == (1, None)
    assert all(_is_uuid(i["id"]) and _is_uuid(i["run_id"]) for i in batch["items"])


def test_it_accepts_the_first_request_example(api):
    response = api.create_batch(FIRST_REQUEST)
    assert response.status_code == 201
    api.cancel_batch(response.json()["id"])


def test_it_accepts_the_per_item_example_inside_a_batch(api):
    response = api.create_batch({"input": [ITEM]})
    assert response.status_code == 201
    assert response.json()["items"][0]["client_ref"] == "sku-123"
    api.cancel_batch(response.json()["id"])


def test_it_accepts_the_single_run_example(api):
    response = api.create_run(RUN_REQUEST)
    assert response.status_code == 201
    run = response.json()
    assert set(run) >= {
        "run_id",
        "status",
        "output",
        "duration_ms",
        "created_at",
        "completed_at",
        "metadata",
    }
    assert _is_uuid(run["run_id"])
    assert run["status"] == "queued"
    assert run["output"] is None and run["completed_at"] is None
    assert run["metadata"] == {"sku": "123"}
    assert ISO_UTC.match(run["created_at"])
    assert api.get_run(run["run_id"]).json()["run_id"] == run["run_id"]


def test_it_accepts_the_callback_secret_example_and_shows_the_secret_once(api):
    response = api.create_secret("webhook-prod")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "secret", "label"}
    assert body["secret"].startswith("rf_whsec_")
    assert body["label"] == "webhook-prod"
    assert _is_uuid(body["id"])
