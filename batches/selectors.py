"""Reads shared by views (flow's part; pages adds its own below, marked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import WebhookDelivery

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from teams.models import Team


def deliveries_for_team(*, team: Team) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(team=team).select_related("connection", "batch")


# --- pages
# Reads for the batch pages. Every list of items prefetches its stages, so a page's
# query count does not grow with its items.


def batch_items(*, batch):
    from django.db.models import Prefetch

    from .models import StageImage

    return batch.items.order_by("sequence_index").prefetch_related(
        Prefetch("stages", queryset=StageImage.objects.order_by("position"))
    )


def batches_for_team(*, team: Team, status: str = "", q: str = ""):
    from django.db.models import Count

    from .models import BATCH_TERMINAL, Batch

    qs = (
        Batch.objects.filter(team=team)
        .select_related("job", "job__created_by", "connection")
        .annotate(parts=Count("job__batches", distinct=True))
    )
    if status == "active":
        qs = qs.exclude(status__in=BATCH_TERMINAL)
    elif status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(job__title__icontains=q)
    return qs.order_by("-created_at", "-part")


def job_totals(batches) -> dict:
    """Counters and cost of a job's batches added together."""
    names = ("items_total", "items_succeeded", "items_failed", "items_cancelled")
    totals = {n: sum(getattr(b, n) for b in batches) for n in names}
    done = totals["items_succeeded"] + totals["items_failed"] + totals["items_cancelled"]
    totals["items_done"] = done
    totals["is_terminal"] = all(b.is_terminal for b in batches)
    total = totals["items_total"]
    totals["progress_percent"] = (
        round(100 * done / total) if total else (100 if totals["is_terminal"] else 0)
    )
    costs = [b.cost for b in batches if b.cost is not None]
    totals["cost"] = sum(costs) if costs else None
    totals["projected_cost"] = sum(b.projected_cost for b in batches)
    return totals


def batch_fingerprint(*, batch) -> str:
    """Changes whenever anything the progress fragment shows changes (one small query),
    so a poll that finds nothing new is answered 304 without rendering 100 rows."""
    import hashlib

    from django.db.models import Count, Max, Q

    from .models import ItemStatus

    per_status = {s: Count("id", filter=Q(status=s), distinct=True) for s in ItemStatus.values}
    agg = batch.items.aggregate(changed=Max("updated_at"), stages=Count("stages"), **per_status)
    fields = [
        batch.status,
        batch.status_detail,
        batch.poll_error,
        batch.items_total,
        batch.items_succeeded,
        batch.items_failed,
        batch.items_cancelled,
        batch.cost,
        batch.projected_cost,
        batch.runflow_id,
        sorted(agg.items()),
    ]
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:32]
