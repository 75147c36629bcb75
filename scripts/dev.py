"""`make run`: set up what is missing, then serve web, worker + beat and the sandbox.

Embedded default: SQLite under var/ and kombu's filesystem broker, so nothing but
Python is needed. A second run reuses var/ and starts in seconds.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
ENV_FILE = VAR / "dev.env"
HOST, PORT = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
URL = f"http://{HOST}:{PORT}"


def write_env_file() -> None:
    if ENV_FILE.exists():
        return
    import secrets

    from cryptography.fernet import Fernet

    VAR.mkdir(exist_ok=True)
    ENV_FILE.write_text(
        "# Written by `make run` on first start; git-ignored. Delete it for fresh keys.\n"
        "DEBUG=true\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        f"FIELD_ENCRYPTION_KEYS={Fernet.generate_key().decode()}\n"
        f"SITE_URL={URL}\n"
    )
    ENV_FILE.chmod(0o600)
    print(f"Wrote {ENV_FILE.relative_to(ROOT)} with fresh dev keys.")


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def port_free() -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, PORT)) != 0


def wait_healthy(timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{URL}/healthz/", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def main() -> int:
    if not port_free():
        print(f"Port {PORT} on {HOST} is taken: stop what runs there, or run `PORT=8001 make run`.")
        return 1
    write_env_file()
    os.environ["SHOWCASE_ENV_FILE"] = str(ENV_FILE)
    manage("migrate", "--no-input", "-v", "0")

    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"{HOST}:{PORT}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=ROOT,
        ),
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "showcase",
                "worker",
                "--beat",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
                "--schedule",
                str(VAR / "celerybeat-schedule"),
            ],
            cwd=ROOT,
        ),
    ]

    def stop(*_):
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    if wait_healthy():
        # Seeded once the server is up: the demo key is verified and the first batch
        # runs through the sandbox over real HTTP, as any team's would.
        manage("seed_demo")
        from_seed = (
            (VAR / "demo-login.txt").read_text().strip()
            if (VAR / "demo-login.txt").exists()
            else ""
        )
        print("\n" + "=" * 64)
        print(f"  Dyver × Runflow Showcase is running at {URL}/")
        if from_seed:
            print(f"  Demo login: {from_seed}")
        print(f"  Sandbox (Runflow contract) at {URL}/sandbox/v1/")
        print("  Web, Celery worker + beat, sandbox: all on SQLite, no other service.")
        print("  Press Ctrl+C to stop.")
        print("=" * 64 + "\n", flush=True)
    else:
        print(f"The web server did not answer {URL}/healthz/ within 60 s; see the log above.")

    while True:
        for p in procs:
            if p.poll() is not None:
                print(f"A process exited ({' '.join(p.args[:4])}, code {p.returncode}); stopping.")
                stop()
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
