from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .stages import Stage


class BatchStatus(models.TextChoices):
    # Ours, before Runflow has the batch:
    PENDING = "pending", "Waiting to send"
    SUBMITTING = "submitting", "Sending"
    REJECTED = "rejected", "Rejected"  # Runflow said no (401/402/422): nothing created
    UNKNOWN = "unknown", "Needs attention"  # create timed out or 5xx: outcome unknown
    # Runflow's:
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    PARTIAL_SUCCEEDED = "partial_succeeded", "Partly succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


BATCH_TERMINAL = frozenset(
    {
        BatchStatus.REJECTED,
        BatchStatus.UNKNOWN,
        BatchStatus.SUCCEEDED,
        BatchStatus.PARTIAL_SUCCEEDED,
        BatchStatus.FAILED,
        BatchStatus.CANCELLED,
    }
)
# State only moves forward: a status may replace one of lower rank, never the reverse.
BATCH_RANK = {
    BatchStatus.PENDING: 0,
    BatchStatus.SUBMITTING: 1,
    BatchStatus.QUEUED: 2,
    BatchStatus.RUNNING: 3,
    BatchStatus.UNKNOWN: 4,  # a later poll/webhook that finds the batch may still move it on
    BatchStatus.REJECTED: 9,
    BatchStatus.SUCCEEDED: 9,
    BatchStatus.PARTIAL_SUCCEEDED: 9,
    BatchStatus.FAILED: 9,
    BatchStatus.CANCELLED: 9,
}


class ItemStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


ITEM_TERMINAL = frozenset({ItemStatus.SUCCEEDED, ItemStatus.FAILED, ItemStatus.CANCELLED})
ITEM_RANK = {
    ItemStatus.PENDING: 0,
    ItemStatus.QUEUED: 1,
    ItemStatus.RUNNING: 2,
    ItemStatus.SUCCEEDED: 9,
    ItemStatus.FAILED: 9,
    ItemStatus.CANCELLED: 9,
}


class JobKind(models.TextChoices):
    BATCH = "batch", "Batch"
    RUN = "run", "Single run"


class Job(models.Model):
    """One submission of the New batch form; over 100 items it spans several batches."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="jobs")
    connection = models.ForeignKey(
        "connections.Connection", on_delete=models.PROTECT, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=JobKind.choices, default=JobKind.BATCH)
    metadata = models.JSONField(default=dict, blank=True)
    retry_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="retries"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or f"Job {str(self.id)[:8]}"


class Batch(models.Model):
    """One Runflow batch (or, for a single run, one run), as we know it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="batches")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="batches")
    connection = models.ForeignKey(
        "connections.Connection", on_delete=models.PROTECT, related_name="batches"
    )
    part = models.PositiveIntegerField(default=1, help_text="1-based position within its job")
    is_run = models.BooleanField(default=False, help_text="sent to the runs endpoint")
    runflow_id = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        max_length=20, choices=BatchStatus.choices, default=BatchStatus.PENDING, db_index=True
    )
    status_detail = models.TextField(blank=True, help_text="a sentence for the user")
    items_total = models.PositiveIntegerField(default=0)
    items_succeeded = models.PositiveIntegerField(default=0)
    items_failed = models.PositiveIntegerField(default=0)
    items_cancelled = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=14, decimal_places=6, null=True, blank=True)
    projected_cost = models.DecimalField(
        max_digits=14, decimal_places=6, default=Decimal("0"), blank=True
    )
    callback_url = models.URLField(max_length=500, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    poll_interval_s = models.FloatField(default=2.0)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    # The last poll's failure, as a sentence; cleared by the next poll that works. The
    # status stays what Runflow last told us, which is still true.
    poll_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "runflow_id"],
                condition=~Q(runflow_id=""),
                name="batch_unique_runflow_id",
            )
        ]

    def __str__(self) -> str:
        return f"Batch {self.runflow_id or self.pk}"

    @property
    def is_terminal(self) -> bool:
        return self.status in BATCH_TERMINAL

    @property
    def items_done(self) -> int:
        return self.items_succeeded + self.items_failed + self.items_cancelled

    @property
    def progress_percent(self) -> int:
        if not self.items_total:
            return 100 if self.is_terminal else 0
        return round(100 * self.items_done / self.items_total)


class Item(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="items")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    sequence_index = models.PositiveIntegerField()
    client_ref = models.CharField(max_length=255, blank=True)
    image_url = models.URLField(max_length=2000)
    upload = models.ForeignKey(
        "batches.Upload", on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    # The item's config as sent: {"elements": [...], "aspect_ratio"?, "product_isolation_prompt"?}
    config = models.JSONField(default=dict)
    runflow_item_id = models.CharField(max_length=64, blank=True)
    run_id = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        max_length=20, choices=ItemStatus.choices, default=ItemStatus.PENDING, db_index=True
    )
    error_kind = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    output_urls = models.JSONField(default=list, blank=True)
    images_copied_at = models.DateTimeField(null=True, blank=True)
    copy_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["batch", "sequence_index"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "sequence_index"], name="item_unique_index")
        ]

    def __str__(self) -> str:
        return self.client_ref or f"#{self.sequence_index}"

    @property
    def elements(self) -> list[str]:
        return list(self.config.get("elements", []))

    @property
    def is_terminal(self) -> bool:
        return self.status in ITEM_TERMINAL


def _stage_path(instance: StageImage, filename: str) -> str:
    return f"stages/{instance.team_id}/{instance.item_id}/{filename}"


class StageImage(models.Model):
    """Our own copy of one image of an item's sequence: original, each stage, result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="stage_images")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(help_text="0 is the original")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    source_url = models.URLField(max_length=2000)
    file = models.FileField(upload_to=_stage_path, max_length=300)
    thumbnail = models.FileField(upload_to=_stage_path, max_length=300, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    bytes = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    thumb_width = models.PositiveIntegerField(default=0)
    thumb_height = models.PositiveIntegerField(default=0)
    has_alpha = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="stage_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} of {self.item}"


def _upload_path(instance: Upload, filename: str) -> str:
    return f"uploads/{instance.team_id}/{instance.token}/{filename}"


class Upload(models.Model):
    """An image uploaded from disk, stored by us and handed to Runflow at an unguessable URL."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="uploads")
    token = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to=_upload_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    bytes = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name


class DeliveryVerdict(models.TextChoices):
    VALID = "valid", "Valid signature"
    BAD_SIGNATURE = "bad_signature", "Bad signature"
    STALE = "stale", "Stale timestamp"
    MALFORMED = "malformed", "Malformed"


class WebhookDelivery(models.Model):
    """Every delivery received at a connection's webhook URL, whatever its verdict."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="deliveries")
    connection = models.ForeignKey(
        "connections.Connection", on_delete=models.CASCADE, related_name="deliveries"
    )
    # Runflow-Request-Id without its trailing -{attempt}; unique among valid first arrivals.
    delivery_id = models.CharField(max_length=100, blank=True, db_index=True)
    request_id = models.CharField(max_length=120, blank=True)
    attempt = models.PositiveIntegerField(null=True, blank=True)
    event = models.CharField(max_length=50, blank=True)
    verdict = models.CharField(max_length=20, choices=DeliveryVerdict.choices)
    duplicate = models.BooleanField(default=False)
    body = models.TextField(blank=True)
    signature_header = models.CharField(max_length=1000, blank=True)
    timestamp_header = models.CharField(max_length=50, blank=True)
    batch = models.ForeignKey(
        Batch, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    effect = models.TextField(blank=True, help_text="what applying it changed, in words")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    replay_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replays"
    )

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "delivery_id"],
                condition=Q(verdict="valid", duplicate=False, replay_of__isnull=True)
                & ~Q(delivery_id=""),
                name="delivery_unique_first_arrival",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event or 'delivery'} {self.delivery_id}"
