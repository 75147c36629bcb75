from batches.models import Batch, WebhookDelivery

from .conftest import envelope, make_batch, make_connection, signed_post, wait_for


def test_it_answers_200_to_a_retry_and_applies_the_delivery_once(client, team, celery_worker):
    connection = make_connection(team)
    batch = make_batch(connection)
    body = envelope(
        "rf-batch-1", "succeeded", succeeded=2, event="batch.succeeded", cost="0.410000"
    )

    first = signed_post(client, connection, body, request_id="abc-1")
    again = signed_post(client, connection, body, request_id="abc-2")

    assert first.status_code == 200
    assert again.status_code == 200 and again.json()["duplicate"] is True
    rows = WebhookDelivery.objects.filter(delivery_id="abc")
    assert rows.count() == 2
    assert rows.filter(duplicate=False).count() == 1
    original = wait_for(lambda: rows.filter(duplicate=False, effect__gt="").first())
    assert "status queued → succeeded" in original.effect
    assert "nothing applied" in rows.get(duplicate=True).effect
    batch = Batch.objects.get(pk=batch.pk)
    assert batch.status == "succeeded" and batch.items_succeeded == 2
    connection.refresh_from_db()
    assert connection.last_delivery_at == original.received_at
