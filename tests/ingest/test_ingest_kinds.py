"""Every input kind, end to end into a temporary store; bad inputs cost one line each."""

from __future__ import annotations

import io
import sqlite3
import sys

import pytest
from ingest.ingest_fixtures import (FRENCH_PAGE, article_page, article_text, rss_feed, write_jsonl,
                                    write_warc)

from storyworld.service import ingest
from storyworld.errors import InputError
from storyworld.ingest import iter_inputs


@pytest.fixture(scope="module")
def pipeline():
    from storyworld.pipeline import Pipeline

    return Pipeline()


def documents(store) -> dict[str, dict]:
    conn = sqlite3.connect(store.path)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT origin, url, outlet, title, published, published_source, status FROM documents")
    out = {row["origin"]: dict(row) for row in rows}
    conn.close()
    return out


def write_every_kind(folder):
    folder.mkdir()
    (folder / "harbour.txt").write_text(article_text("harbour"), "utf-8")
    (folder / "council.html").write_text(article_page("council", date="2024-03-06"), "utf-8")
    (folder / "courier.xml").write_text(rss_feed([
        ("flood", "https://courier.example/flood", "Fri, 05 Jul 2024 22:45:00 -0500"),
        ("talks", "https://courier.example/talks", "Mon, 08 Jul 2024 08:00:00 +0200"),
    ]), "utf-8")
    write_warc(folder / "crawl.warc.gz", [
        ("request", "", b""),
        ("response", "text/html; charset=utf-8", article_page("harvest").encode()),
        ("response", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        ("response", "text/html", article_page("museum", date="2024-05-18").encode()),
    ])
    write_jsonl(folder / "lines.jsonl", [
        {"text": article_text("rail"), "url": "https://rail.example/1", "title": "Rail walkout",
         "published": "2024-01-11", "outlet": "Rail Gazette"},
        "{not json",
        {"url": "https://rail.example/2"},
    ])


@pytest.mark.slow  # runs the spaCy model
def test_ingest_every_kind_end_to_end_and_idempotent(tmp_path, fresh_store, pipeline):
    write_every_kind(tmp_path / "in")
    report = ingest([tmp_path / "in"], store=fresh_store, pipeline=pipeline)
    assert report.added == 7, report
    assert len(report.failed) == 2, report.failed
    assert any("lines.jsonl" in line and "E012" in line and "line 2" in line for line in report.failed)
    assert any("lines.jsonl" in line and "E018" in line and "line 3" in line for line in report.failed)
    stored = documents(fresh_store)
    folder = tmp_path / "in"
    flood = stored[f"{folder}/courier.xml#1"]
    assert flood["url"] == "https://courier.example/flood" and flood["outlet"] == "The Daily Courier"
    assert flood["title"] == "Floods cut road links in northern Bangladesh"
    assert (flood["published"], flood["published_source"]) == ("2024-07-05", "feed")  # its own day, not UTC's
    assert stored[f"{folder}/courier.xml#2"]["published"] == "2024-07-08"
    warc = {k: v for k, v in stored.items() if "crawl.warc.gz#" in k}
    assert len(warc) == 2
    by_url = {v["url"]: v for v in warc.values()}
    harvest, museum = by_url["https://courier.example/story/1"], by_url["https://courier.example/story/3"]
    assert harvest["published_source"] == "warc-date"  # the page shows no date: the crawl date is the hint
    assert (museum["published"], museum["published_source"]) == ("2024-05-18", "html")  # the page's own date wins
    rail = stored[f"{folder}/lines.jsonl:1"]
    assert (rail["url"], rail["outlet"], rail["published"], rail["published_source"]) == (
        "https://rail.example/1", "Rail Gazette", "2024-01-11", "jsonl")
    assert stored[f"{folder}/council.html"]["published"] == "2024-03-06"

    again = ingest([tmp_path / "in"], store=fresh_store, pipeline=pipeline)
    assert (again.added, again.existing, len(again.failed)) == (0, 7, 2)
    assert len(documents(fresh_store)) == 7


@pytest.mark.slow  # runs the spaCy model
def test_ingest_bad_inputs_one_line_each_the_rest_goes_on(tmp_path, fresh_store, pipeline):
    first = tmp_path / "first.txt"
    first.write_text(article_text("talks"), "utf-8")
    assert ingest([first], store=fresh_store, pipeline=pipeline).added == 1

    bad = tmp_path / "bad"
    bad.mkdir()
    write_warc(bad / "cut.warc.gz", [("response", "text/html", article_page("harvest").encode()),
                                     ("response", "text/html", article_page("museum").encode())])
    data = (bad / "cut.warc.gz").read_bytes()
    (bad / "cut.warc.gz").write_bytes(data[: len(data) - 80])  # the second record's gzip member is cut short
    write_warc(bad / "broken.warc", [("response", "text/html", article_page("rail").encode()),
                                     ("response", "text/html", article_page("flood").encode())], gzipped=False)
    data = (bad / "broken.warc").read_bytes()
    second = data.index(b"WARC/1", 10)
    (bad / "broken.warc").write_bytes(data[:second] + b"NOT A WARC HEADER\r\n" + data[second + 8:])
    (bad / "feed.xml").write_text(article_page("council"), "utf-8")  # a web page saved as .xml
    with open(bad / "huge.html", "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    (bad / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (bad / "empty.html").write_text("<html><head><title>Nothing yet</title></head><body></body></html>", "utf-8")
    (bad / "french.html").write_text(FRENCH_PAGE, "utf-8")
    (bad / "good.txt").write_text(article_text("harbour"), "utf-8")

    report = ingest([bad], store=fresh_store, pipeline=pipeline)
    assert len(report.failed) == 6 and all("\n" not in line for line in report.failed), report.failed
    codes = {line.split(" ")[1].rstrip(":").rsplit("/", 1)[-1].split("#")[0]: line.split(" ")[0]
             for line in report.failed}
    assert codes == {"binary.html": "[E003]", "broken.warc": "[E011]", "cut.warc.gz": "[E010]", "empty.html": "[E006]",
                     "feed.xml": "[E017]", "huge.html": "[E005]"}, report.failed
    # the records before a broken one are kept; the French page is stored, not analysed (E008)
    assert (report.added, report.skipped) == (3, 1), report
    stored = documents(fresh_store)
    assert str(first) in stored  # nothing stored before is lost
    assert stored[f"{bad}/french.html"]["status"] == "skipped"
    assert any(k.startswith(f"{bad}/cut.warc.gz#") for k in stored)
    assert any(k.startswith(f"{bad}/broken.warc#") for k in stored)


def test_ingest_feed_entries_carry_the_entry_fields(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(rss_feed([("flood", "https://courier.example/flood", "Sat, 06 Jul 2024 01:15:00 +0600"),
                              ("rail", "https://courier.example/rail", "2024-07-02T23:30:00-04:00")]), "utf-8")
    first, second = list(iter_inputs([feed]))
    assert (first.origin, first.name, first.media_type) == ("feed", f"{feed}#1", "text/html")
    assert b"Sylhet" in first.raw and b"<p>" in first.raw
    assert (first.published, second.published) == ("2024-07-06", "2024-07-02")
    assert second.title == "Rail workers in Lyon stage one-day walkout" and second.outlet == "The Daily Courier"


def test_ingest_a_feed_is_recognised_by_its_content(tmp_path):
    disguised = tmp_path / "latest.txt"
    disguised.write_text(rss_feed([("talks", "https://courier.example/t", "Mon, 08 Jul 2024 08:00:00 GMT")]), "utf-8")
    (item,) = iter_inputs([disguised])
    assert item.origin == "feed" and item.name == f"{disguised}#1"


@pytest.mark.parametrize("text, detail", [
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Courier</title></chan', "unclosed token"),
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Courier</title></channel></rss>', "no entries"),
])
def test_ingest_broken_feed_is_one_error(tmp_path, text, detail):
    broken = tmp_path / "broken.rss"
    broken.write_text(text, "utf-8")
    (item,) = iter_inputs([broken])
    assert isinstance(item, InputError) and "[E017]" in str(item) and str(broken) in str(item)
    assert detail in str(item)


def test_ingest_jsonl_lines_are_named_file_and_line(tmp_path):
    lines = tmp_path / "batch.jsonl"
    write_jsonl(lines, [{"html": article_page("museum")}, [1, 2], "", {"text": "x", "published": "July 4"},
                        {"text": article_text("harvest"), "published": "2024-04-25T10:00:00+05:00"}])
    items = list(iter_inputs([lines]))
    assert [getattr(i, "name", None) or i.source for i in items] == [
        f"{lines}:1", f"{lines}:2", f"{lines}:4", f"{lines}:5"]
    assert items[0].media_type == "text/html" and items[3].media_type == "text/plain"
    assert "E012" in str(items[1]) and "E016" in str(items[2])
    assert items[3].published == "2024-04-25"


def test_ingest_jsonl_long_line_is_refused_alone(tmp_path):
    lines = tmp_path / "long.jsonl"
    write_jsonl(lines, [{"text": "word " * 400}, {"text": article_text("rail")}])
    items = list(iter_inputs([lines], max_bytes=1000))
    assert "E005" in str(items[0]) and items[0].source == f"{lines}:1"
    assert items[1].name == f"{lines}:2"


def test_ingest_warc_skips_other_records_and_names_offsets(tmp_path):
    warc = tmp_path / "w.warc"
    write_warc(warc, [("request", "", b""), ("response", "text/html", article_page("harbour").encode()),
                      ("response", "application/pdf", b"%PDF-1.4"), ("metadata", "", b""),
                      ("response", "text/plain; charset=iso-8859-1", "Caf\u00e9 owners in Lyon said \u2026"
                       .encode("latin-1", "replace"))], gzipped=False)
    items = list(iter_inputs([warc]))
    assert [i.origin for i in items] == ["warc", "warc"]
    offsets = [int(i.name.rsplit("#", 1)[1]) for i in items]
    assert offsets[0] > 0 and offsets[1] > offsets[0]
    assert warc.read_bytes()[offsets[0]:].startswith(b"WARC/1")
    assert items[1].media_type == "text/plain" and "Café".encode() in items[1].raw  # re-encoded as UTF-8


def test_ingest_stdin_is_sniffed(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(rss_feed([("talks", "https://courier.example/t", "Mon, 08 Jul 2024 08:00:00 GMT")]).encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    (item,) = iter_inputs(["-"])
    assert item.name == "<stdin>#1" and item.origin == "feed"
    Stdin.buffer = io.BytesIO(b'{"text": "Police in Nairobi said on Monday that protesters had dispersed."}\n')
    (item,) = iter_inputs(["-"])
    assert item.name == "<stdin>:1" and item.origin == "jsonl"
    Stdin.buffer = io.BytesIO(article_text("harbour").encode())
    (item,) = iter_inputs(["-"])
    assert item.name == "<stdin>" and item.origin == "stdin"


def test_ingest_count_files_is_what_iter_inputs_reads(tmp_path):
    from pathlib import Path

    from storyworld.ingest import count_files, iter_inputs

    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Another article.</p>", encoding="utf-8")
    (tmp_path / "sub" / "notes.docx").write_bytes(b"not read")
    (tmp_path / ".hidden.txt").write_text("Not read.", encoding="utf-8")
    (tmp_path / "items.jsonl").write_text('{"text": "First."}\n{"text": "Second."}\n', encoding="utf-8")
    started: list[str] = []
    items = list(iter_inputs([tmp_path, tmp_path / "a.txt"], on_file=lambda path: started.append(Path(path).name)))
    assert started == ["a.txt", "items.jsonl", "b.html", "a.txt"]  # as the folder is walked; a JSONL file once
    assert count_files([tmp_path, tmp_path / "a.txt"]) == len(started) == 4 and len(items) == 5
