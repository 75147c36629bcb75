"""Every URL that names a team-owned object answers 404 to an outsider, as a missing id does.

The test walks the project's URL resolver: a route with a parameter must either be in
ROUTES (how to build its kwargs from alice's team's rows) or in NOT_TEAM_OWNED (why it
needs no such check). A new route with an id that is in neither fails the test.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from batches.models import Batch, DeliveryVerdict, Item, Job, StageImage, Upload, WebhookDelivery
from connections.models import CallbackSecret, Connection
from gallery import services as gallery_services
from gallery.models import Showcase, ShowcaseItem
from teams.models import Invitation, Membership, Role

from ..gallery.factories import make_batch, make_connection, make_failed_item, make_item

pytestmark = pytest.mark.django_db

GET, POST = "GET", "POST"
SHARE_ACTIONS = ("publish", "revoke", "feature", "unfeature", "delete")
ITEM_ACTIONS = ("up", "down", "remove")

# url name -> (the methods the view accepts, kwargs lists built from alice's rows `w`)
ROUTES = {
    "teams:invitation_revoke": ({POST}, lambda w: [{"invitation_id": w.invitation.pk}]),
    "teams:member_role": ({POST}, lambda w: [{"membership_id": w.bobs_membership.pk}]),
    "teams:member_remove": ({POST}, lambda w: [{"membership_id": w.bobs_membership.pk}]),
    "connections:revoke": ({POST}, lambda w: [{"pk": w.connection.pk}]),
    "batches:detail": ({GET, POST}, lambda w: [{"pk": w.batch.pk}]),
    "batches:cancel": ({POST}, lambda w: [{"pk": w.batch.pk}]),
    "batches:retry": ({POST}, lambda w: [{"pk": w.batch.pk}]),
    "batches:refresh": ({POST}, lambda w: [{"pk": w.batch.pk}]),
    "batches:download_zip": ({GET}, lambda w: [{"pk": w.batch.pk}]),
    "batches:export_csv": ({GET}, lambda w: [{"pk": w.batch.pk}]),
    "batches:job": ({GET, POST}, lambda w: [{"pk": w.batch.job.pk}]),
    "batches:delivery_detail": ({GET, POST}, lambda w: [{"pk": w.delivery.pk}]),
    "batches:delivery_replay": ({POST}, lambda w: [{"pk": w.delivery.pk}]),
    "gallery:batch_gallery": ({GET, POST}, lambda w: [{"batch_id": w.batch.pk}]),
    "gallery:item": ({GET, POST}, lambda w: [{"pk": w.item.pk}]),
    "gallery:stage_image": (
        {GET},
        lambda w: [{"pk": w.stage.pk, "variant": v} for v in ("full", "thumb")],
    ),
    "gallery:showcase_detail": ({GET, POST}, lambda w: [{"pk": w.showcase.pk}]),
    "gallery:showcase_item_action": (
        {POST},
        lambda w: [{"pk": w.showcase.pk, "item_id": w.item.pk, "action": a} for a in ITEM_ACTIONS],
    ),
    "gallery:showcase_share": (
        {POST},
        lambda w: [{"pk": w.showcase.pk, "action": a} for a in SHARE_ACTIONS],
    ),
    "gallery:showcase_zip": ({GET, POST}, lambda w: [{"pk": w.showcase.pk}]),
    "gallery:showcase_present": ({GET, POST}, lambda w: [{"pk": w.showcase.pk}]),
}

# Routes with a parameter that names no team-owned row by id (or are checked elsewhere).
NOT_TEAM_OWNED = {
    "guide:page": "a guide page slug, the same pages for everyone",
}
# Public-by-token routes (their own tests cover them), the sandbox, allauth and the admin.
PUBLIC_PREFIXES = (
    "s/",  # published showcase: tests/gallery/test_share_links.py
    "batches/uploads/",  # batches:upload_public, fetched by Runflow
    "webhooks/runflow/",  # the receiver: tests/flow/test_webhook_*.py
    "teams/invitations/",  # the invitation link: tests/teams/test_it_invites_by_email.py
    "sandbox/",  # the Runflow stand-in
    "accounts/",  # allauth
    "admin/",  # Django's admin: staff only, not a team's page
    "media/uploads/",  # unguessable upload files (development only)
)


def _patterns(resolver=None, prefix: str = "", namespace: str = ""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None, p


def _routes_with_params() -> dict[str, str]:
    """{url name (or route when unnamed): route} for every pattern with a parameter."""
    found = {}
    for route, name, p in _patterns():
        if route.startswith(PUBLIC_PREFIXES) or not p.pattern.regex.groupindex:
            continue
        found[name or route] = route
    return found


def test_it_knows_every_route_with_an_id():
    found = _routes_with_params()
    unknown = sorted(set(found) - set(ROUTES) - set(NOT_TEAM_OWNED))
    assert not unknown, f"routes with a parameter and no outsider check: {unknown}"
    gone = sorted((set(ROUTES) | set(NOT_TEAM_OWNED)) - set(found))
    assert not gone, f"checks for routes that no longer exist: {gone}"


@pytest.fixture
def alices(team, alice, bob):
    connection = make_connection(team)
    CallbackSecret.objects.create(connection=connection, runflow_id="sec_a", secret="rf_whsec_a")
    batch = make_batch(team, connection=connection, status="running")
    item = make_item(batch, client_ref="sku-alice")
    make_failed_item(batch, client_ref="sku-alice-failed")
    showcase = gallery_services.showcase_create(team=team, user=alice, title="Alice's picks")
    gallery_services.showcase_add_items(showcase=showcase, items=[item])
    delivery = WebhookDelivery.objects.create(
        team=team,
        connection=connection,
        batch=batch,
        delivery_id="d-alice",
        event="batch.succeeded",
        verdict=DeliveryVerdict.VALID,
        body="{}",
    )
    invitation = Invitation.objects.create(
        team=team, email="dora@example.com", role=Role.MEMBER, invited_by=alice
    )
    return SimpleNamespace(
        team=team,
        connection=connection,
        batch=batch,
        item=item,
        stage=item.stages.order_by("position").first(),
        showcase=showcase,
        delivery=delivery,
        invitation=invitation,
        bobs_membership=Membership.objects.get(team=team, user=bob),
    )


def _snapshot(team) -> dict:
    """Every team-owned row of the team, as stored."""
    owned = [Membership, Invitation, Connection, Job, Batch, Item, StageImage, Upload]
    rows = {m.__name__: list(m.objects.filter(team=team).order_by("pk").values()) for m in owned}
    rows["WebhookDelivery"] = list(
        WebhookDelivery.objects.filter(team=team).order_by("pk").values()
    )
    rows["Showcase"] = list(Showcase.objects.filter(team=team).order_by("pk").values())
    rows["ShowcaseItem"] = list(
        ShowcaseItem.objects.filter(showcase__team=team).order_by("pk").values()
    )
    rows["CallbackSecret"] = list(
        CallbackSecret.objects.filter(connection__team=team).order_by("pk").values()
    )
    return rows


def _missing(kwargs: dict) -> dict:
    """The same kwargs with every id replaced by one that exists nowhere."""
    out = {}
    for key, value in kwargs.items():
        if isinstance(value, uuid.UUID):
            out[key] = uuid.uuid4()
        elif isinstance(value, int):
            out[key] = 2**31 - 1
        else:
            out[key] = value
    return out


def _ask(client, method: str, url: str, *, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    if method == GET:
        return client.get(url, headers=headers)
    return client.post(url, {"role": Role.OWNER, "title": "Mine now"}, headers=headers)


def _templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


def _check(client, name: str, accepted: set[str], kwargs: dict, missing: dict) -> list[str]:
    problems = []
    url, missing_url = reverse(name, kwargs=kwargs), reverse(name, kwargs=missing)
    for method, htmx in ((GET, False), (GET, True), (POST, False), (POST, True)):
        foreign = _ask(client, method, url, htmx=htmx)
        absent = _ask(client, method, missing_url, htmx=htmx)
        label = f"{method}{' (htmx)' if htmx else ''} {url} [{name}]"
        expected = 404 if method in accepted else 405
        if foreign.status_code != expected or absent.status_code != expected:
            problems.append(
                f"{label}: {foreign.status_code} (a missing id: {absent.status_code}), "
                f"expected {expected}"
            )
        elif _templates(foreign) != _templates(absent):
            problems.append(f"{label}: answers unlike a missing id ({_templates(foreign)})")
    return problems


def test_it_answers_404_to_an_outsider_on_every_team_url(client, charlie, alices):
    before = _snapshot(alices.team)
    client.force_login(charlie)
    problems = []
    for name, (accepted, build) in ROUTES.items():
        for kwargs in build(alices):
            problems += _check(client, name, accepted, kwargs, _missing(kwargs))
    assert not problems, "\n".join(problems)
    assert _snapshot(alices.team) == before


def test_it_answers_404_for_another_teams_item_in_the_outsiders_own_showcase(
    client, charlie, charlie_team, alices
):
    own = gallery_services.showcase_create(team=charlie_team, user=charlie, title="Charlie's")
    client.force_login(charlie)
    problems = []
    for action in ITEM_ACTIONS:
        kwargs = {"pk": own.pk, "item_id": alices.item.pk, "action": action}
        missing = {**kwargs, "item_id": uuid.uuid4()}
        problems += _check(client, "gallery:showcase_item_action", {POST}, kwargs, missing)
    assert not problems, "\n".join(problems)
    assert not own.entries.exists()


def test_it_answers_404_to_another_teams_ids_in_a_form(client, charlie, alices):
    """The ids that come in a POST body rather than the URL."""
    before = _snapshot(alices.team)
    client.force_login(charlie)
    posts = [
        ("gallery:star", {"item": alices.item.pk}),
        ("gallery:set_target", {"showcase": alices.showcase.pk}),
        ("teams:switch", {"team": alices.team.pk}),
    ]
    for name, data in posts:
        foreign = client.post(reverse(name), data)
        absent = client.post(reverse(name), {k: uuid.uuid4() for k in data})
        assert (foreign.status_code, absent.status_code) == (404, 404), name
    response = client.post(reverse("gallery:star"), {"showcase": alices.showcase.pk})
    assert response.status_code == 404
    for malformed in ("", "not-a-uuid", "1"):  # names nothing: 404, not a 500
        assert client.post(reverse("gallery:star"), {"item": malformed}).status_code == 404
        assert (
            client.post(reverse("gallery:set_target"), {"showcase": malformed}).status_code == 404
        )
    # ids in a query string or a form choice: ignored or refused, never followed
    page = client.get(reverse("gallery:team_gallery"), {"batch": alices.batch.pk}).content.decode()
    data = client.get(reverse("gallery:data"), {"around": alices.item.pk}).content.decode()
    for text in (page, data):
        assert "sku-alice" not in text and str(alices.item.pk) not in text
    launch = {
        "source": "paste",
        "urls": "https://cdn.example.com/a.jpg",
        "elements": ["background_removal"],
        "connection": str(alices.connection.pk),
        "action": "send",
    }
    assert client.post(reverse("batches:new"), launch).status_code == 400
    assert not Job.objects.exclude(team=alices.team).exists()
    assert _snapshot(alices.team) == before
    assert charlie.memberships.get().team != alices.team


def test_the_routes_work_for_the_owner(client, alice, alices):
    """The kwargs above name real rows: alice herself never gets a 404 from them."""
    client.force_login(alice)
    problems = []
    for name, (accepted, build) in ROUTES.items():
        for kwargs in build(alices):
            url = reverse(name, kwargs=kwargs)
            method = GET if GET in accepted else POST
            with transaction.atomic():
                response = _ask(client, method, url)
                transaction.set_rollback(True)
            if response.status_code == 404:
                problems.append(f"{method} {url} [{name}]: 404 for the owner")
    assert not problems, "\n".join(problems)
