"""Decompression bombs: how fast and in how much memory each is stopped (issue 25: within 2 s and 256 MB).

    .venv/bin/python benchmarks/bench_bombs.py [--gigabytes 4] [--keep DIR]

Writes gzip files that expand to ``--gigabytes`` of zeros behind a plausible start (a WARC record
header, a JSON line, a text), as each input kind: ``.warc.gz`` (the issue's 4.2 MB file that
expands to 4 GB), ``.jsonl.gz``, ``.txt.gz``, ``.html.gz`` and a plain ``.gz``; then, for each,
runs a fresh process that reads it with ``ingest.iter_inputs`` and one that runs ``storyworld
ingest`` on it, and prints the error line, the wall time and the process's peak RSS (ru_maxrss of
the child, Python and the imports included; an empty run of each is printed first).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEADS = {
    ".warc.gz": (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\n"
                 b"Content-Type: application/http; msgtype=response\r\nContent-Length: 4294967296\r\n\r\n"
                 b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"),
    ".jsonl.gz": b'{"text": "Protesters marched in Nairobi on Monday. ',
    ".txt.gz": b"Protesters marched in Nairobi on Monday, police said.\n\n",
    ".html.gz": b"<!DOCTYPE html><html><body><p>Protesters marched in Nairobi on Monday.</p><p>",
    ".gz": b"Protesters marched in Nairobi on Monday, police said.\n\n",
}
# each child prints its own peak RSS last (ru_maxrss of RUSAGE_SELF, in KB on Linux)
PEAK = "import resource; print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
READER = ("import sys, time; from storyworld.ingest import iter_inputs; t = time.perf_counter(); "
          "[print(str(i)[:160]) for i in iter_inputs(sys.argv[1:])]; "
          "print('read', time.perf_counter() - t); " + PEAK)
CLI = ("import sys; from storyworld.cli import main\n"
       "try:\n    main()\nexcept SystemExit:\n    pass\n" + PEAK)


def write_bomb(path: Path, head: bytes, size: int) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 24)
    with path.open("wb") as fh:
        fh.write(compressor.compress(head))
        for _ in range(size >> 24):
            fh.write(compressor.compress(zeros))
        fh.write(compressor.flush())


def measure(command: list[str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, the error line) of one child process; the seconds are the reading
    alone when the child says how long that took, the whole process's otherwise."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    seconds = time.perf_counter() - started
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    peak = next((int(line.split()[1]) for line in lines if line.startswith("peak ")), 0)
    seconds = next((float(line.split()[1]) for line in lines if line.startswith("read ")), seconds)
    said = next((line for line in lines if "[E" in line), lines[0] if lines else "")
    return seconds, peak / 1024, said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=4.0)
    parser.add_argument("--keep", type=Path, help="write the bombs here and keep them")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bombs-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = int(args.gigabytes * (1 << 30))
    python = sys.executable
    seconds, rss, _ = measure([python, "-c", READER])
    print(f"empty reader process: {seconds:.2f} s, {rss:.0f} MB peak RSS")
    seconds, rss, _ = measure([python, "-c", CLI, "stats", "--db", str(folder / "empty.db")])
    print(f"CLI process on an empty store: {seconds:.2f} s, {rss:.0f} MB peak RSS")
    for suffix, head in HEADS.items():
        path = folder / f"bomb{suffix}"
        if not path.exists():
            write_bomb(path, head, size)
        print(f"\n{path.name}: {path.stat().st_size / 1e6:.1f} MB on disk, {size / 1e9:.1f} GB unpacked")
        seconds, rss, line = measure([python, "-c", READER, str(path)])
        print(f"  iter_inputs:       {seconds:5.2f} s reading, peak RSS {rss:4.0f} MB  {line[:100]}")
    for suffix in HEADS:
        path = folder / f"bomb{suffix}"
        seconds, rss, line = measure([python, "-c", CLI, "ingest", "-q", "--db", str(folder / "b.db"), str(path)])
        print(f"  storyworld ingest {path.name}: {seconds:5.2f} s (whole process), peak RSS {rss:4.0f} MB  "
              f"{line[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
