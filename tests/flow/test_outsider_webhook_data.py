"""The webhook URL is public (keyed by its uuid); the team's delivery data is not."""

from batches.models import WebhookDelivery

from .conftest import envelope, make_batch, make_connection, signed_post


def test_it_answers_404_to_an_outsider_on_alices_deliveries(client, charlie_client, team):
    connection = make_connection(team)
    make_batch(connection)
    body = envelope("rf-batch-1", "succeeded", succeeded=2, event="batch.succeeded")
    assert signed_post(client, connection, body).status_code == 200  # public, no login
    delivery = WebhookDelivery.objects.get()

    detail = charlie_client.get(f"/batches/webhooks/{delivery.pk}/")
    replay = charlie_client.post(f"/batches/webhooks/{delivery.pk}/replay/")
    log = charlie_client.get("/batches/webhooks/")

    assert (detail.status_code, replay.status_code) == (404, 404)
    assert log.status_code == 200 and str(delivery.pk) not in log.content.decode()
    assert WebhookDelivery.objects.count() == 1  # nothing replayed
