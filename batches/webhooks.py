"""The Runflow webhook receiver: `/webhooks/runflow/<token>/`, one URL per connection.

Order of work, as in the style guide: verify the raw body's signature first
(constant-time, against every active secret, timestamp within tolerance), then store
the delivery under its unique delivery id in the same transaction as enqueuing its
processing, then answer 2xx at once. A duplicate is stored as such and applies nothing.
"""

from __future__ import annotations

import json
import logging
import time
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


# token -> (expires, connection_id, team_id, [secret, ...]). A few seconds of caching
# keeps the receiver to one INSERT per delivery; a delivery that fails against the
# cached secrets is checked again against fresh ones, so a new secret works at once and
# a revoked one stops within SECRET_CACHE_S.
SECRET_CACHE_S = 5.0
_secret_cache: dict = {}


def _lookup(token, *, fresh: bool = False) -> tuple | None:
    now = time.monotonic()
    hit = _secret_cache.get(token)
    if hit and hit[0] > now and not fresh:
        return hit[1:]
    rows = list(
        CallbackSecret.objects.filter(
            connection__webhook_token=token, revoked_at__isnull=True
        ).values_list("connection_id", "connection__team_id", "secret")
    )
    if rows:
        found = (rows[0][0], rows[0][1], [secret for _, _, secret in rows])
    else:
        pair = Connection.objects.filter(webhook_token=token).values_list("pk", "team_id").first()
        if pair is None:
            return None
        found = (pair[0], pair[1], [])
    if len(_secret_cache) > 1000:
        _secret_cache.clear()
    _secret_cache[token] = (now + SECRET_CACHE_S, *found)
    return found


def _verify(request: HttpRequest, raw: bytes, secrets: list[str]) -> str:
    return signing.verify(
        body=raw,
        signature=request.headers.get("Runflow-Signature", ""),
        timestamp=request.headers.get("Runflow-Timestamp", ""),
        secrets=secrets,
        tolerance_s=settings.RUNFLOW_WEBHOOK_TOLERANCE_S,
    )


@csrf_exempt
@require_POST
def runflow(request: HttpRequest, token) -> JsonResponse:
    found = _lookup(token)
    if found is None:
        return JsonResponse({"error": "unknown webhook"}, status=404)
    connection_id, team_id, secrets = found
    raw = request.body
    signature = request.headers.get("Runflow-Signature", "")
    timestamp = request.headers.get("Runflow-Timestamp", "")
    verdict = _verify(request, raw, secrets)
    if verdict == signing.BAD_SIGNATURE:
        connection_id, team_id, secrets = _lookup(token, fresh=True) or (connection_id, team_id, [])
        verdict = _verify(request, raw, secrets)
    data: dict = {}
    if verdict == signing.VALID:
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError included
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


def _insert(fields: dict, body: str) -> WebhookDelivery:
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():  # a savepoint: a duplicate leaves the outer block usable
            return WebhookDelivery.objects.create(**fields, body=body)
    return WebhookDelivery.objects.create(**fields, body=body)


def _store(fields: dict, body: str) -> JsonResponse:
    """Store once under the delivery id; processing (batch lookup, apply) is the task's."""
    # One INSERT, committed on its own (autocommit): the row is the durable record and its
    # unique constraint the dedupe. Processing is enqueued once the row is committed; a row
    # whose enqueue was lost (broker down) is picked up by the poller's sweep.
    try:
        delivery = _insert(fields, body)
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
    transaction.on_commit(partial(_enqueue, delivery.pk))
    return JsonResponse({"received": True})


def _enqueue(delivery_pk) -> None:
    # No publish retries here: Runflow gets its answer at once, and a delivery whose
    # enqueue failed is stored, so the poller's sweep enqueues it again.
    try:
        tasks.delivery_process.apply_async((str(delivery_pk),), retry=False)
    except Exception:
        log.exception("webhook delivery %s stored but not enqueued", delivery_pk)
