"""Run every benchmark in this folder, each in its own process, and print their output.

Set MIPEX_BENCH_DATABASE=postgres to run them on the local PostgreSQL server instead of a
fresh SQLite file.
"""

import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(BENCH_DIR.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR, check=False)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
