"""A Runflow key or callback secret never appears in clear after it was saved.

Real flows over the live sandbox (connect through the form, a rejected key, a batch
sent and reported back by a signed webhook to a real worker, a 500 while connecting),
then a look everywhere a secret could end up: every log record at DEBUG (httpx and
httpcore included, and the SQL log), every page of the team, the error page and the
error report, and every column of every table of the database.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection as db
from django.test import Client
from django.views.debug import ExceptionReporter

from batches.models import Batch, WebhookDelivery
from batches.runflow import RunflowClient, ValidationFailed
from connections.models import Connection
from connections.services import ConnectionRejected, connection_create
from guide.views import SECTIONS
from sandbox.services import account_create

from ..flow.conftest import wait_for

ALWAYS_LOUD = ("httpx", "httpcore", "django", "django.db.backends", "celery", "kombu", "sandbox")


@pytest.fixture
def every_log(caplog, settings):
    """caplog at DEBUG on every logger, and SQL logged with its parameters (DEBUG on)."""
    settings.DEBUG = True  # Django logs every query, with its parameters, only under DEBUG
    caplog.set_level(logging.DEBUG)
    attached = []
    for name in {*logging.root.manager.loggerDict, *ALWAYS_LOUD}:
        caplog.set_level(logging.DEBUG, logger=name)
        logger = logging.getLogger(name)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            attached.append(logger)
    yield caplog
    for logger in attached:
        logger.removeHandler(caplog.handler)


def _needles(*connections: Connection, extra: dict | None = None) -> dict[str, str]:
    """What must never be seen: each raw key and secret, and their random middles."""
    found = dict(extra or {})
    for c in connections:
        c = Connection.objects.get(pk=c.pk)
        assert c.api_key.startswith("rf_test_")
        found[f"key {c.masked_key}"] = c.api_key
        found[f"middle of key {c.masked_key}"] = c.api_key[8:-4]
        for s in c.secrets.all():
            assert s.secret.startswith("rf_whsec_")
            found[f"secret of {c.masked_key}"] = s.secret
            found[f"middle of secret of {c.masked_key}"] = s.secret[9:-4]
    assert all(len(v) >= 16 for v in found.values())
    return found


def _assert_absent(where: str, text: str | bytes, needles: dict[str, str]) -> None:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    for what, value in needles.items():
        assert value not in text, f"{what} in clear in {where}"


def _log_text(caplog) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts += [record.getMessage(), repr(record.args)]
    return "\n".join(parts)


def _database_values():
    """(table, column, text) for every value of every column of every table, read raw."""
    with db.cursor() as cursor:
        for table in db.introspection.table_names(cursor):
            columns = [c.name for c in db.introspection.get_table_description(cursor, table)]
            names = ", ".join(db.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {db.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview):
                        value = bytes(value)
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    elif isinstance(value, dict | list):
                        value = json.dumps(value)
                    if not isinstance(value, str):
                        continue
                    yield table, column, value
                    if table == "django_session" and column == "session_data":
                        yield table, "decoded session", json.dumps(SessionStore().decode(value))


def _team_pages(client, batch: Batch) -> dict[str, bytes]:
    urls = ["/", "/teams/", "/teams/settings/", "/keys/", "/keys/add/", "/batches/"]
    urls += ["/batches/new/", "/batches/webhooks/", "/gallery/", "/gallery/data/", "/showcases/"]
    urls += ["/guide/"] + [f"/guide/{slug}/" for slug, _, _ in SECTIONS if slug]
    urls += [f"/batches/{batch.pk}/", f"/batches/jobs/{batch.job_id}/"]
    urls += [f"/batches/{batch.pk}/results.csv", f"/gallery/batch/{batch.pk}/"]
    urls += [f"/batches/webhooks/{d.pk}/" for d in WebhookDelivery.objects.all()]
    urls += [f"/gallery/items/{i.pk}/" for i in batch.items.all()]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content
        fragment = client.get(url, headers={"HX-Request": "true"})
        pages[f"{url} (htmx)"] = fragment.content
    zipped = client.get(f"/batches/{batch.pk}/results.zip")
    pages["results.zip"] = b"".join(zipped.streaming_content)
    return pages


@pytest.mark.worker
def test_it_keeps_keys_and_secrets_out_of_logs_pages_and_the_database(
    every_log, client, alice, bob, connection, celery_worker, sample_image_urls, settings
):
    client.force_login(alice)
    # connect a second key through the form, as a person would
    _, pasted = account_create(credits=10, label="pasted")
    response = client.post("/keys/add/", {"label": "Pasted", "api_key": pasted}, follow=True)
    assert response.status_code == 200
    second = Connection.objects.get(key_last4=pasted[-4:])
    _assert_absent("the page after connecting", response.content, {"pasted key": pasted})
    # a key Runflow rejects, and one that is not a key at all
    bad = "rf_test_" + secrets.token_urlsafe(24)
    rejected = client.post("/keys/add/", {"label": "Bad", "api_key": bad})
    assert rejected.status_code == 400
    assert "did not accept" in rejected.content.decode()
    odd = client.post("/keys/add/", {"api_key": "rf_test_ has spaces " + bad[8:]})
    assert odd.status_code == 400
    # a batch sent with the key, reported back by a signed webhook, processed by the worker
    sent = client.post(
        "/batches/new/",
        {
            "source": "paste",
            "urls": "\n".join(sample_image_urls[:2]),
            "elements": ["background_removal"],
            "connection": str(connection.pk),
            "action": "send",
        },
    )
    assert sent.status_code == 302
    batch = Batch.objects.get(connection=connection)
    wait_for(
        lambda: WebhookDelivery.objects.filter(batch=batch, processed_at__isnull=False).exists(),
        timeout=60,
        why=lambda: Batch.objects.get(pk=batch.pk).status,
    )
    batch = wait_for(lambda: Batch.objects.filter(pk=batch.pk, items_succeeded=2).first())
    needles = _needles(connection, second, extra={"rejected key": bad})

    for delivery in WebhookDelivery.objects.all():
        _assert_absent(f"stored delivery {delivery.delivery_id}", delivery.body, needles)
        _assert_absent("stored signature header", delivery.signature_header, needles)
    pages = _team_pages(client, batch)
    bob_client = Client()
    bob_client.force_login(bob)
    pages["/keys/ (member)"] = bob_client.get("/keys/").content
    for url, content in pages.items():
        _assert_absent(f"the page {url}", content, needles)
    assert "rf_test_…" in pages["/keys/"].decode()  # the masked form is what is shown
    _assert_absent("the logs", _log_text(every_log), needles)
    assert "runflow POST /v1/callback-secrets" in every_log.text  # the connect was logged
    assert any(r.name.startswith("httpcore") for r in every_log.records)  # DEBUG reached it
    assert any(r.name == "django.db.backends" for r in every_log.records)  # and the SQL log
    seen = set()
    for table, column, value in _database_values():
        _assert_absent(f"the database ({table}.{column})", value, needles)
        seen.add((table, column))
    # the secrets are there, encrypted: the scan read their columns
    assert {("connections_connection", "api_key"), ("connections_callbacksecret", "secret")} <= seen


def test_it_shows_a_sentence_and_reports_no_secret_when_connecting_fails_with_a_500(
    every_log, client, alice, sandbox_key, settings, monkeypatch
):
    settings.DEBUG = False
    client.raise_request_exception = False
    client.force_login(alice)

    def boom(*args, **kwargs):
        raise RuntimeError("the message store broke")

    monkeypatch.setattr("connections.views.messages.success", boom)
    response = client.post("/keys/add/", {"label": "Boom", "api_key": sandbox_key})

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    needles = _needles(Connection.objects.get(), extra={"pasted key": sandbox_key})
    _assert_absent("the 500 page", response.content, needles)
    _assert_absent("the logs", _log_text(every_log), needles)
    [record] = [r for r in every_log.records if r.name == "django.request" and r.exc_info]
    # What an error e-mail (AdminEmailHandler) or the DEBUG page would show of this request.
    report = ExceptionReporter(record.request, *record.exc_info, is_email=True)
    _assert_absent("the error report", report.get_traceback_text(), needles)
    _assert_absent("the error report (HTML)", report.get_traceback_html(), needles)


class _Echo:
    """A real local HTTP server standing in for a remote that echoes the bearer key back in
    its error messages (403 on the connect, a 422 per-item message, a 409 on a batch)."""

    def __init__(self):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if self.path.endswith("/callback-secrets"):
                    status, body = 403, {"code": "FORBIDDEN", "message": f"key {key} is read-only"}
                else:
                    status, body = (
                        422,
                        {
                            "code": "VALIDATION_ERROR",
                            "message": f"bad request from {key}",
                            "errors": [
                                {"loc": ["body", "input", 0], "msg": f"{key} has no access"}
                            ],
                        },
                    )
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def echo():
    server = _Echo()
    yield server
    server.close()


@pytest.mark.django_db
def test_it_cuts_a_key_the_remote_echoes_out_of_every_message(
    every_log, team, alice, echo, settings
):
    settings.SANDBOX_BASE = echo.url
    key = "rf_test_" + secrets.token_urlsafe(24)
    needles = {"the key": key, "its middle": key[8:-4]}
    with pytest.raises(ConnectionRejected) as rejected:
        connection_create(team=team, user=alice, label="Echo", api_key=key)
    _assert_absent("the connect's sentence", str(rejected.value), needles)
    assert "rf_test_…" in str(rejected.value)
    with (
        RunflowClient(base_url=echo.url, api_key=key) as rf,
        pytest.raises(ValidationFailed) as bad,
    ):
        rf.create_batch(items=[{"image_url": "http://127.0.0.1:9/a.jpg"}])
    _assert_absent("a validation sentence", bad.value.user_message, needles)
    _assert_absent("a field error", " ".join(str(e) for e in bad.value.errors), needles)
    _assert_absent("the logs", _log_text(every_log), needles)
