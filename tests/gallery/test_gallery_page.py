from __future__ import annotations

import json

import pytest
from django.urls import reverse

from .factories import make_batch, make_item, make_items

pytestmark = pytest.mark.django_db


def _viewer_data(response):
    html = response.content.decode()
    start = html.index('id="viewer-data"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_it_shows_original_and_final_side_by_side(alice_client, items):
    response = alice_client.get(reverse("gallery:team_gallery"))
    assert response.status_code == 200
    html = response.content.decode()
    first = items[0]
    original, final = first.stages.first(), first.stages.last()
    assert reverse("gallery:stage_image", kwargs={"pk": original.pk, "variant": "thumb"}) in html
    assert reverse("gallery:stage_image", kwargs={"pk": final.pk, "variant": "thumb"}) in html
    assert 'loading="lazy"' in html


def test_it_shows_the_error_of_a_failed_item(alice_client, items):
    html = alice_client.get(reverse("gallery:team_gallery")).content.decode()
    assert "upstream_failed" in html
    assert "The image could not be fetched (HTTP 404)." in html


def test_it_filters_by_status_element_and_client_ref(alice_client, items):
    url = reverse("gallery:team_gallery")
    failed = _viewer_data(alice_client.get(url, {"status": "failed"}))
    assert [i["ref"] for i in failed["items"]] == ["sku-broken"]
    model = _viewer_data(alice_client.get(url, {"element": "model_removal"}))
    assert [i["ref"] for i in model["items"]] == ["sku-full", "sku-model"]
    search = _viewer_data(alice_client.get(url, {"q": "TAG"}))
    assert [i["ref"] for i in search["items"]] == ["sku-tag"]


def test_it_filters_by_batch(alice_client, team, items):
    other = make_batch(team, title="Other")
    make_item(other, client_ref="sku-other")
    data = _viewer_data(alice_client.get(reverse("gallery:team_gallery"), {"batch": other.pk}))
    assert [i["ref"] for i in data["items"]] == ["sku-other"]
    page = alice_client.get(
        reverse("gallery:batch_gallery", kwargs={"batch_id": items[0].batch_id})
    )
    assert len(_viewer_data(page)["items"]) == 5


def test_it_lists_the_stage_sequence_in_order_with_unnamed_stages(alice_client, items):
    data = _viewer_data(alice_client.get(reverse("gallery:team_gallery")))
    full = next(i for i in data["items"] if i["ref"] == "sku-full")
    assert [s["label"] for s in full["stages"]] == [
        "Original",
        "Model removal",
        "Unnamed stage",
        "Tag removal",
        "Product isolation",
        "Background removal",
        "Result",
    ]
    assert full["stages"][-1]["alpha"] is True


def test_it_paginates(alice_client, team):
    batch = make_batch(team)
    make_items(batch, 3)
    from gallery import grid

    grid_size = grid.PAGE_SIZE
    try:
        grid.PAGE_SIZE = 2
        second = alice_client.get(reverse("gallery:team_gallery"), {"page": 2})
    finally:
        grid.PAGE_SIZE = grid_size
    data = _viewer_data(second)
    assert data["total"] == 3 and data["offset"] == 2 and len(data["items"]) == 1


def test_it_hides_another_teams_batch_gallery(charlie_client, items):
    url = reverse("gallery:batch_gallery", kwargs={"batch_id": items[0].batch_id})
    assert charlie_client.get(url).status_code == 404


def test_it_hides_another_teams_items_from_the_gallery(charlie_client, items):
    response = charlie_client.get(reverse("gallery:team_gallery"))
    assert response.status_code == 200
    assert b"sku-red" not in response.content
    assert (
        charlie_client.get(reverse("gallery:item", kwargs={"pk": items[0].pk})).status_code == 404
    )


def test_it_sends_a_logged_out_visitor_to_log_in(client, items):
    assert client.get(reverse("gallery:team_gallery")).status_code == 302


def test_it_says_what_to_do_when_empty(alice_client):
    response = alice_client.get(reverse("gallery:team_gallery"))
    assert b"No items yet" in response.content
    assert reverse("batches:new").encode() in response.content
