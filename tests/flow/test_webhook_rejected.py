import time

from batches.models import Batch, WebhookDelivery

from .conftest import envelope, make_batch, make_connection, signed_post, wait_for


def test_it_refuses_a_bad_signature_with_400_and_logs_its_verdict(client, team, caplog):
    connection = make_connection(team)
    batch = make_batch(connection)
    body = envelope("rf-batch-1", "succeeded", succeeded=2, event="batch.succeeded")

    response = signed_post(client, connection, body, secret="rf_whsec_someone_else")

    assert response.status_code == 400
    row = WebhookDelivery.objects.get()
    assert row.verdict == "bad_signature" and row.batch is None
    assert "rejected: bad_signature" in caplog.text
    assert Batch.objects.get(pk=batch.pk).status == "queued"


def test_it_refuses_a_stale_timestamp_even_when_signed_right(client, team, caplog):
    connection = make_connection(team)
    batch = make_batch(connection)
    body = envelope("rf-batch-1", "succeeded", succeeded=2, event="batch.succeeded")

    response = signed_post(client, connection, body, timestamp=int(time.time()) - 301)

    assert response.status_code == 400
    assert WebhookDelivery.objects.get().verdict == "stale"
    assert "rejected: stale" in caplog.text
    assert Batch.objects.get(pk=batch.pk).status == "queued"


def test_it_answers_404_to_an_unknown_webhook_url_and_405_to_a_get(client, team):
    connection = make_connection(team)
    assert (
        client.post(
            "/webhooks/runflow/00000000-0000-0000-0000-000000000000/",
            data=b"{}",
            content_type="application/json",
        ).status_code
        == 404
    )
    assert client.get(connection.webhook_path).status_code == 405


def test_it_answers_200_to_an_unknown_batch_and_logs_it(client, team, caplog, celery_worker):
    connection = make_connection(team)
    body = envelope("not-ours", "succeeded", succeeded=2, event="batch.succeeded")

    response = signed_post(client, connection, body)

    assert response.status_code == 200
    row = wait_for(lambda: WebhookDelivery.objects.filter(effect__gt="").first())
    assert row.verdict == "valid" and row.batch is None and "No batch of ours" in row.effect
    assert "unknown batch" in caplog.text


def test_it_refuses_a_signed_body_that_is_not_a_json_object(client, team):
    connection = make_connection(team)

    response = signed_post(client, connection, b"\xff\xfe not json")

    assert response.status_code == 400
    assert WebhookDelivery.objects.get().verdict == "malformed"
