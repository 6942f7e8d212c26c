"""Run a benchmark's own script again in a fresh Python process and read the JSON line it prints
last: a SparkSession's master, a pool of workers and peak RSS are each fixed for a process."""

from __future__ import annotations

import json
import subprocess
import sys


def run_fresh(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
