from __future__ import annotations

import zipfile

import pytest

from gallery.models import Showcase
from gallery.selectors import featured_showcase, showcase_items
from gallery.services import (
    showcase_add_items,
    showcase_create,
    showcase_create_from_items,
    showcase_move_item,
    showcase_set_featured,
    showcase_toggle_item,
    showcase_zip,
)

from .factories import make_batch, make_item

pytestmark = pytest.mark.django_db


def test_it_creates_a_published_featured_showcase_for_the_seed(team, alice, items):
    showcase = showcase_create_from_items(team=team, user=alice, title="Demo", items=items)
    assert showcase.is_public and showcase.featured
    assert list(showcase_items(showcase=showcase)) == items
    assert featured_showcase() == showcase


def test_it_keeps_one_featured_showcase_per_team(team, alice, items):
    first = showcase_create_from_items(team=team, user=alice, title="A", items=items[:1])
    second = showcase_create_from_items(team=team, user=alice, title="B", items=items[1:2])
    first.refresh_from_db()
    assert not first.featured and second.featured
    assert Showcase.objects.filter(team=team, featured=True).count() == 1


def test_it_stars_and_unstars(team, alice, items):
    showcase = showcase_create(team=team, user=alice, title="Stars")
    assert showcase_toggle_item(showcase=showcase, item=items[0]) is True
    assert showcase_toggle_item(showcase=showcase, item=items[1]) is True
    assert showcase_toggle_item(showcase=showcase, item=items[0]) is False
    assert list(showcase_items(showcase=showcase)) == [items[1]]


def test_it_orders_items(team, alice, items):
    showcase = showcase_create(team=team, user=alice, title="Order")
    showcase_add_items(showcase=showcase, items=items[:3])
    showcase_move_item(showcase=showcase, item_id=items[2].pk, offset=-1)
    assert list(showcase_items(showcase=showcase)) == [items[0], items[2], items[1]]
    showcase_move_item(showcase=showcase, item_id=items[0].pk, offset=1)
    assert list(showcase_items(showcase=showcase)) == [items[2], items[0], items[1]]


def test_it_never_adds_another_teams_item(team, alice, charlie_team):
    showcase = showcase_create(team=team, user=alice, title="Mine")
    foreign = make_item(make_batch(charlie_team))
    assert showcase_add_items(showcase=showcase, items=[foreign]) == 0


def test_it_zips_the_finals(team, alice, items):
    showcase = showcase_create_from_items(team=team, user=alice, title="Zip", items=items)
    with zipfile.ZipFile(showcase_zip(showcase=showcase)) as archive:
        names = archive.namelist()
        assert names[0] == "001-sku-red.png"
        assert "003-sku-broken.png" not in names  # the failed item has no final
        assert len(names) == 4
        assert archive.read(names[0])[:4] == b"\x89PNG"


def test_it_features_only_a_public_showcase_on_the_front_page(team, alice, items):
    showcase = showcase_create_from_items(
        team=team, user=alice, title="Draft", items=items, publish=False, featured=False
    )
    showcase_set_featured(showcase=showcase)
    assert featured_showcase() is None
