"""The sandbox's own tables: a stand-in for Runflow's side of the contract.

Nothing here is shared with the dashboard (`teams`, `connections`, `batches`):
the sandbox is a separate system that happens to live in the same process.
A `Run` is the unit of work (one image through the asked stages); a batch's
`Item` links the batch to its run, as Runflow gives every item a `run_id`.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models

from showcase.crypto import EncryptedTextField

ELEMENTS = ["model_removal", "tag_removal", "product_isolation", "background_removal"]


class Account(models.Model):
    """A sandbox org: what owns keys, secrets, credits, batches and runs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(max_length=100)
    balance = models.DecimalField(max_digits=14, decimal_places=6, default=Decimal("0"))
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.label


class ApiKey(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="keys")
    # sha256 of the full key: the key itself is shown once and never stored.
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=16)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.prefix}…"


class LedgerEntry(models.Model):
    """Every change to a balance, signed: credits in are positive, charges negative."""

    class Kind(models.TextChoices):
        TOP_UP = "top_up"
        CHARGE = "charge"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="ledger")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=6)
    run = models.ForeignKey("Run", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A run is charged at most once, whatever retries a worker makes.
            models.UniqueConstraint(
                fields=["run"], condition=models.Q(kind="charge"), name="sandbox_one_charge_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class RateWindow(models.Model):
    """A fixed-window request counter per key, in the database so every web worker shares it."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="sandbox_rate_window")
        ]

    def __str__(self) -> str:
        return f"{self.key_id}@{self.window}"


class Status(models.TextChoices):
    """Shared by batches, items and runs; terminal ones never change again."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL_SUCCEEDED = "partial_succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


TERMINAL = {Status.SUCCEEDED, Status.PARTIAL_SUCCEEDED, Status.FAILED, Status.CANCELLED}


class Batch(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="batches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    callback_url = models.URLField(max_length=2000, blank=True)
    metadata = models.JSONField(null=True, blank=True)
    # scheme://host the batch was created through: webhooks build image URLs from it.
    origin = models.CharField(max_length=300)
    cancel_requested = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)


class Run(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="runs")
    batch = models.ForeignKey(
        Batch, null=True, blank=True, on_delete=models.CASCADE, related_name="runs"
    )
    input = models.JSONField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # Storage names of the written images, in pipeline order, the final last.
    outputs = models.JSONField(default=list, blank=True)
    error_kind = models.CharField(max_length=40, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    cost = models.DecimalField(max_digits=14, decimal_places=6, default=Decimal("0"))
    projected_cost = models.DecimalField(max_digits=14, decimal_places=6)
    # Only a standalone run has its own callback and metadata.
    callback_url = models.URLField(max_length=2000, blank=True)
    metadata = models.JSONField(null=True, blank=True)
    origin = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.id)


class Item(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    run = models.OneToOneField(Run, on_delete=models.CASCADE, related_name="item")
    sequence_index = models.PositiveIntegerField()
    client_ref = models.CharField(max_length=255, null=True, blank=True)

    class Meta:
        ordering = ["sequence_index"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "sequence_index"], name="sandbox_item_seq")
        ]

    def __str__(self) -> str:
        return str(self.id)


class CallbackSecret(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="secrets")
    label = models.CharField(max_length=100)
    # Encrypted, not hashed: the sandbox must sign with it.
    secret = EncryptedTextField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.label


class Delivery(models.Model):
    """One webhook event; its id is reused by every attempt (`<id>-<attempt>`)."""

    class State(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="deliveries")
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.CASCADE)
    run = models.ForeignKey(Run, null=True, blank=True, on_delete=models.CASCADE)
    event = models.CharField(max_length=40)
    url = models.URLField(max_length=2000)
    # The exact bytes signed and sent; every attempt sends the same body.
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch"], name="sandbox_one_delivery_per_batch"),
            models.UniqueConstraint(fields=["run"], name="sandbox_one_delivery_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.id}"
