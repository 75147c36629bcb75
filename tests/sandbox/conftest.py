from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .client import Sandbox


@pytest.fixture
def api(sandbox_key, settings):
    client = Sandbox(settings.SANDBOX_BASE, sandbox_key)
    yield client
    client.http.close()


@pytest.fixture
def other_api(live_server, settings, transactional_db):
    """A second org's key (the outsider, like charlie)."""
    from sandbox.services import account_create

    _, raw = account_create(credits=50, label="other")
    client = Sandbox(live_server.url + "/sandbox", raw)
    yield client
    client.http.close()


@pytest.fixture
def fast_webhooks(settings):
    settings.SANDBOX_WEBHOOK_BASE_DELAY_S = 0.2
    settings.SANDBOX_WEBHOOK_MAX_ATTEMPTS = 4


class Receiver:
    """A webhook endpoint on loopback that records every request and answers from a script."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[int | str] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.requests.append({"headers": dict(self.headers), "body": raw})
                    status = receiver.answers.pop(0) if receiver.answers else 200
                if status == "slow":  # answer after the sender has given up
                    time.sleep(1.0)
                    status = 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, timeout: float = 30) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.1)
        raise AssertionError(f"{len(self.requests)} webhook(s) received, expected {count}")

    def json(self, index: int = 0) -> dict:
        return json.loads(self.requests[index]["body"])


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()
