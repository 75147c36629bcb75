from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(image, variant="full"):
    return reverse("gallery:stage_image", kwargs={"pk": image.pk, "variant": variant})


def test_it_serves_a_team_image_in_full_and_as_thumbnail(alice_client, items):
    image = items[0].stages.last()
    full = alice_client.get(_url(image))
    assert full.status_code == 200
    assert full["Content-Type"] == "image/png"
    assert "private" in full["Cache-Control"]
    assert b"".join(full.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    thumb = alice_client.get(_url(image, "thumb"))
    assert thumb["Content-Type"] == "image/webp"
    assert b"".join(thumb.streaming_content)[8:12] == b"WEBP"


def test_it_offers_a_download_named_after_the_item(alice_client, items):
    response = alice_client.get(_url(items[0].stages.last()) + "?download=1")
    assert response["Content-Disposition"].startswith("attachment")
    assert "sku-red-result.png" in response["Content-Disposition"]


def test_it_lets_a_teammate_see_the_image(bob_client, items):
    assert bob_client.get(_url(items[0].stages.first())).status_code == 200


def test_it_answers_404_to_an_outsider(charlie_client, items):
    assert charlie_client.get(_url(items[0].stages.first())).status_code == 404
    assert charlie_client.get(_url(items[0].stages.first(), "thumb")).status_code == 404


def test_it_sends_a_logged_out_visitor_to_log_in(client, items):
    response = client.get(_url(items[0].stages.first()))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_answers_404_for_an_unknown_variant(alice_client, items):
    assert alice_client.get(_url(items[0].stages.first(), "huge")).status_code == 404


def test_it_never_serves_stage_images_from_media_on_disk(alice_client, items):
    image = items[0].stages.first()
    assert alice_client.get(f"/media/{image.file.name}").status_code == 404
