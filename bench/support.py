"""What every bench needs to serve the site on loopback and stop it afterwards.

Benches run from the repo root as modules (`python -m bench.bench_sandbox`; `make bench`
does this), so the project's packages import as they do everywhere else.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(
    url: str,
    procs: list[subprocess.Popen],
    *,
    timeout: float = 60,
    ok: Callable[[int], bool] = lambda status: status == 200,
) -> None:
    """Return once `url` answers `ok`; raise if a process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            raise RuntimeError("a server process exited before the bench started")
        try:
            if ok(httpx.get(url, timeout=1).status_code):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def stop(procs: list[subprocess.Popen], *, timeout: float = 20) -> None:
    """Terminate every process, then kill what has not exited within `timeout`."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
