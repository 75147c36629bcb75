"""`make bench`: run every benchmark in bench/, one after the other, and print their figures.

Each bench_*.py, run as `python -m bench.bench_x`, starts what it needs on loopback,
measures, prints `name: value` lines and cleans up. Figures go to stdout and to
var/bench-latest.txt.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ORDER = ["bench_sandbox.py", "bench_webhooks.py", "bench_progress.py", "bench_gallery.py"]


def main() -> int:
    figures: list[str] = []
    failed = []
    for name in ORDER:
        script = HERE / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        started = time.monotonic()
        # As a module from the root, so `bench.support` and the project import.
        result = subprocess.run(
            [sys.executable, "-m", f"bench.{script.stem}"], cwd=ROOT, capture_output=True, text=True
        )
        lines = [ln for ln in result.stdout.splitlines() if ": " in ln and not ln.startswith(" ")]
        figures += lines
        print("\n".join(lines) or result.stdout[-2000:])
        if result.returncode != 0:
            failed.append(name)
            print(result.stderr[-3000:], file=sys.stderr)
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    # The benches clean var/bench/ up after themselves; the figures go beside it.
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-latest.txt").write_text("\n".join(figures) + "\n")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
