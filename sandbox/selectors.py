"""Reads: the contract's JSON objects, built from the sandbox's rows."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.urls import reverse

from .models import Batch, Run, Status


def iso(dt: datetime | None) -> str | None:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ") if dt else None


def money(value: Decimal) -> str:
    return f"{value:.6f}"


def run_dir(run: Run) -> str:
    """Where a run's images live in storage (and, the same shape, under /sandbox/files/)."""
    if run.batch_id:
        return f"sandbox/{run.batch_id}/{run.item.id}"
    return f"sandbox/runs/{run.id}"


def image_urls(run: Run, origin: str) -> list[str]:
    if run.batch_id:
        args = [run.batch_id, run.item.id]
        return [origin + reverse("sandbox:file", args=[*args, name]) for name in run.outputs]
    return [origin + reverse("sandbox:run_file", args=[run.id, name]) for name in run.outputs]


def batch_get(*, account, batch_id) -> Batch | None:
    return Batch.objects.filter(account=account, id=batch_id).first()


def run_get(*, account, run_id) -> Run | None:
    return Run.objects.filter(account=account, id=run_id).select_related("item").first()


def _runs(batch: Batch) -> list[Run]:
    return list(batch.runs.select_related("item").order_by("item__sequence_index"))


def batch_object(batch: Batch, origin: str | None = None) -> dict:
    origin = origin or batch.origin
    runs = _runs(batch)
    counts = {s: sum(1 for r in runs if r.status == s) for s in Status}
    terminal = batch.status in {
        s.value
        for s in (Status.SUCCEEDED, Status.PARTIAL_SUCCEEDED, Status.FAILED, Status.CANCELLED)
    }
    body = {
        "id": str(batch.id),
        "status_code": batch.status,
        "items_total": len(runs),
        "items_succeeded": counts[Status.SUCCEEDED],
        "items_failed": counts[Status.FAILED],
        "items_cancelled": counts[Status.CANCELLED],
        "items": [
            {
                "id": str(r.item.id),
                "sequence_index": r.item.sequence_index,
                "client_ref": r.item.client_ref,
                "run_id": str(r.id),
                "status_code": r.status,
            }
            for r in runs
        ],
        "output": None,
        "cost": money(sum((r.cost for r in runs), Decimal("0"))),
        "created_at": iso(batch.created_at),
    }
    if terminal:
        body["output"] = {
            "items": [_output_item(r, origin) for r in runs],
            "succeeded": counts[Status.SUCCEEDED],
            "failed": counts[Status.FAILED],
            "total": len(runs),
        }
    return body


def _output_item(run: Run, origin: str) -> dict:
    out = {
        "sequence_index": run.item.sequence_index,
        "status_code": run.status,
        "client_ref": run.item.client_ref,
        "input": run.input,
    }
    if run.status == Status.SUCCEEDED:
        out["output"] = {"image_urls": image_urls(run, origin)}
    else:
        out["error"] = error_of(run)
    return out


def error_of(run: Run) -> dict:
    if run.status == Status.CANCELLED:
        return {"kind": "cancelled", "message": "cancelled before processing started"}
    return {"kind": run.error_kind or "upstream_failed", "message": run.error_message}


def run_object(run: Run, origin: str | None = None) -> dict:
    origin = origin or run.origin
    duration = None
    if run.completed_at:
        duration = int((run.completed_at - run.created_at).total_seconds() * 1000)
    body = {
        "run_id": str(run.id),
        "status": run.status,
        "output": {"image_urls": image_urls(run, origin)}
        if run.status == Status.SUCCEEDED
        else None,
        "duration_ms": duration,
        "created_at": iso(run.created_at),
        "completed_at": iso(run.completed_at),
        "metadata": run.metadata,
    }
    if run.status == Status.FAILED:
        body["error"] = error_of(run)
    return body
