from __future__ import annotations

import pytest
from django.urls import reverse

from gallery.models import Showcase
from gallery.selectors import showcase_items
from gallery.services import showcase_create

pytestmark = pytest.mark.django_db


def test_it_stars_into_a_new_showcase_when_there_is_none(alice_client, items):
    response = alice_client.post(
        reverse("gallery:star"), {"item": items[0].pk, "next": "/gallery/"}
    )
    assert response.status_code == 302 and response["Location"] == "/gallery/"
    showcase = Showcase.objects.get()
    assert list(showcase_items(showcase=showcase)) == [items[0]]


def test_it_stars_into_the_chosen_showcase_and_toggles(alice_client, team, alice, items):
    showcase_create(team=team, user=alice, title="Newest")
    chosen = showcase_create(team=team, user=alice, title="Chosen")
    Showcase.objects.filter(pk=chosen.pk).update(created_at="2000-01-01T00:00:00Z")
    alice_client.post(reverse("gallery:set_target"), {"showcase": chosen.pk})
    answer = alice_client.post(
        reverse("gallery:star"), {"item": items[1].pk}, headers={"accept": "application/json"}
    )
    assert answer.json() == {"starred": True, "showcase": "Chosen"}
    again = alice_client.post(
        reverse("gallery:star"), {"item": items[1].pk}, headers={"accept": "application/json"}
    )
    assert again.json()["starred"] is False


def test_it_answers_htmx_with_the_star_fragment(alice_client, items):
    response = alice_client.post(
        reverse("gallery:star"), {"item": items[0].pk}, headers={"hx-request": "true"}
    )
    html = response.content.decode()
    assert html.strip().startswith("<form") and 'aria-pressed="true"' in html
    assert "<html" not in html


def test_it_answers_404_for_another_teams_item_or_showcase(charlie_client, team, alice, items):
    theirs = showcase_create(team=team, user=alice, title="Alice's")
    assert charlie_client.post(reverse("gallery:star"), {"item": items[0].pk}).status_code == 404
    url = reverse("gallery:showcase_detail", kwargs={"pk": theirs.pk})
    assert charlie_client.get(url).status_code == 404
    share = reverse("gallery:showcase_share", kwargs={"pk": theirs.pk, "action": "publish"})
    assert charlie_client.post(share).status_code == 404
    theirs.refresh_from_db()
    assert theirs.published_at is None


def test_it_publishes_revokes_and_features_from_the_showcase_page(alice_client, team, alice):
    showcase = showcase_create(team=team, user=alice, title="Pitch")

    def share(action, **data):
        url = reverse("gallery:showcase_share", kwargs={"pk": showcase.pk, "action": action})
        return alice_client.post(url, data)

    share("publish", expires_at="2999-01-01T10:00")
    showcase.refresh_from_db()
    assert showcase.is_public and showcase.expires_at.year == 2999
    share("feature")
    showcase.refresh_from_db()
    assert showcase.featured
    share("revoke")
    showcase.refresh_from_db()
    assert showcase.share_state == "revoked" and not showcase.featured
    assert share("publish", expires_at="2000-01-01T10:00").status_code == 302
    showcase.refresh_from_db()
    assert showcase.share_state == "revoked"  # a past expiry is refused


def test_it_creates_and_renames_showcases(alice_client, team):
    response = alice_client.post(reverse("gallery:showcase_list"), {"title": "Q3 review"})
    showcase = Showcase.objects.get(team=team)
    assert response["Location"] == reverse("gallery:showcase_detail", kwargs={"pk": showcase.pk})
    url = reverse("gallery:showcase_detail", kwargs={"pk": showcase.pk})
    alice_client.post(url, {"title": "Q3 review, final", "description": "For the board"})
    showcase.refresh_from_db()
    assert (showcase.title, showcase.description) == ("Q3 review, final", "For the board")
    assert alice_client.post(reverse("gallery:showcase_list"), {"title": ""}).status_code == 422


def test_it_downloads_the_finals_as_a_zip(alice_client, team, alice, items):
    showcase = showcase_create(team=team, user=alice, title="Zip me")
    from gallery.services import showcase_add_items

    showcase_add_items(showcase=showcase, items=items[:2])
    response = alice_client.get(reverse("gallery:showcase_zip", kwargs={"pk": showcase.pk}))
    assert response["Content-Type"] == "application/zip"
    assert "zip-me-finals.zip" in response["Content-Disposition"]
