"""The tests' own client for the sandbox: plain httpx over real HTTP, nothing from `batches`."""

from __future__ import annotations

import time

import httpx

MODEL = "/v1/models/runflow/dyver-removal"
TERMINAL = {"succeeded", "partial_succeeded", "failed", "cancelled"}


class Sandbox:
    def __init__(self, base: str, key: str | None) -> None:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.http = httpx.Client(base_url=base, headers=headers, timeout=10)

    def create_batch(self, body) -> httpx.Response:
        return self.http.post(f"{MODEL}/batches", json=body)

    def create_run(self, body) -> httpx.Response:
        return self.http.post(f"{MODEL}/runs", json=body)

    def get_batch(self, batch_id: str) -> httpx.Response:
        return self.http.get(f"/v1/batches/{batch_id}")

    def get_run(self, run_id: str) -> httpx.Response:
        return self.http.get(f"/v1/runs/{run_id}")

    def cancel_batch(self, batch_id: str) -> httpx.Response:
        return self.http.post(f"/v1/batches/{batch_id}/cancel")

    def create_secret(self, label: str) -> httpx.Response:
        return self.http.post("/v1/callback-secrets", json={"label": label})

    def wait_batch(self, batch_id: str, timeout: float = 60) -> dict:
        """Poll as the contract says: done when succeeded + failed + cancelled == total."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.get_batch(batch_id)
            if response.status_code == 429:
                time.sleep(int(response.headers["Retry-After"]))
                continue
            body = response.json()
            done = body["items_succeeded"] + body["items_failed"] + body["items_cancelled"]
            if done == body["items_total"] and body["status_code"] in TERMINAL:
                return body
            time.sleep(0.2)
        raise AssertionError(f"batch {batch_id} not terminal after {timeout}s")

    def wait_run(self, run_id: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.get_run(run_id)
            if response.status_code == 429:
                time.sleep(int(response.headers["Retry-After"]))
                continue
            body = response.json()
            if body["status"] in TERMINAL:
                return body
            time.sleep(0.2)
        raise AssertionError(f"run {run_id} not terminal after {timeout}s")


def item(url: str, *elements: str, **config) -> dict:
    return {"image_url": url, "config": {"elements": list(elements) or ["tag_removal"], **config}}
