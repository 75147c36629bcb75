"""Helpers for the batches flow: rows built directly, signed deliveries, a stand-in server."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from batches import signing
from batches.models import Batch, BatchStatus, Item, Job
from tests import factories

SECRET = "rf_whsec_flowtestsecret"


def make_connection(
    team, *, base_url: str = "http://127.0.0.1:9", key: str = "rf_test_flow1234abcd"
):
    # environment stays "sandbox" whatever the key, as the tests that flip it expect
    return factories.make_connection(
        team, key=key, environment="sandbox", label="Stand-in", base_url=base_url, secret=SECRET
    )


def make_batch(
    connection, *, items: int = 2, runflow_id: str = "rf-batch-1", status=BatchStatus.QUEUED
):
    job = Job.objects.create(team=connection.team, connection=connection)
    batch = Batch.objects.create(
        team=connection.team,
        job=job,
        connection=connection,
        runflow_id=runflow_id,
        status=status,
        items_total=items,
    )
    for n in range(items):
        Item.objects.create(
            team=connection.team,
            batch=batch,
            sequence_index=n,
            image_url=f"http://127.0.0.1:9/{n}.jpg",
            config={"elements": ["tag_removal"]},
        )
    return batch


def envelope(
    runflow_id: str,
    status: str,
    *,
    succeeded: int = 0,
    failed: int = 0,
    total: int = 2,
    event: str | None = None,
    cost: str | None = None,
) -> dict:
    items = []
    for n in range(total):
        done = "succeeded" if n < succeeded else "failed" if n < succeeded + failed else "queued"
        items.append(
            {
                "id": f"it-{n}",
                "sequence_index": n,
                "client_ref": None,
                "run_id": f"run-{n}",
                "status_code": done,
            }
        )
    body = {
        "id": runflow_id,
        "status_code": status,
        "items_total": total,
        "items_succeeded": succeeded,
        "items_failed": failed,
        "items_cancelled": 0,
        "items": items,
        "output": None,
        "cost": cost,
        "created_at": "2026-04-16T10:00:00Z",
    }
    if event:
        body["event"] = event
    return body


def signed_post(
    client,
    connection,
    body: dict | bytes,
    *,
    request_id: str = "d0d0-1",
    timestamp: int | None = None,
    secret: str = SECRET,
    signature: str | None = None,
):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return client.post(
        connection.webhook_path,
        data=raw,
        content_type="application/json",
        headers={
            "Runflow-Signature": signature or signing.header(secret, ts, raw),
            "Runflow-Timestamp": ts,
            "Runflow-Request-Id": request_id,
        },
    )


def wait_for(predicate, *, timeout: float = 20.0, step: float = 0.1, why=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"condition not met before the deadline{': ' + str(why()) if why else ''}")


class StandIn:
    """A real local HTTP server standing in for Runflow, for failures the sandbox cannot make.

    `mode`: "503" answers every request with 503; "stall" holds each request for
    `stall_s` seconds before answering 201.
    """

    def __init__(self, mode: str, stall_s: float = 3.0):
        self.mode, self.stall_s, self.requests = mode, stall_s, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                outer.requests.append((self.command, self.path, self.rfile.read(length)))
                if outer.mode == "stall":
                    time.sleep(outer.stall_s)
                    self._answer(201, {"id": "late", "status_code": "queued", "items_total": 1})
                else:
                    self._answer(503, {"code": "UNAVAILABLE", "message": "try later"})

            do_GET = do_POST  # noqa: N815

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting: that is the point of "stall"

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def creates(self) -> int:
        return sum(
            1
            for method, path, _ in self.requests
            if method == "POST" and path.endswith(("/batches", "/runs"))
        )

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def standin_503():
    s = StandIn("503")
    yield s
    s.close()


@pytest.fixture
def standin_stall(settings):
    settings.RUNFLOW_TIMEOUT_S = 1.0
    s = StandIn("stall", stall_s=2.5)
    yield s
    s.close()


TERMINAL = {"succeeded", "partial_succeeded", "failed", "cancelled", "rejected", "unknown"}


def wait_terminal(batch, *, poll: bool = False, timeout: float = 60.0):
    """Wait for the batch to end; with poll=True, tick the beat task as beat would."""
    from batches import tasks

    def done():
        if poll:
            tasks.batch_poll_due()
        fresh = Batch.objects.get(pk=batch.pk)
        return fresh if fresh.status in TERMINAL else None

    return wait_for(done, timeout=timeout, step=0.3)


@pytest.fixture
def fast_polls(settings):
    settings.RUNFLOW_POLL_MIN_S = 0.3
    settings.RUNFLOW_POLL_MAX_S = 1.0
