"""Signed webhook deliveries per second at our receiver, beside a bare Django view.

Starts its own gunicorn on a free loopback port, on a throwaway SQLite file under
var/bench/, with `bench/urls.py` (the project's urls plus a bare POST view). Both
endpoints get the same body from the same client in the same run, so the ratio says
what verifying, deduplicating and storing a delivery costs. Every delivery is valid,
unique and names a real batch, so each one takes the whole path (verify, store,
enqueue). The broker is kombu's in-memory transport: nothing consumes it here.
The server is configured as production runs it (gunicorn sync workers, DEBUG off,
persistent database connections), on the throwaway SQLite file.

Prints: webhook_deliveries_per_s, webhook_p50_ms, webhook_p99_ms, bare_per_s,
webhook_vs_bare_ratio.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import support

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ROUNDS = 5
SECRET = "rf_whsec_bench_" + uuid.uuid4().hex


def wsgi():
    """gunicorn's app factory: the project, routed through bench/urls.py."""
    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    return get_wsgi_application()


def _environment(db: Path, port: int) -> dict:
    from cryptography.fernet import Fernet

    empty = OUT / "empty.env"
    empty.write_text("")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "showcase.settings",
        "SHOWCASE_ENV_FILE": str(empty),
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{db}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "CELERY_BROKER_URL": "memory://",
        "SQLITE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


def _prepare(env: dict) -> tuple[str, str]:
    """Migrate the throwaway database and create a team, a connection and a batch."""
    script = f"""
import django, json
django.setup()
from accounts.models import User
from teams.services import team_create
from connections.models import Connection, CallbackSecret
from batches.models import Batch, Job
user = User.objects.create_user(email="bench@example.com", password="x")
team = team_create(name="Bench", owner=user)
c = Connection.objects.create(team=team, label="bench", environment="sandbox",
    api_key="rf_test_bench0000", key_prefix="rf_test_", key_last4="0000",
    base_url="http://127.0.0.1:9")
CallbackSecret.objects.create(connection=c, secret={SECRET!r})
job = Job.objects.create(team=team, connection=c)
Batch.objects.create(team=team, job=job, connection=c, runflow_id="bench-batch",
    status="queued", items_total=2)
print(json.dumps({{"path": c.webhook_path}}))
"""
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [py, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["path"], "/bench/bare/"


def _body() -> bytes:
    items = [
        {
            "id": f"it-{n}",
            "sequence_index": n,
            "client_ref": f"sku-{n}",
            "run_id": f"r-{n}",
            "status_code": "succeeded",
        }
        for n in range(2)
    ]
    return json.dumps(
        {
            "event": "batch.succeeded",
            "id": "bench-batch",
            "status_code": "succeeded",
            "items_total": 2,
            "items_succeeded": 2,
            "items_failed": 0,
            "items_cancelled": 0,
            "items": items,
            "output": None,
            "cost": "0.410000",
        }
    ).encode()


def _run(base: str, path: str, *, signed: bool, n: int) -> tuple[float, list[float]]:
    """n requests from CONCURRENCY clients: (wall seconds, each request's latency)."""
    import httpx

    from batches.signing import header

    body = _body()

    def one(client: httpx.Client) -> float:
        headers = {"Content-Type": "application/json"}
        if signed:
            ts = str(int(time.time()))
            headers |= {
                "Runflow-Signature": header(SECRET, ts, body),
                "Runflow-Timestamp": ts,
                "Runflow-Request-Id": f"{uuid.uuid4()}-1",
            }
        started = time.perf_counter()
        response = client.post(path, content=body, headers=headers)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}: {response.text[:200]}")
        return elapsed

    def worker(n: int) -> list[float]:
        with httpx.Client(base_url=base, timeout=30) as client:
            return [one(client) for _ in range(n)]

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        latencies = [
            t for chunk in pool.map(worker, [n // CONCURRENCY] * CONCURRENCY) for t in chunk
        ]
    return time.perf_counter() - started, latencies


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    workdir = OUT / f"webhooks-{os.getpid()}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()
    port = support.free_port()
    env = _environment(workdir / "bench.sqlite3", port)
    webhook_path, bare_path = _prepare(env)
    base = f"http://127.0.0.1:{port}"
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    proc = subprocess.Popen(
        [
            gunicorn,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
            "bench.bench_webhooks:wsgi()",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        support.wait_up(base + "/healthz/", [proc], timeout=30, ok=lambda status: status < 500)
        _run(base, bare_path, signed=False, n=200)  # warm both paths up
        _run(base, webhook_path, signed=True, n=200)
        # Alternate short rounds so a change in the machine's load hits both alike.
        bare_s = hook_s = 0.0
        latencies: list[float] = []
        for _ in range(ROUNDS):
            wall, _lat = _run(base, bare_path, signed=False, n=REQUESTS // ROUNDS)
            bare_s += wall
            wall, lat = _run(base, webhook_path, signed=True, n=REQUESTS // ROUNDS)
            hook_s += wall
            latencies += lat
        done = ROUNDS * (REQUESTS // ROUNDS // CONCURRENCY) * CONCURRENCY
        bare_rate, hook_rate = done / bare_s, done / hook_s
    finally:
        support.stop([proc], timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"webhook_deliveries_per_s: {hook_rate:.0f}")
    print(f"webhook_p50_ms: {1000 * statistics.median(latencies):.1f}")
    print(f"webhook_p99_ms: {1000 * _pct(latencies, 0.99):.1f}")
    print(f"bare_per_s: {bare_rate:.0f}")
    print(f"webhook_vs_bare_ratio: {hook_rate / bare_rate:.2f}")
    print(
        f"  ({REQUESTS} requests each, {CONCURRENCY} concurrent clients, {WORKERS} gunicorn "
        f"workers, SQLite, in-memory broker)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
