"""Thin Celery tasks: take an id, call a service. Retries and their limits live here."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import copying, runflow, services
from .models import BATCH_TERMINAL, Batch, BatchStatus, DeliveryVerdict, Item, WebhookDelivery

log = logging.getLogger(__name__)

SEND_RETRIES = 4
RATE_LIMIT_RETRIES = 30


@shared_task(bind=True, max_retries=None, acks_late=True)
def batch_submit(self, batch_id: str) -> str:
    final = self.request.retries >= SEND_RETRIES
    try:
        return services.batch_submit(batch_id=batch_id, final_attempt=final)
    except runflow.RateLimited as exc:
        # 429: Runflow refused before creating anything, so waiting and sending again is safe.
        if self.request.retries >= RATE_LIMIT_RETRIES:
            services.batch_give_up(batch_id=batch_id, reason="Runflow kept rate-limiting this key.")
            return "gave up"
        raise self.retry(countdown=max(1.0, exc.retry_after), max_retries=None) from exc
    except services.SendFailed as exc:
        raise self.retry(countdown=2 ** (self.request.retries + 1), max_retries=None) from exc


@shared_task
def batch_poll_due() -> int:
    """Beat, every 2 s: enqueue a poll of every batch whose next poll is due."""
    now = timezone.now()
    _sweep_stuck_submissions(now)
    _sweep_unsent(now)
    _sweep_unprocessed_deliveries(now)
    due = (
        Batch.objects.exclude(status__in=BATCH_TERMINAL)
        .exclude(runflow_id="")
        .filter(next_poll_at__lte=now, connection__revoked_at__isnull=True)
        .values_list("pk", "next_poll_at")[:200]
    )
    claimed = 0
    hold = now + timedelta(seconds=max(settings.RUNFLOW_TIMEOUT_S, 10) * 2)
    for pk, when in due:
        # Claim by moving next_poll_at forward, so overlapping ticks never poll twice;
        # the poll itself sets the real next time.
        if Batch.objects.filter(pk=pk, next_poll_at=when).update(next_poll_at=hold):
            batch_poll.delay(str(pk))
            claimed += 1
    return claimed


def _sweep_stuck_submissions(now) -> None:
    """A worker that died mid-create leaves SUBMITTING behind: the outcome is unknown."""
    limit = now - timedelta(seconds=settings.RUNFLOW_TIMEOUT_S * 4 + 60)
    stuck = Batch.objects.filter(
        status=BatchStatus.SUBMITTING, runflow_id="", submitted_at__lt=limit
    )
    reason = "The worker sending this batch stopped before Runflow's answer arrived."
    stuck.update(
        status=BatchStatus.UNKNOWN,
        status_detail=services.UNKNOWN_SENTENCE.format(reason=reason),
    )


def _sweep_unsent(now) -> None:
    """A submission whose enqueue was lost (broker down at commit) is enqueued again; the
    claim makes a second copy of the task harmless."""
    old = now - timedelta(minutes=10)
    unsent = Batch.objects.filter(
        status=BatchStatus.PENDING, submitted_at__isnull=True, created_at__lt=old
    ).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lt=now))
    for pk in unsent.values_list("pk", flat=True)[:50]:
        # next_poll_at (unused before sending) spaces the re-enqueues out.
        Batch.objects.filter(pk=pk).update(next_poll_at=now + timedelta(minutes=10))
        batch_submit.delay(str(pk))


def _sweep_unprocessed_deliveries(now) -> None:
    """A delivery stored while the broker was down is enqueued again (processing is idempotent)."""
    old = now - timedelta(seconds=60)
    stale = WebhookDelivery.objects.filter(
        verdict=DeliveryVerdict.VALID,
        duplicate=False,
        processed_at__isnull=True,
        batch__isnull=False,
        received_at__lt=old,
        received_at__gt=now - timedelta(days=1),
    ).values_list("pk", flat=True)[:50]
    for pk in stale:
        delivery_process.delay(str(pk))


@shared_task(acks_late=True)
def batch_poll(batch_id: str) -> None:
    batch = Batch.objects.select_related("connection").filter(pk=batch_id).first()
    if batch is not None:
        services.batch_refresh(batch=batch)


@shared_task(acks_late=True)
def delivery_process(delivery_id: str) -> None:
    services.delivery_process(delivery_id=delivery_id)


@shared_task(bind=True, max_retries=3, acks_late=True)
def item_copy_images(self, item_id: str) -> None:
    item = Item.objects.select_related("batch__connection").filter(pk=item_id).first()
    if item is None:
        return
    try:
        copying.item_copy(item=item)
    except copying.CopyRetry as exc:
        if self.request.retries >= self.max_retries:
            Item.objects.filter(pk=item_id).update(copy_error=str(exc))
            return
        raise self.retry(countdown=5 * (self.request.retries + 1)) from exc
