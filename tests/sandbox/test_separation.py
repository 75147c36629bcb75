"""The sandbox is a separate system: it imports nothing of the dashboard's apps."""

from __future__ import annotations

import re
from pathlib import Path

SANDBOX = Path(__file__).resolve().parents[2] / "sandbox"
DASHBOARD = re.compile(r"^\s*(from|import)\s+(batches|connections|teams)\b", re.M)


def test_it_imports_nothing_from_batches_connections_or_teams():
    offenders = [p.name for p in SANDBOX.rglob("*.py") if DASHBOARD.search(p.read_text())]
    assert offenders == []


def test_it_makes_http_calls_from_one_module_only():
    users = sorted(
        p.name for p in SANDBOX.rglob("*.py") if re.search(r"^import httpx", p.read_text(), re.M)
    )
    assert users == ["http.py"]
