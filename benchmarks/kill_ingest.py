"""Kill -9 during ingest, resume, compare (issue 25's crash-safety target).

    .venv/bin/python benchmarks/kill_ingest.py --kills 50          # the full run (about 15 min on 2 cores)
    .venv/bin/python benchmarks/kill_ingest.py --kills 3 --seed 1  # the short version (a `slow` test)

The corpus: the demo articles with their metadata, plus a few copies with changes of our own (a
near-duplicate with a sentence added, one with a word changed, an exact copy under another name)
and a 120-line monthly log (``long_article.py``: its transaction is the longest). One clean
``storyworld ingest`` gives the reference store and its duration. Then, for each trial, a fresh
store: ``storyworld ingest`` is started, killed with SIGKILL, started and killed again (one to
three kills per trial), and finally run to completion; the store must then equal the clean one
exactly (``store.content``: documents, their parts, events, claims, sources, signatures,
incidents with their reports and summaries; only row ids and write times are left out), and
``storyworld check`` must find nothing.

Kill points follow the run's progress, not the clock: each waits until a random number of
documents is committed (from those a killed run left to the last), then half of them wait a
random moment (up to 0.3 s) and the other half for a moment when the ingest holds the store's
write lock (a document is being written: probed with a BEGIN IMMEDIATE that must fail), so that
kills inside a transaction are not left to chance. Prints each trial and
a summary: kill points, how many fell inside a write transaction, how many stores equalled the
clean one. Exit status 1 if any did not.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from long_article import long_article  # noqa: E402

from storyworld.store import Store  # noqa: E402
from storyworld.store.content import differences, store_content  # noqa: E402

DEMO = ROOT / "demo"


def build_corpus(folder: Path) -> Path:
    """The demo articles and metadata, three changed copies and one long log; the folder."""
    articles = folder / "articles"
    shutil.copytree(DEMO / "articles", articles)
    shutil.copy(DEMO / "meta.csv", folder / "meta.csv")
    goma = (DEMO / "articles" / "sw-goma-1.txt").read_text("utf-8")
    (articles / "zz-goma-reprint.txt").write_text(goma + "\nThis report was republished under licence.\n", "utf-8")
    kharkiv = (DEMO / "articles" / "sw-kharkiv-1.txt").read_text("utf-8")
    (articles / "zz-kharkiv-edited.txt").write_text(kharkiv.replace(" the ", " The ", 1), "utf-8")
    shutil.copy(DEMO / "articles" / "sw-talks.txt", articles / "zz-talks-same.txt")
    (articles / "zz-monthly-log.txt").write_text(long_article(lines=120, seed=7), "utf-8")
    (folder / "meta-extra.csv").write_text(
        "file,outlet,published,url,title\n"
        "zz-goma-reprint.txt,Lakes Digest,2025-05-18,https://lakesdigest.example/goma,Camp near Goma shelled\n"
        "zz-monthly-log.txt,Sahel Monitor,2024-04-01,https://sahelmonitor.example/log,Monthly security log\n",
        "utf-8")
    return folder


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "storyworld", "ingest", str(corpus / "articles"), "--meta", str(corpus),
            "--db", str(db), "-q"]


def run_env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def clean_run(corpus: Path, db: Path) -> tuple[float, float]:
    """Ingest to completion; (seconds to the first stored document, seconds in all)."""
    start = time.monotonic()
    process = subprocess.Popen(ingest_command(corpus, db), env=run_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    first = None
    while process.poll() is None:
        if first is None and documents(db) > 0:
            first = time.monotonic() - start
        time.sleep(0.02)
    if process.returncode != 0:
        raise SystemExit(f"the clean run failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
    total = time.monotonic() - start
    return first or total, total


def documents(db: Path) -> int:
    """Committed documents (0 while the file or its tables do not exist yet)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def write_lock_held(db: Path) -> bool:
    """Whether another connection holds the write lock: our BEGIN IMMEDIATE fails at once."""
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(str(db), timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc) or "busy" in str(exc)
    finally:
        conn.close()


def kill_once(corpus: Path, db: Path, *, rng: random.Random, stored_in_all: int, targeted: bool) -> str:
    """Start an ingest and SIGKILL it at a random point of its progress: once a random number of
    documents (from those already stored to the last) is committed, after a random delay of up
    to 0.3 s, or (targeted) at the first moment after that when it holds the write lock; where the
    kill fell. Points follow progress, not the clock, so a loaded machine moves them nowhere."""
    already = documents(db)
    goal = rng.randrange(already, stored_in_all)
    process = subprocess.Popen(ingest_command(corpus, db), env=run_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while process.poll() is None and (documents(db) < goal or (goal == already and not write_lock_held(db))):
        time.sleep(0.005)
    delay = time.monotonic() + rng.uniform(0, 0.3)
    inside = False
    while process.poll() is None:
        if targeted and write_lock_held(db):
            inside = True
            break
        if not targeted and time.monotonic() >= delay:
            break
        time.sleep(0.001 if targeted else 0.005)
    if process.poll() is not None:
        return "finished before the kill"
    process.send_signal(signal.SIGKILL)
    process.wait()
    return "inside a write transaction" if inside else f"after document {goal}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="kill points in all (at least)")
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--workdir", type=Path, help="where the corpus and stores go (default: a temporary folder)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="storyworld-kill-"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(workdir / "corpus") if not (workdir / "corpus").exists() else workdir / "corpus"
    started = time.monotonic()
    clean_db = workdir / "clean.db"
    for stale in workdir.glob("*.db*"):
        stale.unlink()
    first, total = clean_run(corpus, clean_db)
    with Store.open(clean_db) as store:
        reference = store_content(store)
    print(f"clean run: {total:.1f} s (first document stored at {first:.1f} s); "
          f"{len(reference['documents'])} documents, {len(reference['events'])} events, "
          f"{len(reference['incidents'])} incidents", flush=True)
    stored_in_all = len(reference["documents"])
    kills, inside, midway, equal, trials = 0, 0, 0, 0, 0
    while kills < args.kills:
        trials += 1
        db = workdir / f"trial-{trials}.db"
        where = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            if documents(db) >= stored_in_all:
                break  # nothing left to write: a later kill would only interrupt reading
            outcome = kill_once(corpus, db, rng=rng, stored_in_all=stored_in_all, targeted=rng.random() < 0.5)
            stored = documents(db)
            if outcome != "finished before the kill":
                kills += 1
                inside += outcome == "inside a write transaction"
                midway += 0 < stored < stored_in_all
            where.append(f"{outcome} ({stored} documents stored)")
        before = workdir / f"trial-{trials}-as-killed"  # kept when the trial fails, to replay the resume
        before.mkdir()
        for path in workdir.glob(f"trial-{trials}.db*"):
            shutil.copy(path, before / path.name)
        resumed = subprocess.run(ingest_command(corpus, db), env=run_env(), capture_output=True, text=True)
        with Store.open(db) as store:
            diff = differences(reference, store_content(store))
        checked = subprocess.run([sys.executable, "-m", "storyworld", "check", "--db", str(db)], env=run_env(),
                                 capture_output=True, text=True)
        same = resumed.returncode == 0 and not diff and checked.returncode == 0
        equal += same
        print(f"trial {trials}: killed {'; '.join(where)}; resumed (exit {resumed.returncode}), check exit "
              f"{checked.returncode}: {'equal to the clean run' if same else 'DIFFERENT'}", flush=True)
        if resumed.returncode != 0:
            print(f"    the resumed run said: {resumed.stdout.strip()[-500:]} {resumed.stderr.strip()[-3000:]}", flush=True)
        for line in diff:
            print(f"    {line}", flush=True)
        if same:
            for path in workdir.glob(f"trial-{trials}.db*"):
                path.unlink()
            shutil.rmtree(before)
    print(f"{kills} kill points in {trials} trials ({inside} inside a write transaction, {midway} with some but not "
          f"all documents stored): {equal} of {trials} "
          f"resumed stores equal to the clean run; {time.monotonic() - started:.0f} s in all", flush=True)
    if not args.workdir and equal == trials:
        shutil.rmtree(workdir)
    return 0 if equal == trials else 1


if __name__ == "__main__":
    sys.exit(main())
