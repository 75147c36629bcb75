"""Every write to jobs, batches and items: creating, sending, cancelling, retrying.

How Runflow's answers move a batch's state (polls, webhooks, replays) is in
`progress.py`; its public functions are re-exported here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import pricing, runflow
from .models import (
    Batch,
    BatchStatus,
    Item,
    ItemStatus,
    Job,
    JobKind,
    Upload,
)
from .progress import (  # noqa: F401  (re-exported: the interface names them here)
    batch_apply,
    batch_refresh,
    delivery_apply,
    delivery_process,
    delivery_replay,
    run_apply,
)
from .stages import ordered_elements

if TYPE_CHECKING:
    from accounts.models import User
    from connections.models import Connection
    from teams.models import Team

log = logging.getLogger(__name__)

UNKNOWN_SENTENCE = (
    "{reason} We cannot tell whether Runflow created this batch, so it was not sent again "
    "(sending twice could charge twice). Check the batch in Runflow before retrying."
)


@dataclass
class ItemInput:
    image_url: str
    elements: list[str]
    client_ref: str = ""
    aspect_ratio: str = ""
    product_isolation_prompt: str = ""
    upload: Upload | None = None

    def config(self) -> dict:
        config: dict = {"elements": ordered_elements(self.elements)}
        if self.aspect_ratio:
            config["aspect_ratio"] = self.aspect_ratio
        if self.product_isolation_prompt:
            config["product_isolation_prompt"] = self.product_isolation_prompt
        return config


def item_payload(item: Item) -> dict:
    """The contract's item object for one of our items."""
    payload: dict = {"image_url": item.image_url, "config": item.config}
    if item.client_ref:
        payload["client_ref"] = item.client_ref
    return payload


# --- creating and sending ------------------------------------------------------------


@transaction.atomic
def job_create(
    *,
    team: Team,
    user: User | None,
    connection: Connection,
    items: list[ItemInput],
    title: str = "",
    metadata: dict | None = None,
    as_run: bool = False,
    retry_of: Job | None = None,
) -> Job:
    from . import tasks

    if not items:
        raise ValueError("job_create needs at least one item")
    if as_run and len(items) != 1:
        raise ValueError("a single run takes exactly one item")
    if connection.team_id != team.pk or not connection.is_active:
        raise ValueError("the connection is not an active key of this team")
    job = Job.objects.create(
        team=team,
        connection=connection,
        created_by=user,
        title=title.strip(),
        kind=JobKind.RUN if as_run else JobKind.BATCH,
        metadata=metadata or {},
        retry_of=retry_of,
    )
    size = max(1, settings.RUNFLOW_MAX_BATCH_ITEMS)
    for part, start in enumerate(range(0, len(items), size), start=1):
        chunk = items[start : start + size]
        batch = Batch.objects.create(
            team=team,
            job=job,
            connection=connection,
            part=part,
            is_run=as_run,
            items_total=len(chunk),
            projected_cost=pricing.projected_cost(items=chunk, connection=connection) or 0,
            callback_url=connection.webhook_url,
            metadata=metadata or {},
        )
        Item.objects.bulk_create(
            Item(
                team=team,
                batch=batch,
                sequence_index=index,
                client_ref=i.client_ref,
                image_url=i.image_url,
                upload=i.upload,
                config=i.config(),
            )
            for index, i in enumerate(chunk)
        )
        transaction.on_commit(partial(tasks.batch_submit.delay, str(batch.pk)))
    return job


class SendFailed(Exception):
    """Nothing reached Runflow (connection refused): safe to try again."""


def _set(batch_id, *, expect: str | tuple[str, ...], **fields) -> bool:
    """A conditional UPDATE: only from the expected status, so racing workers cannot both win."""
    allowed = (expect,) if isinstance(expect, str) else expect
    return bool(Batch.objects.filter(pk=batch_id, status__in=allowed).update(**fields))


def batch_submit(*, batch_id, final_attempt: bool = False) -> str:
    """Send one pending batch. Claims it first, so a second run does nothing."""
    claim = {"status": BatchStatus.SUBMITTING, "submitted_at": timezone.now()}
    if not _set(batch_id, expect=BatchStatus.PENDING, **claim):
        return "not pending: nothing sent"
    batch = Batch.objects.select_related("connection").get(pk=batch_id)
    items = list(batch.items.order_by("sequence_index"))
    callback = batch.callback_url or None
    sub = BatchStatus.SUBMITTING
    try:
        with runflow.RunflowClient.for_connection(batch.connection) as rf:
            if batch.is_run:
                obj = rf.create_run(
                    item=item_payload(items[0]), callback_url=callback, metadata=batch.metadata
                )
            else:
                obj = rf.create_batch(
                    items=[item_payload(i) for i in items],
                    callback_url=callback,
                    metadata=batch.metadata,
                )
    except runflow.RateLimited as exc:
        detail = f"Rate-limited; retrying in {exc.retry_after:.0f} s."
        _set(batch_id, expect=sub, status=BatchStatus.PENDING, status_detail=detail)
        raise
    except runflow.Unavailable as exc:
        if exc.outcome_unknown:
            detail = UNKNOWN_SENTENCE.format(reason=exc.user_message)
            _set(batch_id, expect=sub, status=BatchStatus.UNKNOWN, status_detail=detail)
            log.warning("batch %s: create outcome unknown (%s)", batch_id, exc.user_message)
            return "unknown"
        if final_attempt:
            _reject(batch_id, f"{exc.user_message} Nothing was sent; try again later.")
            return "gave up"
        detail = f"{exc.user_message} Trying again shortly."
        _set(batch_id, expect=sub, status=BatchStatus.PENDING, status_detail=detail)
        raise SendFailed(exc.user_message) from exc
    except runflow.ValidationFailed as exc:
        _reject_items(batch, items, exc)
        _reject(batch_id, exc.user_message)
        return "rejected"
    except runflow.RunflowError as exc:
        _reject(batch_id, exc.user_message)
        return "rejected"
    now = timezone.now()
    runflow_id = obj.run_id if batch.is_run else obj.id
    # UNKNOWN too: if the stuck-submission sweep gave up on us meanwhile, we now do know.
    _set(
        batch_id,
        expect=(sub, BatchStatus.UNKNOWN),
        status=BatchStatus.QUEUED,
        status_detail="",
        runflow_id=runflow_id,
        submitted_at=now,
        next_poll_at=now + timedelta(seconds=settings.RUNFLOW_POLL_MIN_S),
        poll_interval_s=settings.RUNFLOW_POLL_MIN_S,
    )
    type(batch.connection).objects.filter(pk=batch.connection_id).update(last_used_at=now)
    if batch.is_run:
        Item.objects.filter(batch_id=batch_id).update(run_id=runflow_id)
        run_apply(batch_id=batch_id, obj=obj)
    else:
        batch_apply(batch_id=batch_id, obj=obj)
    return "submitted"


def _reject(batch_id, sentence: str) -> None:
    _set(
        batch_id,
        expect=BatchStatus.SUBMITTING,
        status=BatchStatus.REJECTED,
        status_detail=sentence,
        completed_at=timezone.now(),
    )


def _reject_items(batch: Batch, items: list[Item], exc: runflow.ValidationFailed) -> None:
    by_index: dict[int, list[str]] = {}
    for error in exc.errors:
        index = 0 if batch.is_run and error.loc[:2] == ("body", "input") else error.item_index
        if batch.is_run and index == 0:
            path = ".".join(str(p) for p in error.loc[2:]) or "input"
            by_index.setdefault(0, []).append(f"{path}: {error.msg}")
        elif index is not None:
            by_index.setdefault(index, []).append(f"{error.field_path}: {error.msg}")
    for item in items:
        if item.sequence_index in by_index:
            item.error_kind = "validation_error"
            item.error_message = "Runflow refused this line: " + "; ".join(
                by_index[item.sequence_index]
            )
            item.save(update_fields=["error_kind", "error_message", "updated_at"])


def batch_give_up(*, batch_id, reason: str) -> None:
    _set(
        batch_id,
        expect=BatchStatus.PENDING,
        status=BatchStatus.REJECTED,
        status_detail=f"{reason} Nothing was sent.",
        completed_at=timezone.now(),
    )


def batch_cancel(*, batch: Batch, user: User | None) -> str:
    if batch.is_terminal:
        return "This batch has already finished; there is nothing to cancel."
    if batch.status in (BatchStatus.PENDING, BatchStatus.SUBMITTING) or not batch.runflow_id:
        if _set(batch.pk, expect=BatchStatus.PENDING, status=BatchStatus.CANCELLED):
            Batch.objects.filter(pk=batch.pk).update(
                completed_at=timezone.now(), status_detail="Cancelled before it was sent."
            )
            batch.items.update(status=ItemStatus.CANCELLED)
            return "Cancelled before it was sent to Runflow."
        return "The batch is being sent right now; try again in a moment."
    if batch.is_run:
        return "Runflow has no cancel call for single runs; it will finish on its own."
    try:
        with runflow.RunflowClient.for_connection(batch.connection) as rf:
            obj = rf.cancel_batch(batch.runflow_id)
    except runflow.RunflowError as exc:
        return exc.user_message
    batch_apply(batch_id=batch.pk, obj=obj)
    log.info("batch %s cancel asked by %s", batch.pk, getattr(user, "pk", None))
    return "Runflow is cancelling the items that have not finished."


def job_retry_failed(*, batch: Batch, user: User | None) -> Job:
    failed = list(batch.items.filter(status=ItemStatus.FAILED).order_by("sequence_index"))
    if not failed:
        raise ValueError("No item of this batch failed, so there is nothing to retry.")
    job = batch.job
    inputs = [
        ItemInput(
            image_url=i.image_url,
            elements=i.elements,
            client_ref=i.client_ref,
            aspect_ratio=i.config.get("aspect_ratio", ""),
            product_isolation_prompt=i.config.get("product_isolation_prompt", ""),
            upload=i.upload,
        )
        for i in failed
    ]
    title = f"Retry of {job}"[:200]
    return job_create(
        team=batch.team,
        user=user,
        connection=batch.connection,
        items=inputs,
        title=title,
        metadata=batch.metadata,
        as_run=batch.is_run,
        retry_of=job,
    )
