"""The batch pages: launch, live progress, actions, the list and the webhook log."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET, require_POST

from teams.access import team_admin_required, team_object_or_404, team_required

from . import selectors
from .forms import NewBatchForm, Plan
from .models import (
    Batch,
    BatchStatus,
    DeliveryVerdict,
    Item,
    ItemStatus,
    Job,
    Upload,
    WebhookDelivery,
)
from .services import batch_cancel, batch_refresh, delivery_replay, job_create, job_retry_failed
from .stages import ELEMENT_ORDER, Stage
from .uploads import upload_filename

PAGE_SIZE = 25
STATUS_FILTERS = [("", "All"), ("active", "In progress")] + list(BatchStatus.choices)


# --- launch -------------------------------------------------------------------------


@team_required
def batch_new(request: HttpRequest) -> HttpResponse:
    context = {
        "has_key": request.team.connections.active().exists(),
        "max_batch": settings.RUNFLOW_MAX_BATCH_ITEMS,
        "max_upload_mb": settings.UPLOAD_MAX_IMAGE_BYTES // (1024 * 1024),
    }
    if request.method != "POST":
        form = NewBatchForm(team=request.team, initial=_new_initial(request))
        return render(request, "batches/new.html", {**context, "form": form})
    form = NewBatchForm(request.POST, request.FILES, team=request.team)
    valid = form.is_valid()
    plan = form.plan
    sending = request.POST.get("action") == "send"
    if sending and valid and plan.ok:
        return redirect(_send(request, plan))
    context.update(form=form, plan=plan, checked=True)
    if request.htmx and not sending:
        return render(request, "batches/new.html#preview", context)
    return render(request, "batches/new.html", context, status=400 if sending else 200)


def _new_initial(request: HttpRequest) -> dict:
    first = request.team.connections.active().order_by("-created_at").first()
    return {"connection": first.pk if first else None}


def _send(request: HttpRequest, plan: Plan) -> str:
    with transaction.atomic():
        items = plan.store(team=request.team, user=request.user)
        job = job_create(
            team=request.team,
            user=request.user,
            connection=plan.connection,
            items=items,
            title=plan.title,
            metadata=plan.metadata,
            as_run=plan.as_run,
        )
    batches = list(job.batches.order_by("part"))
    noun = "image" if len(items) == 1 else "images"
    messages.success(request, f"Sending {len(items)} {noun}. This page fills in as they finish.")
    if len(batches) == 1:
        return reverse("batches:detail", args=[batches[0].pk])
    return reverse("batches:job", args=[job.pk])


# --- live progress ------------------------------------------------------------------


@team_required
def batch_detail(request: HttpRequest, pk) -> HttpResponse:
    batch = team_object_or_404(
        request, Batch.objects.select_related("job__created_by", "connection"), pk=pk
    )
    etag = quote_etag(selectors.batch_fingerprint(batch=batch)) if request.htmx else None
    if etag and etag in request.headers.get("If-None-Match", ""):
        return _fragment_headers(HttpResponseNotModified(), etag)
    items = _labelled(selectors.batch_items(batch=batch))
    context = {
        "batch": batch,
        "job": batch.job,
        "items": items,
        "parts": batch.job.batches.count(),
        "can_retry": any(i.status == ItemStatus.FAILED for i in items),
        "has_results": any(i.status == ItemStatus.SUCCEEDED for i in items),
    }
    template = "batches/detail.html#progress" if request.htmx else "batches/detail.html"
    return _fragment_headers(render(request, template, context), etag)


def _fragment_headers(response: HttpResponse, etag: str | None) -> HttpResponse:
    # The page and its fragment share a URL: the browser cache must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    if etag:
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
    return response


ITEM_LABELS = dict(ItemStatus.choices)
STAGE_LABELS = dict(Stage.choices)


def _labelled(items) -> list[Item]:
    """Status and stage labels by dict lookup: get_FOO_display() per row is the page's
    slowest part at 100 items × 5 stages."""
    items = list(items)
    for item in items:
        item.status_label = ITEM_LABELS.get(item.status, item.status)
        for stage in item.stages.all():
            stage.label = STAGE_LABELS.get(stage.stage, stage.stage)
    return items


@team_required
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    job = team_object_or_404(request, Job.objects.select_related("created_by", "connection"), pk=pk)
    batches = list(job.batches.order_by("part"))
    context = {"job": job, "batches": batches, "totals": selectors.job_totals(batches)}
    template = "batches/job.html#progress" if request.htmx else "batches/job.html"
    return render(request, template, context)


@team_required
def batch_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in dict(STATUS_FILTERS) else ""
    q = request.GET.get("q", "").strip()[:100]
    qs = selectors.batches_for_team(team=request.team, status=status, q=q)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "q": q,
        "status_filters": STATUS_FILTERS,
        "filtered": bool(status or q),
        "any_batch": bool(page.object_list) or Batch.objects.filter(team=request.team).exists(),
    }
    template = "batches/list.html#results" if request.htmx else "batches/list.html"
    return render(request, template, context)


# --- actions ------------------------------------------------------------------------


@require_POST
@team_required
def batch_cancel_view(request: HttpRequest, pk) -> HttpResponse:
    batch = team_object_or_404(request, Batch.objects.select_related("connection"), pk=pk)
    messages.info(request, batch_cancel(batch=batch, user=request.user))
    return redirect("batches:detail", pk=batch.pk)


@require_POST
@team_required
def batch_retry(request: HttpRequest, pk) -> HttpResponse:
    batch = team_object_or_404(request, Batch.objects.select_related("job", "connection"), pk=pk)
    if not batch.connection.is_active:
        messages.error(request, "The key of this batch was revoked; launch a new batch instead.")
        return redirect("batches:detail", pk=batch.pk)
    try:
        job = job_retry_failed(batch=batch, user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("batches:detail", pk=batch.pk)
    new = job.batches.order_by("part").first()
    messages.success(request, f"Retrying {new.items_total} failed image(s) as a new batch.")
    return redirect("batches:detail", pk=new.pk)


@require_POST
@team_required
def batch_refresh_view(request: HttpRequest, pk) -> HttpResponse:
    batch = team_object_or_404(request, Batch.objects.select_related("connection"), pk=pk)
    batch_refresh(batch=batch)
    return redirect("batches:detail", pk=batch.pk)


@require_GET
@team_required
def download_zip(request: HttpRequest, pk) -> StreamingHttpResponse:
    batch = team_object_or_404(request, Batch.objects.select_related("job"), pk=pk)
    items = list(selectors.batch_items(batch=batch))
    response = StreamingHttpResponse(_zip_stream(batch, items), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{_slug(batch)}.zip"'
    return response


@require_GET
@team_required
def export_csv(request: HttpRequest, pk) -> HttpResponse:
    batch = team_object_or_404(request, Batch.objects.select_related("job"), pk=pk)
    items = list(selectors.batch_items(batch=batch))
    response = HttpResponse(_csv_text(items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_slug(batch)}.csv"'
    return response


def _slug(batch: Batch) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", str(batch.job)).strip("-")[:60] or "batch"
    return f"{name}-part{batch.part}" if batch.job.batches.count() > 1 else name


def _safe(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")[:80]


def _zip_names(item: Item) -> Iterator[tuple[str, object]]:
    folder = f"{item.sequence_index}_{_safe(item.client_ref)}".rstrip("_")
    for stage in item.stages.all():
        ext = stage.file.name.rsplit(".", 1)[-1].lower() if "." in stage.file.name else "webp"
        yield f"{folder}/{stage.position}_{stage.stage}.{ext}", stage.file


class _Chunks(io.RawIOBase):
    """A write-only stream that hands what zipfile wrote to the response, piece by piece."""

    def __init__(self):
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def _zip_stream(batch: Batch, items: list[Item]) -> Iterator[bytes]:
    sink = _Chunks()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("results.csv", _csv_text(items))
        yield sink.take()
        for item in items:
            for name, field in _zip_names(item):
                try:
                    source = field.open("rb")
                except (FileNotFoundError, OSError):
                    continue
                with source, archive.open(name, "w") as target:
                    while chunk := source.read(256 * 1024):
                        target.write(chunk)
                        yield sink.take()
    yield sink.take()


def _image_url(item: Item, stage: Stage | str) -> str:
    for s in item.stages.all():
        if s.stage == stage:
            return settings.SITE_URL + reverse("gallery:stage_image", args=[s.pk, "full"])
    if stage == Stage.RESULT and item.output_urls:
        return item.output_urls[-1]
    return ""


def _csv_text(items: list[Item]) -> str:
    asked = {e for i in items for e in i.elements}
    stages = [Stage.ORIGINAL.value] + [e for e in ELEMENT_ORDER if e in asked]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["sequence_index", "client_ref", "status", "final", *stages, "error"])
    for item in items:
        writer.writerow(
            [
                item.sequence_index,
                item.client_ref,
                item.status,
                _image_url(item, Stage.RESULT),
                *(_image_url(item, s) for s in stages),
                item.error_message,
            ]
        )
    return out.getvalue()


# --- webhook log --------------------------------------------------------------------


@team_required
def webhook_log(request: HttpRequest) -> HttpResponse:
    verdict = request.GET.get("verdict", "")
    qs = selectors.deliveries_for_team(team=request.team).select_related("batch__job")
    if verdict in DeliveryVerdict.values:
        qs = qs.filter(verdict=verdict)
    page = Paginator(qs.order_by("-received_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "verdict": verdict, "verdicts": DeliveryVerdict.choices}
    return render(request, "batches/webhook_log.html", context)


@team_required
def delivery_detail(request: HttpRequest, pk) -> HttpResponse:
    delivery = team_object_or_404(
        request,
        WebhookDelivery.objects.select_related("connection", "batch__job", "replay_of"),
        pk=pk,
    )
    context = {
        "delivery": delivery,
        "body": _pretty_json(delivery.body),
        "replays": delivery.replays.order_by("-received_at"),
    }
    return render(request, "batches/delivery_detail.html", context)


def _pretty_json(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


@require_POST
@team_admin_required
def delivery_replay_view(request: HttpRequest, pk) -> HttpResponse:
    delivery = team_object_or_404(request, WebhookDelivery, pk=pk)
    try:
        replay = delivery_replay(delivery=delivery)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("batches:delivery_detail", pk=delivery.pk)
    messages.success(request, replay.effect or "Replayed.")
    return redirect("batches:delivery_detail", pk=replay.pk)


# --- uploads, for Runflow -------------------------------------------------------------


@require_GET
def upload_public(request: HttpRequest, token: str, name: str) -> FileResponse:
    """No login: the long random token in the URL is the only key (Runflow fetches this)."""
    upload = get_object_or_404(Upload, token=token)
    if name != upload_filename(upload):
        raise Http404("No such upload.")
    try:
        handle = upload.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file of this upload is gone.") from None
    response = FileResponse(handle, content_type=upload.content_type)
    response["Cache-Control"] = "public, max-age=86400, immutable"
    response["X-Robots-Tag"] = "noindex"
    return response
