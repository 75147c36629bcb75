"""Writes: accounts and keys, admission, state changes, charges, webhook deliveries.

State only moves forward: every change is a conditional UPDATE on the status it
expects (`queued` → `running` → terminal), so a cancel racing a worker, or a task
delivered twice, can never move a row back or charge twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import secrets
import time
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import (
    TERMINAL,
    Account,
    ApiKey,
    Batch,
    CallbackSecret,
    Delivery,
    Item,
    LedgerEntry,
    RateWindow,
    Run,
    Status,
)
from .validation import ordered_elements

log = logging.getLogger(__name__)
KEY_PREFIX = "rf_test_"
SECRET_PREFIX = "rf_whsec_"


class InsufficientCredits(Exception):
    def __init__(self, needed: Decimal, available: Decimal) -> None:
        super().__init__(
            f"projected cost {needed:.6f} is over the available balance {available:.6f}"
        )


# --- accounts and keys --------------------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def account_create(*, credits: Decimal | int | str, label: str) -> tuple[Account, str]:
    """A sandbox org with `credits` on its balance and one API key, returned raw (shown once)."""
    amount = Decimal(str(credits))
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        account = Account.objects.create(label=label, balance=amount)
        ApiKey.objects.create(account=account, key_hash=hash_key(raw), prefix=raw[:12])
        if amount:
            LedgerEntry.objects.create(account=account, kind=LedgerEntry.Kind.TOP_UP, amount=amount)
    return account, raw


def key_authenticate(*, header: str) -> ApiKey | None:
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip().startswith(KEY_PREFIX):
        return None
    return (
        ApiKey.objects.filter(key_hash=hash_key(raw.strip()), active=True)
        .select_related("account")
        .first()
    )


def rate_limit_hit(*, key: ApiKey) -> int | None:
    """Count one request in the key's fixed window; the seconds to wait when over the limit."""
    window_s = settings.SANDBOX_RATE_WINDOW_S
    limit = max(1, round(settings.SANDBOX_RATE_LIMIT_PER_MINUTE * window_s / 60))
    now = time.time()
    window = int(now // window_s)
    with transaction.atomic():
        updated = RateWindow.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateWindow.objects.create(key=key, window=window, count=1)
            except IntegrityError:  # another worker opened the window first
                RateWindow.objects.filter(key=key, window=window).update(count=F("count") + 1)
        count = RateWindow.objects.get(key=key, window=window).count
    if window % 50 == 0:
        RateWindow.objects.filter(key=key, window__lt=window - 1).delete()
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * window_s - now))


# --- admission ----------------------------------------------------------------------


def item_price(item: dict) -> Decimal:
    return settings.RUNFLOW_PRICE_PER_STAGE * len(ordered_elements(item))


def _available(account: Account) -> Decimal:
    """Balance less what runs still in flight would cost if they all succeed."""
    pending = Run.objects.filter(account=account, status__in=[Status.QUEUED, Status.RUNNING])
    held = pending.aggregate(s=Sum("projected_cost"))["s"] or Decimal("0")
    return Account.objects.get(pk=account.pk).balance - held


def _admit(account: Account, items: list[dict]) -> list[Decimal]:
    prices = [item_price(i) for i in items]
    needed, available = sum(prices, Decimal("0")), _available(account)
    if needed > available:
        raise InsufficientCredits(needed, available)
    return prices


def batch_create(*, account: Account, body: dict, origin: str) -> Batch:
    from .tasks import run_process

    with transaction.atomic():
        Account.objects.select_for_update().filter(pk=account.pk).first()
        prices = _admit(account, body["input"])
        batch = Batch.objects.create(
            account=account,
            callback_url=body.get("callback_url") or "",
            metadata=body.get("metadata"),
            origin=origin,
        )
        runs = []
        for index, (raw, price) in enumerate(zip(body["input"], prices, strict=True)):
            run = Run.objects.create(
                account=account, batch=batch, input=raw, projected_cost=price, origin=origin
            )
            Item.objects.create(
                batch=batch, run=run, sequence_index=index, client_ref=raw.get("client_ref")
            )
            runs.append(run.id)
        transaction.on_commit(lambda: [run_process.delay(str(r)) for r in runs])
    return batch


def run_create(*, account: Account, body: dict, origin: str) -> Run:
    from .tasks import run_process

    with transaction.atomic():
        Account.objects.select_for_update().filter(pk=account.pk).first()
        (price,) = _admit(account, [body["input"]])
        run = Run.objects.create(
            account=account,
            input=body["input"],
            projected_cost=price,
            callback_url=body.get("callback_url") or "",
            metadata=body.get("metadata"),
            origin=origin,
        )
        transaction.on_commit(lambda: run_process.delay(str(run.id)))
    return run


def secret_create(*, account: Account, label: str) -> tuple[CallbackSecret, str]:
    raw = SECRET_PREFIX + secrets.token_urlsafe(32)
    return CallbackSecret.objects.create(account=account, label=label, secret=raw), raw


# --- processing -----------------------------------------------------------------------


def run_start(*, run_id) -> Run | None:
    """queued → running; None when the run is cancelled or done already.

    A run found `running` is taken up again: that is a task redelivered after its worker
    died (acks_late). Processing is deterministic and the terminal change conditional, so
    doing it twice writes the same files and charges once."""
    now = timezone.now()
    if (
        not Run.objects.filter(id=run_id, status=Status.QUEUED).update(
            status=Status.RUNNING, started_at=now
        )
        and not Run.objects.filter(id=run_id, status=Status.RUNNING).exists()
    ):
        return None
    run = Run.objects.select_related("item").filter(id=run_id).first()
    if run is None:
        return None
    if run.batch_id:
        Batch.objects.filter(id=run.batch_id, status=Status.QUEUED).update(status=Status.RUNNING)
    return run


def run_succeed(*, run: Run, outputs: list[str]) -> None:
    with transaction.atomic():
        done = Run.objects.filter(id=run.id, status=Status.RUNNING).update(
            status=Status.SUCCEEDED,
            outputs=outputs,
            cost=run.projected_cost,
            completed_at=timezone.now(),
        )
        if done:
            Account.objects.filter(pk=run.account_id).update(
                balance=F("balance") - run.projected_cost
            )
            LedgerEntry.objects.create(
                account_id=run.account_id,
                kind=LedgerEntry.Kind.CHARGE,
                amount=-run.projected_cost,
                run=run,
            )
    _after_terminal(run)


def run_fail(*, run: Run, kind: str, message: str) -> None:
    Run.objects.filter(id=run.id, status=Status.RUNNING).update(
        status=Status.FAILED,
        error_kind=kind,
        error_message=message[:500],
        completed_at=timezone.now(),
    )
    _after_terminal(run)


def _after_terminal(run: Run) -> None:
    if run.batch_id:
        batch_maybe_finish(batch_id=run.batch_id)
    elif run.callback_url:
        run = Run.objects.filter(id=run.id).first()
        if run is None:
            return
        event = {Status.SUCCEEDED: "run.completed", Status.FAILED: "run.failed"}.get(
            run.status, "run.cancelled"
        )
        _delivery_create(account_id=run.account_id, run=run, event=event, url=run.callback_url)


def _batch_outcome(batch: Batch, statuses: list[str]) -> str:
    succeeded = statuses.count(Status.SUCCEEDED)
    if batch.cancel_requested and Status.CANCELLED in statuses:
        return Status.CANCELLED
    if succeeded == len(statuses):
        return Status.SUCCEEDED
    if succeeded:
        return Status.PARTIAL_SUCCEEDED
    return Status.FAILED if Status.FAILED in statuses else Status.CANCELLED


def batch_maybe_finish(*, batch_id) -> None:
    """Close the batch once every item is terminal, exactly once, and queue its webhook."""
    with transaction.atomic():
        batch = Batch.objects.select_for_update().filter(id=batch_id).first()
        if batch is None or batch.status in TERMINAL:
            return
        statuses = list(batch.runs.values_list("status", flat=True))
        if any(s not in TERMINAL for s in statuses):
            return
        batch.status = _batch_outcome(batch, statuses)
        batch.completed_at = timezone.now()
        batch.save(update_fields=["status", "completed_at"])
        if batch.callback_url:
            _delivery_create(
                account_id=batch.account_id,
                batch=batch,
                event=f"batch.{batch.status}",
                url=batch.callback_url,
            )


def batch_cancel(*, batch: Batch) -> Batch:
    """Queued items become cancelled; running and finished ones are left as they are."""
    if batch.status not in TERMINAL:
        Batch.objects.filter(id=batch.id).update(cancel_requested=True)
        Run.objects.filter(batch=batch, status=Status.QUEUED).update(
            status=Status.CANCELLED, completed_at=timezone.now()
        )
        batch_maybe_finish(batch_id=batch.id)
    return Batch.objects.get(id=batch.id)


# --- webhooks ---------------------------------------------------------------------------


def _delivery_create(
    *, account_id, event: str, url: str, batch: Batch | None = None, run: Run | None = None
):
    from .selectors import batch_object, run_object
    from .tasks import delivery_send

    body = {"event": event, **(batch_object(batch) if batch else run_object(run))}
    delivery = Delivery.objects.create(
        account_id=account_id, batch=batch, run=run, event=event, url=url, body=json.dumps(body)
    )
    transaction.on_commit(lambda: delivery_send.delay(str(delivery.id), 1))
    return delivery


def delivery_attempt(*, delivery_id, attempt: int) -> bool:
    """Send one attempt; True when it is finished (delivered, or out of attempts)."""
    from . import http
    from .signing import sign

    delivery = Delivery.objects.filter(id=delivery_id).first()
    if delivery is None or delivery.state != Delivery.State.PENDING:
        return True
    timestamp = str(int(time.time()))
    active = CallbackSecret.objects.filter(account_id=delivery.account_id, active=True).order_by(
        "created_at"
    )
    headers = {
        "Content-Type": "application/json",
        "Runflow-Timestamp": timestamp,
        "Runflow-Request-Id": f"{delivery.id}-{attempt}",
    }
    signature = sign([s.secret for s in active], timestamp, delivery.body.encode())
    if signature:
        headers["Runflow-Signature"] = signature
    status, error = http.post_webhook(delivery.url, delivery.body.encode(), headers)
    ok = status is not None and 200 <= status < 300
    last = attempt >= settings.SANDBOX_WEBHOOK_MAX_ATTEMPTS
    state = (
        Delivery.State.DELIVERED
        if ok
        else (Delivery.State.FAILED if last else Delivery.State.PENDING)
    )
    Delivery.objects.filter(id=delivery.id).update(
        attempts=attempt,
        last_status=status,
        last_error=(error or "")[:300],
        state=state,
        delivered_at=timezone.now() if ok else None,
    )
    if not ok:
        log.info("sandbox webhook %s attempt %s: %s", delivery.id, attempt, error or status)
    return ok or last
