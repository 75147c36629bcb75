"""Every write of the gallery app."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from batches.models import Item, StageImage

from .models import Showcase, ShowcaseItem
from .selectors import final_of, showcase_items, with_stages

if TYPE_CHECKING:
    from accounts.models import User
    from teams.models import Team


def showcase_create(
    *, team: Team, user: User | None, title: str, description: str = ""
) -> Showcase:
    return Showcase.objects.create(team=team, title=title, description=description, created_by=user)


def showcase_add_items(*, showcase: Showcase, items: Iterable[Item]) -> int:
    """Append items (of the showcase's team only) at the end; returns how many were new."""
    with transaction.atomic():
        last = showcase.entries.aggregate(m=Max("position"))["m"]
        position = -1 if last is None else last
        present = set(showcase.entries.values_list("item_id", flat=True))
        added = 0
        for item in items:
            if item.team_id != showcase.team_id or item.pk in present:
                continue
            position += 1
            ShowcaseItem.objects.create(showcase=showcase, item=item, position=position)
            present.add(item.pk)
            added += 1
    return added


def showcase_toggle_item(*, showcase: Showcase, item: Item) -> bool:
    """Star or unstar; returns whether the item is now in the showcase."""
    deleted, _ = ShowcaseItem.objects.filter(showcase=showcase, item=item).delete()
    if deleted:
        return False
    showcase_add_items(showcase=showcase, items=[item])
    return True


def showcase_remove_item(*, showcase: Showcase, item_id) -> None:
    ShowcaseItem.objects.filter(showcase=showcase, item_id=item_id).delete()
    _renumber(showcase)


def showcase_move_item(*, showcase: Showcase, item_id, offset: int) -> None:
    """Move one item up (offset -1) or down (+1) in the showcase's order."""
    with transaction.atomic():
        entries = list(showcase.entries.select_for_update().order_by("position", "id"))
        index = next((i for i, e in enumerate(entries) if e.item_id == item_id), None)
        if index is None:
            return
        target = max(0, min(len(entries) - 1, index + offset))
        entries.insert(target, entries.pop(index))
        for position, entry in enumerate(entries):
            if entry.position != position:
                entry.position = position
                entry.save(update_fields=["position"])


def _renumber(showcase: Showcase) -> None:
    for position, entry in enumerate(showcase.entries.order_by("position", "id")):
        if entry.position != position:
            entry.position = position
            entry.save(update_fields=["position"])


def showcase_update(*, showcase: Showcase, title: str, description: str) -> Showcase:
    showcase.title = title
    showcase.description = description
    showcase.save(update_fields=["title", "description"])
    return showcase


def showcase_publish(*, showcase: Showcase, expires_at: datetime | None = None) -> Showcase:
    """Publish (again): a revoked link stays dead, so re-publishing issues a new token."""
    if showcase.revoked_at is not None:
        showcase.token = Showcase._meta.get_field("token").default()
        showcase.revoked_at = None
    showcase.published_at = timezone.now()
    showcase.expires_at = expires_at
    showcase.save(update_fields=["token", "revoked_at", "published_at", "expires_at"])
    return showcase


def showcase_revoke(*, showcase: Showcase) -> Showcase:
    showcase.revoked_at = timezone.now()
    showcase.featured = False
    showcase.save(update_fields=["revoked_at", "featured"])
    return showcase


def showcase_set_featured(*, showcase: Showcase, featured: bool = True) -> Showcase:
    """One featured showcase per team: featuring this one unfeatures the others."""
    with transaction.atomic():
        if featured:
            Showcase.objects.filter(team=showcase.team, featured=True).exclude(
                pk=showcase.pk
            ).update(featured=False)
        showcase.featured = featured
        showcase.save(update_fields=["featured"])
    return showcase


def showcase_delete(*, showcase: Showcase) -> None:
    showcase.delete()


def showcase_create_from_items(
    *,
    team: Team,
    user: User | None,
    title: str,
    items: Iterable[Item],
    description: str = "",
    publish: bool = True,
    featured: bool = True,
) -> Showcase:
    """One call for the demo seed: a showcase of these items, published and featured."""
    with transaction.atomic():
        showcase = showcase_create(team=team, user=user, title=title, description=description)
        showcase_add_items(showcase=showcase, items=items)
        if publish:
            showcase_publish(showcase=showcase)
        if featured:
            showcase_set_featured(showcase=showcase)
    return showcase


def showcase_zip(*, showcase: Showcase):
    """A temporary zip file of the showcase's final images, named by client_ref."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - handed to FileResponse, which closes it
    used: set[str] = set()
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
        for number, item in enumerate(with_stages(showcase_items(showcase=showcase)), start=1):
            final: StageImage | None = final_of(list(item.stages.all()))
            if final is None:
                continue
            suffix = PurePosixPath(final.file.name).suffix or ".png"
            base = slugify(item.client_ref) or f"item-{number:03d}"
            name = f"{number:03d}-{base}{suffix}"
            if name in used:
                name = f"{number:03d}-{base}-{final.pk.hex[:6]}{suffix}"
            used.add(name)
            with final.file.open("rb") as source:
                archive.writestr(name, source.read())
    spool.seek(0)
    return spool
