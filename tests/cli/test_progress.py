"""Progress of `storyworld ingest`: files of a known total, articles/s and an ETA, and plain lines
every few seconds when stderr is not a terminal (a log must not stay silent for minutes)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyworld.cli import cli
from storyworld.cli.progress import PlainLines, Tally, clock


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_plain_lines_every_interval_with_rate_and_eta():
    time = FakeClock()
    tally = Tally(10, now=time)
    lines: list[str] = []
    plain = PlainLines(tally, lines.append, interval=5.0)
    for second in range(1, 13):  # one article a second, a file every two seconds
        time.now += 1
        tally.articles += 1
        tally.files = second // 2
        plain.update()
    plain.done()
    assert lines == [
        "progress: 2/10 files, 5 articles, 1.0 articles/s, ETA 0:00:20",
        "progress: 5/10 files, 10 articles, 1.0 articles/s, ETA 0:00:10",
        "progress: 6/10 files, 12 articles, 1.0 articles/s, ETA 0:00:08",
    ]


@pytest.mark.parametrize("seconds, text", [(0, "0:00:00"), (59.6, "0:01:00"), (3725, "1:02:05")])
def test_progress_clock(seconds, text):
    assert clock(seconds) == text


def test_progress_unknown_total_and_eta_before_the_first_file():
    tally = Tally(None, now=FakeClock())
    assert tally.line() == "progress: 0 files, 0 articles, 0.0 articles/s, ETA unknown"


def test_progress_cli_ingest_prints_plain_lines_off_a_terminal(tmp_path):
    folder = tmp_path / "fr"
    folder.mkdir()
    for i in range(3):  # in French: stored, not analysed, so no model loads
        (folder / f"article-{i}.txt").write_text(
            f"Le gouvernement a annoncé mardi {i} nouvelles mesures pour les agriculteurs de la région, "
            "qui manifestent depuis plusieurs semaines contre la baisse des prix.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--workers", "1", "--db", str(tmp_path / "s.db")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    last = [line for line in result.stderr.splitlines() if line.startswith("progress: ")][-1]
    assert last.startswith("progress: 3/3 files, 3 articles, ") and "articles/s, ETA 0:00:00" in last
