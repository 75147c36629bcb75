from batches.models import Batch, WebhookDelivery
from batches.services import delivery_process, delivery_replay

from .conftest import envelope, make_batch, make_connection, signed_post


def test_it_replays_a_stored_delivery_and_says_what_changed(client, team):
    connection = make_connection(team)
    batch = make_batch(connection)
    body = envelope("rf-batch-1", "succeeded", succeeded=2, event="batch.succeeded")
    signed_post(client, connection, body)
    original = WebhookDelivery.objects.get()

    delivery_process(delivery_id=original.pk)
    replay = delivery_replay(delivery=WebhookDelivery.objects.get(pk=original.pk))

    assert replay.replay_of == original and replay.batch == batch
    assert replay.effect == "Replayed: Nothing new: state only moves forward."
    assert Batch.objects.get(pk=batch.pk).status == "succeeded"
