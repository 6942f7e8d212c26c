"""Progress of a long ingest: files done of a known total, articles/s and an ETA.

On a terminal, a rich progress bar. Otherwise (a log file, a pipe, a CI job) one plain line every
``interval`` seconds, so that a log never stays silent for minutes:

    progress: 12/31 files, 14 articles, 3.1 articles/s, ETA 0:00:06
"""

from __future__ import annotations

import time
from typing import Callable

INTERVAL = 5.0  # seconds between two plain progress lines


def clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Tally:
    """Files done (of ``total``), articles done, and what follows from them."""

    def __init__(self, total: int | None, *, now: Callable[[], float] = time.monotonic):
        self.total, self.now = total, now
        self.started = now()
        self.files = 0
        self.articles = 0

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        elapsed = self.now() - self.started
        return self.articles / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, from the rate at which files were done so far; None until one is."""
        if not self.total or not self.files:
            return None
        return (self.now() - self.started) / self.files * max(0, self.total - self.files)

    def line(self) -> str:
        files = f"{self.files}/{self.total}" if self.total else str(self.files)
        eta = clock(self.eta) if self.eta is not None else "unknown"
        return f"progress: {files} files, {self.articles} articles, {self.rate:.1f} articles/s, ETA {eta}"


class PlainLines:
    """Writes ``tally.line()`` through ``write`` at most every ``interval`` seconds, and once at the end."""

    def __init__(self, tally: Tally, write: Callable[[str], None], *, interval: float = INTERVAL):
        self.tally, self.write, self.interval = tally, write, interval
        self.last = tally.now()

    def update(self) -> None:
        if self.tally.now() - self.last >= self.interval:
            self.last = self.tally.now()
            self.write(self.tally.line())

    def done(self) -> None:
        self.write(self.tally.line())


class Display:
    """The progress an ingest shows: a rich bar on a terminal, plain lines elsewhere, or nothing."""

    def __init__(self, console, *, total: int | None, enabled: bool, interval: float = INTERVAL):
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console, self.tally = console, Tally(total)
        self.is_bar = enabled and console.is_terminal
        self.lines = PlainLines(self.tally, self._print, interval=interval) if enabled and not self.is_bar else None
        self.bar = Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(),
                            TextColumn("{task.completed}/{task.total} files" if total else "{task.completed} files"),
                            TextColumn("{task.fields[articles]} articles, {task.fields[rate]} articles/s"),
                            TimeElapsedColumn(), TextColumn("ETA {task.fields[eta]}"),
                            console=console, disable=not self.is_bar, transient=False)
        self.task = self.bar.add_task("ingesting", total=total, articles=0, rate="0.0", eta="unknown")

    def _print(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False)

    def print(self, line: str) -> None:
        """A line of its own (an error, a note) above the bar."""
        self.bar.console.print(line, markup=False, highlight=False)

    def __enter__(self) -> "Display":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)
        if self.lines is not None and exc[0] is None:
            self.lines.done()

    def article(self) -> None:
        self.tally.articles += 1
        self._refresh()

    def files(self, done: int) -> None:
        self.tally.files = done
        self._refresh()

    def _refresh(self) -> None:
        eta = clock(self.tally.eta) if self.tally.eta is not None else "unknown"
        self.bar.update(self.task, completed=self.tally.files, articles=self.tally.articles,
                        rate=f"{self.tally.rate:.1f}", eta=eta)
        if self.lines is not None:
            self.lines.update()
