from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def _share_token() -> str:
    return secrets.token_urlsafe(24)


class ShowcaseQuerySet(models.QuerySet):
    def public(self):
        """Published, not revoked, not expired: what a share link may open."""
        now = timezone.now()
        return self.filter(published_at__isnull=False, revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Showcase(models.Model):
    """A curated, ordered set of items, shareable as a read-only link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="showcases")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    token = models.CharField(max_length=64, unique=True, default=_share_token, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    featured = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ShowcaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"], condition=Q(featured=True), name="showcase_one_featured_per_team"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.revoked_at is None and not self.is_expired

    @property
    def share_state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.published_at is None:
            return "private"
        return "expired" if self.is_expired else "published"


class ShowcaseItem(models.Model):
    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey("batches.Item", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["showcase", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["showcase", "item"], name="showcase_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item} in {self.showcase}"
