"""How what Runflow says becomes our state: polls, webhooks, replays.

State only moves forward (`BATCH_RANK`, `ITEM_RANK`): a webhook that comes late,
twice or out of order, or a poll that races it, can add what is new and never undo
what is known. Counters come from Runflow's object and never decrease.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from connections.models import Connection

from . import runflow
from .models import (
    BATCH_RANK,
    BATCH_TERMINAL,
    ITEM_RANK,
    Batch,
    BatchStatus,
    DeliveryVerdict,
    Item,
    ItemStatus,
    WebhookDelivery,
)

log = logging.getLogger(__name__)


# --- applying what Runflow says ----------------------------------------------------


# Runflow's own statuses; ours (pending, submitting, rejected, unknown) never come from it.
RUNFLOW_STATUSES = frozenset(BatchStatus) - {
    BatchStatus.PENDING,
    BatchStatus.SUBMITTING,
    BatchStatus.REJECTED,
    BatchStatus.UNKNOWN,
}


def _forward(rank: dict, current: str, new: str) -> bool:
    if rank is BATCH_RANK and new not in RUNFLOW_STATUSES:
        return False
    return new in rank and rank[new] > rank.get(current, 0)


def _enqueue_copy(item_ids: list) -> None:
    from . import tasks

    for item_id in item_ids:
        transaction.on_commit(partial(tasks.item_copy_images.delay, str(item_id)))


@transaction.atomic
def batch_apply(*, batch_id, obj: runflow.BatchObject) -> str:
    """Apply a batch object (a poll's answer or a webhook's body); returns what changed."""
    batch = Batch.objects.select_for_update().get(pk=batch_id)
    changes: list[str] = []
    if _forward(BATCH_RANK, batch.status, obj.status_code):
        changes.append(f"status {batch.status} → {obj.status_code}")
        batch.status = obj.status_code
        batch.status_detail = ""
        if batch.status in BATCH_TERMINAL:
            batch.completed_at = timezone.now()
    for name in ("items_total", "items_succeeded", "items_failed", "items_cancelled"):
        new = getattr(obj, name)
        if new > getattr(batch, name):
            changes.append(f"{name.removeprefix('items_')} {getattr(batch, name)} → {new}")
            setattr(batch, name, new)
    if obj.cost is not None and (batch.cost is None or obj.cost > batch.cost):
        changes.append(f"cost {obj.cost}")
        batch.cost = obj.cost
    batch.save()
    items = {i.sequence_index: i for i in batch.items.all()}
    copy: list = []
    counts = {"moved": 0}
    for bi in obj.items:
        item = items.get(bi.sequence_index)
        if item is not None and _item_update(
            item, status=bi.status_code, runflow_item_id=bi.id, run_id=bi.run_id, counts=counts
        ):
            copy.append(item.pk)
    for oi in obj.output or []:
        item = items.get(oi.sequence_index)
        if item is not None and _item_update(
            item,
            status=oi.status_code,
            urls=oi.image_urls,
            error_kind=oi.error_kind,
            error_message=oi.error_message,
            counts=counts,
        ):
            copy.append(item.pk)
    if counts["moved"]:
        changes.append(f"{counts['moved']} item update(s)")
    _enqueue_copy(list(dict.fromkeys(copy)))
    return "; ".join(changes) or "nothing new"


def _item_update(
    item: Item,
    *,
    status: str,
    runflow_item_id: str | None = None,
    run_id: str | None = None,
    urls: list[str] | None = None,
    error_kind: str | None = None,
    error_message: str | None = None,
    counts: dict,
) -> bool:
    """Move one item forward; True when it newly has images to copy."""
    fields: list[str] = []
    if runflow_item_id and not item.runflow_item_id:
        item.runflow_item_id = runflow_item_id
        fields.append("runflow_item_id")
    if run_id and not item.run_id:
        item.run_id = run_id
        fields.append("run_id")
    if _forward(ITEM_RANK, item.status, status):
        item.status = status
        fields.append("status")
        counts["moved"] += 1
    # The failure's words come with the terminal output; a bare "failed" status has none.
    has_words = bool(error_kind or error_message)
    if has_words and item.status == ItemStatus.FAILED and item.error_kind in ("", "failed"):
        item.error_kind = (error_kind or "failed")[:64]
        item.error_message = error_message or "Runflow could not process this image."
        fields += ["error_kind", "error_message"]
    new_urls = bool(urls) and not item.output_urls and item.status == ItemStatus.SUCCEEDED
    if new_urls:
        item.output_urls = list(urls)
        fields.append("output_urls")
    if fields:
        item.save(update_fields=[*fields, "updated_at"])
    # A failed item keeps its original in the gallery too.
    newly_failed = "status" in fields and item.status == ItemStatus.FAILED
    return new_urls or newly_failed


RUN_TO_BATCH = {"completed": BatchStatus.SUCCEEDED}


@transaction.atomic
def run_apply(*, batch_id, obj: runflow.RunObject) -> str:
    """A run is kept as a one-item batch: its status and output go to both rows."""
    batch = Batch.objects.select_for_update().get(pk=batch_id)
    status = RUN_TO_BATCH.get(obj.status, obj.status)
    changes: list[str] = []
    if _forward(BATCH_RANK, batch.status, status):
        changes.append(f"status {batch.status} → {status}")
        batch.status = status
        batch.status_detail = ""
        if status in BATCH_TERMINAL:
            batch.completed_at = timezone.now()
            done = {"succeeded": "items_succeeded", "failed": "items_failed"}
            setattr(batch, done.get(status, "items_cancelled"), 1)
        cost = runflow._decimal(obj.raw.get("cost"))
        if cost is not None:
            batch.cost = cost
        batch.save()
    item = batch.items.get()
    counts = {"moved": 0}
    failed = status == ItemStatus.FAILED
    if _item_update(
        item,
        status=status,
        urls=obj.image_urls,
        error_kind=obj.error_kind or ("failed" if failed else None),
        error_message=obj.error_message,
        counts=counts,
    ):
        _enqueue_copy([item.pk])
    return "; ".join(changes) or "nothing new"


def _poll_later(batch: Batch, *, seconds: float | None = None, changed: bool = False) -> None:
    lo, hi = settings.RUNFLOW_POLL_MIN_S, settings.RUNFLOW_POLL_MAX_S
    interval = lo if changed else min(hi, max(lo, batch.poll_interval_s * 1.5))
    wait = interval if seconds is None else seconds
    now = timezone.now()
    Batch.objects.filter(pk=batch.pk).update(
        poll_interval_s=interval, next_poll_at=now + timedelta(seconds=wait), last_polled_at=now
    )


def _poll_failed(batch: Batch, message: str) -> None:
    checked = timezone.localtime().strftime("%H:%M:%S")
    Batch.objects.filter(pk=batch.pk).update(
        poll_error=f"The last check with Runflow, at {checked} UTC, failed: {message} "
        "We keep checking, less often, until it answers."
    )


def batch_refresh(*, batch: Batch) -> None:
    """Ask Runflow about the batch now, apply the answer, schedule the next poll."""
    if batch.is_terminal or not batch.runflow_id or not batch.connection.is_active:
        Batch.objects.filter(pk=batch.pk).update(next_poll_at=None)
        return
    try:
        with runflow.RunflowClient.for_connection(batch.connection) as rf:
            if batch.is_run:
                effect = run_apply(batch_id=batch.pk, obj=rf.get_run(batch.runflow_id))
            else:
                obj = rf.get_batch(batch.runflow_id)
                effect = batch_apply(batch_id=batch.pk, obj=obj)
                _fetch_finished_runs(rf, batch, obj)
    except runflow.RateLimited as exc:
        _poll_later(batch, seconds=exc.retry_after)
        _poll_failed(batch, exc.user_message)
        return
    except runflow.RunflowError as exc:
        log.warning("poll of batch %s failed: %s", batch.pk, exc.user_message)
        _poll_later(batch)
        _poll_failed(batch, exc.user_message)
        return
    if batch.poll_error:
        Batch.objects.filter(pk=batch.pk).update(poll_error="")
    batch.refresh_from_db()
    if batch.is_terminal:
        Batch.objects.filter(pk=batch.pk).update(next_poll_at=None, last_polled_at=timezone.now())
    else:
        _poll_later(batch, changed=effect != "nothing new")


def _fetch_finished_runs(rf: runflow.RunflowClient, batch: Batch, obj: runflow.BatchObject) -> None:
    """While a batch runs its output is null: a succeeded item's images come from its run."""
    if obj.output is not None:
        return
    waiting = batch.items.filter(status=ItemStatus.SUCCEEDED, output_urls=[]).exclude(run_id="")
    for item in waiting[:20]:
        run = rf.get_run(item.run_id)
        if run.image_urls:
            with transaction.atomic():
                fresh = Item.objects.select_for_update().get(pk=item.pk)
                if not fresh.output_urls:
                    fresh.output_urls = run.image_urls
                    fresh.save(update_fields=["output_urls", "updated_at"])
                    _enqueue_copy([fresh.pk])


# --- webhook deliveries ----------------------------------------------------------------


def delivery_apply(*, delivery: WebhookDelivery) -> str:
    """Apply a stored valid delivery's body to its batch; returns the effect in words."""
    if delivery.batch_id is None:
        return "No batch of ours has this id; nothing applied."
    data = json.loads(delivery.body)
    try:
        if delivery.event.startswith("run."):
            effect = run_apply(batch_id=delivery.batch_id, obj=runflow.RunObject.from_json(data))
        else:
            obj = runflow.BatchObject.from_json(data)
            effect = batch_apply(batch_id=delivery.batch_id, obj=obj)
    except (KeyError, TypeError, ValueError) as exc:
        return f"The body could not be read as a {delivery.event or 'Runflow'} object ({exc})."
    return "Nothing new: state only moves forward." if effect == "nothing new" else effect


def _delivery_batch(delivery: WebhookDelivery) -> Batch | None:
    try:
        data = json.loads(delivery.body)
    except ValueError:
        return None
    key = "run_id" if delivery.event.startswith("run.") else "id"
    runflow_id = data.get(key) if isinstance(data, dict) else None
    if not runflow_id:
        return None
    return Batch.objects.filter(
        connection_id=delivery.connection_id, runflow_id=str(runflow_id)
    ).first()


def delivery_process(*, delivery_id) -> None:
    """Apply a stored delivery once (the task may run again: processed_at guards it)."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.processed_at is not None:
            return
        delivery.processed_at = timezone.now()
        delivery.batch = _delivery_batch(delivery)
        delivery.save(update_fields=["processed_at", "batch"])
        Connection.objects.filter(pk=delivery.connection_id).filter(
            Q(last_delivery_at__isnull=True) | Q(last_delivery_at__lt=delivery.received_at)
        ).update(last_delivery_at=delivery.received_at)
    if delivery.batch is None:
        log.warning(
            "webhook %s for connection %s: unknown batch",
            delivery.delivery_id,
            delivery.connection_id,
        )
    effect = delivery_apply(delivery=delivery)
    WebhookDelivery.objects.filter(pk=delivery_id).update(effect=effect)


def delivery_replay(*, delivery: WebhookDelivery) -> WebhookDelivery:
    if delivery.verdict != DeliveryVerdict.VALID:
        raise ValueError("Only a delivery with a valid signature can be replayed.")
    replay = WebhookDelivery.objects.create(
        team=delivery.team,
        connection=delivery.connection,
        delivery_id=delivery.delivery_id,
        request_id=delivery.request_id,
        attempt=delivery.attempt,
        event=delivery.event,
        verdict=DeliveryVerdict.VALID,
        body=delivery.body,
        batch=delivery.batch,
        replay_of=delivery,
        processed_at=timezone.now(),
    )
    replay.effect = "Replayed: " + delivery_apply(delivery=replay)
    replay.save(update_fields=["effect"])
    return replay
