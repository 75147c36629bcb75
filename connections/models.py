from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from showcase.crypto import EncryptedTextField


class Environment(models.TextChoices):
    LIVE = "live", "Live"
    SANDBOX = "sandbox", "Sandbox"


LIVE_PREFIX = "rf_live_"
TEST_PREFIX = "rf_test_"


def environment_of(key: str) -> str | None:
    if key.startswith(LIVE_PREFIX):
        return Environment.LIVE
    if key.startswith(TEST_PREFIX):
        return Environment.SANDBOX
    return None


class ConnectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Connection(models.Model):
    """A team's Runflow API key, with the org's callback secret created on connect.

    The key is stored encrypted (EncryptedTextField); only the prefix and the last
    four characters are kept in clear, for the masked display. The callback secrets
    (one created on connect, more during a rotation) are CallbackSecret rows.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="connections")
    label = models.CharField(max_length=100)
    environment = models.CharField(max_length=10, choices=Environment.choices)
    api_key = EncryptedTextField()
    key_prefix = models.CharField(max_length=16)
    key_last4 = models.CharField(max_length=4)
    base_url = models.URLField(help_text="Runflow API base URL, e.g. https://api.runflow.io")
    # The webhook URL Runflow calls for this connection: /webhooks/runflow/<webhook_token>/
    webhook_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_delivery_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.masked_key})"

    @property
    def masked_key(self) -> str:
        return f"{self.key_prefix}…{self.key_last4}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def webhook_path(self) -> str:
        return f"/webhooks/runflow/{self.webhook_token}/"

    @property
    def webhook_url(self) -> str:
        return settings.SITE_URL + self.webhook_path

    def active_secrets(self) -> list[str]:
        return [s.secret for s in self.secrets.filter(revoked_at__isnull=True)]


class CallbackSecret(models.Model):
    """A Runflow callback secret (`POST /v1/callback-secrets`); every active one verifies."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="secrets")
    runflow_id = models.CharField(max_length=64, blank=True)
    label = models.CharField(max_length=100, blank=True)
    secret = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.label or f"secret {self.runflow_id}"

    @property
    def team(self):
        return self.connection.team
