"""The Runflow webhook receiver: `/webhooks/runflow/<token>/`, one URL per connection.

Order of work, as in the style guide: verify the raw body's signature first
(constant-time, against every active secret, timestamp within tolerance), then store
the delivery under its unique delivery id in the same transaction as enqueuing its
processing, then answer 2xx at once. A duplicate is stored as such and applies nothing.
"""

from __future__ import annotations

import json
import logging
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from connections.models import CallbackSecret, Connection

from . import signing, tasks
from .models import WebhookDelivery

log = logging.getLogger(__name__)

MAX_STORED_INVALID_BODY = 64 * 1024


@csrf_exempt
@require_POST
def runflow(request: HttpRequest, token) -> JsonResponse:
    # One query for the connection and its active secrets: this view must stay fast.
    rows = list(
        CallbackSecret.objects.filter(
            connection__webhook_token=token, revoked_at__isnull=True
        ).values_list("connection_id", "connection__team_id", "secret")
    )
    if rows:
        connection_id, team_id = rows[0][0], rows[0][1]
    else:
        found = Connection.objects.filter(webhook_token=token).values_list("pk", "team_id").first()
        if found is None:
            return JsonResponse({"error": "unknown webhook"}, status=404)
        connection_id, team_id = found
    raw = request.body
    signature = request.headers.get("Runflow-Signature", "")
    timestamp = request.headers.get("Runflow-Timestamp", "")
    verdict = signing.verify(
        body=raw,
        signature=signature,
        timestamp=timestamp,
        secrets=[secret for _, _, secret in rows],
        tolerance_s=settings.RUNFLOW_WEBHOOK_TOLERANCE_S,
    )
    data: dict = {}
    if verdict == signing.VALID:
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            verdict, data = signing.MALFORMED, {}
    request_id = request.headers.get("Runflow-Request-Id", "")[:120]
    delivery_id, attempt = signing.delivery_id(request_id)
    fields = dict(
        team_id=team_id,
        connection_id=connection_id,
        delivery_id=delivery_id[:100],
        request_id=request_id,
        attempt=attempt,
        event=str(data.get("event", ""))[:50],
        verdict=verdict,
        signature_header=signature[:1000],
        timestamp_header=timestamp[:50],
    )
    if verdict != signing.VALID:
        body = raw[:MAX_STORED_INVALID_BODY].decode("utf-8", "replace")
        WebhookDelivery.objects.create(
            **fields, body=body, effect="Rejected: nothing applied.", processed_at=timezone.now()
        )
        log.warning("webhook for connection %s rejected: %s", connection_id, verdict)
        return JsonResponse({"error": verdict}, status=400)
    return _store(fields, raw.decode())


def _store(fields: dict, body: str) -> JsonResponse:
    """Store once under the delivery id; processing (batch lookup, apply) is the task's."""
    # One INSERT, committed on its own (autocommit): the row is the durable record and the
    # unique constraint the dedupe. Processing is enqueued once it is committed; a row whose
    # enqueue was lost (broker down) is picked up again by the poller's sweep.
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(**fields, body=body)
            transaction.on_commit(partial(tasks.delivery_process.delay, str(delivery.pk)))
    except IntegrityError:
        WebhookDelivery.objects.create(
            **fields,
            body=body,
            duplicate=True,
            effect="Duplicate of a delivery already received: nothing applied.",
            processed_at=timezone.now(),
        )
        log.info(
            "webhook %s for connection %s: duplicate",
            fields["delivery_id"],
            fields["connection_id"],
        )
        return JsonResponse({"received": True, "duplicate": True})
    return JsonResponse({"received": True})
