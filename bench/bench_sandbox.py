"""The sandbox end to end: a 100-item batch, all four stages, on the sample photos.

Starts its own gunicorn on a free loopback port and one Celery worker (prefork,
concurrency 2), on a throwaway SQLite file, filesystem broker and media folder
under var/bench/sandbox-<pid>/, all removed afterwards. The sample images are served
by the same gunicorn (whitenoise, from static/), so nothing leaves the machine.
The clock runs from the create call to the poll that sees the batch terminal.

Prints: sandbox_100_items_s, sandbox_items_per_s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench import support

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
ITEMS = int(os.environ.get("BENCH_ITEMS", "100"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
ELEMENTS = ["model_removal", "tag_removal", "product_isolation", "background_removal"]

SETTINGS = """
from showcase.settings import *  # noqa: F401,F403

DATABASES["default"]["NAME"] = {db!r}
CELERY_BROKER_URL = "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = {{
    "data_folder_in": {broker!r},
    "data_folder_out": {broker!r},
    "processed_folder": {processed!r},
    "control_folder": {control!r},
    "store_processed": False,
    "polling_interval": {polling},
}}
MEDIA_ROOT = {media!r}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
SANDBOX_ENABLED = True
SANDBOX_RATE_LIMIT_PER_MINUTE = 1_000_000
"""


def _environment(workdir: Path, port: int) -> dict:
    from cryptography.fernet import Fernet

    (workdir / "broker" / "out").mkdir(parents=True)
    (workdir / "broker" / "processed").mkdir(parents=True)
    (workdir / "broker" / "control").mkdir(parents=True)
    (workdir / "bench_sandbox_settings.py").write_text(
        SETTINGS.format(
            db=str(workdir / "bench.sqlite3"),
            broker=str(workdir / "broker" / "out"),
            processed=str(workdir / "broker" / "processed"),
            control=str(workdir / "broker" / "control"),
            # kombu's default is 1 s: with every worker slot busy, the consumer sleeps that long
            # before taking the next task, which caps throughput at ~concurrency items a second.
            polling=float(os.environ.get("BENCH_POLLING_INTERVAL", "0.05")),
            media=str(workdir / "media"),
        )
    )
    empty = workdir / "empty.env"
    empty.write_text("")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_sandbox_settings",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
        "SHOWCASE_ENV_FILE": str(empty),
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def _wait_terminal(client, batch_id: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch = client.get(f"/v1/batches/{batch_id}").json()
        if batch["output"] is not None:
            return batch
        time.sleep(0.1)
    raise RuntimeError(f"batch {batch_id} not terminal after {timeout:.0f} s")


def _measure(base: str, key: str) -> tuple[float, dict]:
    import httpx

    samples = sorted((ROOT / "static" / "samples").glob("*.jpg"))
    urls = [f"{base}/static/samples/{p.name}" for p in samples]
    with httpx.Client(
        base_url=base + "/sandbox", timeout=30, headers={"Authorization": f"Bearer {key}"}
    ) as client:
        # Warm-up: one item, so the worker's imports and first connections are not timed.
        warm = client.post(
            "/v1/models/runflow/dyver-removal/batches",
            json={"input": [{"image_url": urls[0], "config": {"elements": ELEMENTS}}]},
        )
        warm.raise_for_status()
        _wait_terminal(client, warm.json()["id"], 120)
        body = {
            "input": [
                {
                    "image_url": urls[i % len(urls)],
                    "config": {"elements": ELEMENTS, "aspect_ratio": "4:5"},
                    "client_ref": f"bench-{i}",
                }
                for i in range(ITEMS)
            ]
        }
        started = time.perf_counter()
        created = client.post("/v1/models/runflow/dyver-removal/batches", json=body)
        created.raise_for_status()
        batch = _wait_terminal(client, created.json()["id"], 600)
        return time.perf_counter() - started, batch


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    workdir = OUT / f"sandbox-{os.getpid()}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()
    port = support.free_port()
    base = f"http://127.0.0.1:{port}"
    env = _environment(workdir, port)
    py = sys.executable
    procs: list[subprocess.Popen] = []
    try:
        subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run(
            [py, "manage.py", "sandbox_account", "--credits", "10000", "--label", "bench"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        key = out.strip().splitlines()[-1]
        log = open(workdir / "servers.log", "w")  # noqa: SIM115
        procs.append(
            subprocess.Popen(
                [
                    str(Path(py).parent / "gunicorn"),
                    "showcase.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
        )
        procs.append(
            subprocess.Popen(
                [
                    py,
                    "-m",
                    "celery",
                    "-A",
                    "showcase",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    str(CONCURRENCY),
                    "--loglevel",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
        )
        support.wait_up(base + "/healthz/", procs)
        seconds, batch = _measure(base, key)
        if batch["items_succeeded"] != ITEMS:
            print(
                f"only {batch['items_succeeded']} of {ITEMS} items succeeded "
                f"({batch['status_code']})",
                file=sys.stderr,
            )
            return 1
        print(f"sandbox_{ITEMS}_items_s: {seconds:.1f}")
        print(f"sandbox_items_per_s: {ITEMS / seconds:.2f}")
        print(
            f"  ({os.cpu_count()} cores, worker concurrency {CONCURRENCY}, "
            f"batch cost {batch['cost']})"
        )
        return 0
    finally:
        support.stop(procs)
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
