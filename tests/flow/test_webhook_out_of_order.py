from decimal import Decimal

from batches.models import Batch, Item

from .conftest import envelope, make_batch, make_connection, signed_post, wait_for


def test_it_keeps_the_terminal_state_when_an_older_envelope_arrives_late(
    client, team, celery_worker
):
    connection = make_connection(team)
    batch = make_batch(connection)
    final = envelope(
        "rf-batch-1",
        "partial_succeeded",
        succeeded=1,
        failed=1,
        event="batch.partial_succeeded",
        cost="0.205000",
    )
    final["output"] = {
        "items": [
            {
                "sequence_index": 0,
                "status_code": "succeeded",
                "input": {},
                "output": {"image_urls": ["http://127.0.0.1:9/result_00001_.webp"]},
            },
            {
                "sequence_index": 1,
                "status_code": "failed",
                "input": {},
                "error": {"kind": "upstream_failed", "message": "the model gave up"},
            },
        ],
        "succeeded": 1,
        "failed": 1,
        "total": 2,
    }
    older = envelope("rf-batch-1", "running", succeeded=0, total=2, event="batch.running")

    assert signed_post(client, connection, final, request_id="new-1").status_code == 200
    wait_for(lambda: Batch.objects.get(pk=batch.pk).status == "partial_succeeded")
    assert signed_post(client, connection, older, request_id="old-1").status_code == 200

    late = wait_for(lambda: batch.deliveries.filter(delivery_id="old", effect__gt="").first())
    assert "Nothing new" in late.effect
    batch = Batch.objects.get(pk=batch.pk)
    assert (batch.status, batch.items_succeeded, batch.items_failed) == ("partial_succeeded", 1, 1)
    assert batch.cost == Decimal("0.205000")
    failed = Item.objects.get(batch=batch, sequence_index=1)
    assert (failed.status, failed.error_kind, failed.error_message) == (
        "failed",
        "upstream_failed",
        "the model gave up",
    )
    assert Item.objects.get(batch=batch, sequence_index=0).status == "succeeded"
