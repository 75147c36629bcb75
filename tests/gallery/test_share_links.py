from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gallery.services import showcase_create_from_items, showcase_publish, showcase_revoke

from .factories import make_batch, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(team, alice, items):
    return showcase_create_from_items(
        team=team, user=alice, title="Spring drop", items=items[:2], featured=False
    )


def _public(showcase, name="gallery:public_showcase", **kwargs):
    return reverse(name, kwargs={"token": showcase.token, **kwargs})


def test_it_opens_a_published_showcase_with_no_account(client, showcase, items):
    response = client.get(_public(showcase))
    assert response.status_code == 200
    assert b"Spring drop" in response.content
    assert items[0].client_ref.encode() in response.content


def test_it_shows_no_key_cost_email_or_internal_metadata(client, showcase, items, alice):
    connection = items[0].batch.connection
    items[0].batch.cost = "0.410000"
    items[0].batch.save()
    for url in (
        _public(showcase),
        _public(showcase, "gallery:public_item", pk=items[0].pk),
        _public(showcase, "gallery:public_data"),
        _public(showcase, "gallery:public_present"),
    ):
        body = client.get(url).content.decode()
        for secret in (
            alice.email,
            connection.api_key,
            connection.key_prefix,
            connection.key_last4,
            "0.41",
            str(items[0].batch.pk),
            str(items[0].batch.job.pk),
            items[0].image_url,
            "/images/",  # only share-link image URLs, never the team's
        ):
            assert secret not in body.replace(f"/s/{showcase.token}/images/", ""), (url, secret)


def test_it_serves_only_the_showcase_images_through_the_link(client, showcase, items):
    inside = items[0].stages.first()
    outside = items[3].stages.first()
    ok = client.get(_public(showcase, "gallery:public_stage_image", pk=inside.pk, variant="thumb"))
    assert ok.status_code == 200
    missing = client.get(
        _public(showcase, "gallery:public_stage_image", pk=outside.pk, variant="thumb")
    )
    assert missing.status_code == 404


def test_it_answers_404_once_revoked(client, showcase, items):
    image_url = _public(
        showcase, "gallery:public_stage_image", pk=items[0].stages.first().pk, variant="full"
    )
    showcase_revoke(showcase=showcase)
    assert client.get(_public(showcase)).status_code == 404
    assert client.get(image_url).status_code == 404
    assert client.get(_public(showcase, "gallery:public_data")).status_code == 404


def test_it_answers_404_once_expired(client, showcase):
    showcase.expires_at = timezone.now() - timedelta(seconds=1)
    showcase.save()
    assert client.get(_public(showcase)).status_code == 404
    assert client.get(_public(showcase, "gallery:public_zip")).status_code == 404


def test_it_answers_404_while_unpublished(client, team, alice, items):
    showcase = showcase_create_from_items(
        team=team, user=alice, title="Draft", items=items, publish=False, featured=False
    )
    assert client.get(_public(showcase)).status_code == 404


def test_it_gives_a_new_token_when_republished_after_revoking(client, showcase):
    old = showcase.token
    showcase_revoke(showcase=showcase)
    showcase_publish(showcase=showcase)
    assert showcase.token != old
    assert client.get(reverse("gallery:public_showcase", kwargs={"token": old})).status_code == 404
    assert client.get(_public(showcase)).status_code == 200


def test_it_does_not_let_a_link_reach_another_teams_item(client, showcase, charlie_team):
    foreign = make_item(make_batch(charlie_team))
    url = _public(showcase, "gallery:public_item", pk=foreign.pk)
    assert client.get(url).status_code == 404
    image = _public(
        showcase, "gallery:public_stage_image", pk=foreign.stages.first().pk, variant="full"
    )
    assert client.get(image).status_code == 404


def test_it_uses_an_unguessable_token(showcase):
    assert len(showcase.token) >= 32
