from __future__ import annotations

import pytest

from gallery.services import showcase_create_from_items, showcase_revoke

pytestmark = pytest.mark.django_db


def test_it_explains_the_model_and_points_to_the_guide_when_nothing_is_featured(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No results featured yet" in html
    for stage in ("Model removal", "Tag removal", "Product isolation", "Background removal"):
        assert stage in html
    assert 'href="/guide/"' in html
    assert 'id="viewer-data"' not in html


def test_it_features_the_chosen_public_showcase(client, team, alice, items):
    showcase = showcase_create_from_items(
        team=team, user=alice, title="Summer results", items=items[:2]
    )
    html = client.get("/").content.decode()
    assert "Summer results" in html and items[0].client_ref in html
    assert f"/s/{showcase.token}/images/" in html
    assert alice.email not in html and "/images/" not in html.replace(
        f"/s/{showcase.token}/images/", ""
    )
    showcase_revoke(showcase=showcase)
    assert "Summer results" not in client.get("/").content.decode()
