"""Fuzz storyworld's readers and its analysis: any bytes in, a RawInput, an Analysis or a coded error out.

    .venv/bin/python tools/fuzz.py --seconds 3600                  # an hour over every target
    .venv/bin/python tools/fuzz.py --target files --count 50000    # one target, a number of inputs
    .venv/bin/python tools/fuzz.py --replay                        # the saved crashers (the tests do this)

Inputs are drawn by hypothesis: random bytes; valid inputs of every kind (a text, a page, a feed,
a WARC, JSON lines) mutated byte by byte (inserted, deleted, replaced, duplicated, cut short);
inputs built from hostile parts (lone surrogates, nesting 100,000 deep, a WARC record without its
URI or with a lying Content-Length, control characters and non-UTF-8 bytes in file names); any of
them gzipped, whole or truncated. The targets:

- ``files``: a file of any kind under any name through ``ingest.iter_inputs``, and each article
  it yields through the body step (``body.extract_document``);
- ``fetch``: a URL whose local server answers with fuzzed bytes (status line, headers such as a
  lying Content-Length, chunked encoding, gzip, redirects to odd places, and any payload);
- ``body``: bytes as one article (text or HTML) through the body step;
- ``analyze``: a text through ``storyworld.analyze_text`` (the model: slow);
- ``batch``: a folder of good articles among fuzzed files through ``service.ingest`` into a
  fresh store (the model: slowest): every good article must be stored.

A finding is an exception other than a StoryworldError escaping the target (``crash``), an E020
(a guard caught something nobody expected: a bug behind a coded line), a good article missing
from a batch (``lost``), an input that took more than ``--slow`` seconds (``slow``), or one that
ran past ``--hang`` seconds (``hang``: saved, its traceback printed, and the run ends, since
nothing can stop a C loop from the outside). Each is written to ``tests/fuzz/corpus/TARGET-SHA.SUFFIX`` and printed;
``tests/fuzz/test_fuzz.py`` replays that folder on every run, and runs each target briefly.
Hypothesis runs in rounds of ``--round`` examples, each with a fresh random seed, until the
count or the time is reached; it never shrinks (a fuzz run wants breadth; a crasher is small
enough to read as it is).
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import gzip
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fuzz" / "corpus"
MAX_BYTES = 1 << 20  # the readers' article cap while fuzzing: a fuzzed file stays small anyway
BUDGET = 20  # seconds per document for analyze and batch: the budget is under test too, and a run moves on

ARTICLE = ("Dock workers at the port of Mombasa ended a three-day strike on Tuesday after the Kenya Ports "
           "Authority agreed to review overtime pay, union officials said.\n\n\u201cWe have an agreement,\u201d said "
           "Joseph Otieno, secretary of the union, outside the harbour gates on Wednesday.\n\nShipping agents said "
           "more than forty vessels had been waiting at anchor since Sunday.")
GOOD = [ARTICLE,
        "Heavy rain flooded large parts of Sylhet division on Friday, cutting road links to dozens of villages, the "
        "disaster management ministry said. Rescue teams moved about twelve thousand people to shelters.",
        "Leeds city council voted on Wednesday to build eleven kilometres of new bus lanes along the main roads into "
        "the centre, ending a year of public consultation, councillors said.",
        "Train drivers in Lyon walked out for twenty-four hours on Thursday over a dispute about rosters, "
        "cancelling most regional services, the rail operator said.",
        "Delegations from Armenia and Azerbaijan resumed talks on the demarcation of their border in Geneva on "
        "Monday, the Swiss foreign ministry said in a statement."]


def _page(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return ("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Strike ends</title>"
            '<meta property="article:published_time" content="2024-03-05T09:30:00+00:00"></head><body><nav>'
            f"<a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>Strike ends</h1>{paragraphs}"
            "</article><footer>\u00a9 2024 The Courier. All rights reserved.</footer></body></html>")


def _feed(text: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>The Courier</title>'
            "<link>https://courier.example/</link><item><title>Strike ends</title>"
            "<link>https://courier.example/1</link><pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>"
            f"<content:encoded><![CDATA[{_page(text)}]]></content:encoded></item><item><title>Two</title>"
            "<description>&lt;p&gt;Short entry.&lt;/p&gt;</description></item></channel></rss>\n")


def _warc_record(payload: bytes, *, uri: str | None = "https://courier.example/1", length: int | None = None,
                 rec_type: str = "response", content_type: str = "text/html; charset=utf-8") -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + payload
    headers = [b"WARC/1.0", b"WARC-Type: " + rec_type.encode(), b"WARC-Date: 2024-03-05T10:00:00Z",
               b"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>",
               b"Content-Type: application/http; msgtype=response",
               b"Content-Length: " + str(len(block) if length is None else length).encode()]
    if uri is not None:
        headers.insert(2, b"WARC-Target-URI: " + uri.encode())
    return b"\r\n".join(headers) + b"\r\n\r\n" + block + b"\r\n\r\n"


def _jsonl(text: str) -> str:
    rows = [{"text": text, "url": "https://courier.example/2", "published": "2024-03-05", "outlet": "Courier"},
            {"html": _page(GOOD[1]), "title": "Floods"}]
    return "".join(json.dumps(r) + "\n" for r in rows)


SEEDS: dict[str, bytes] = {
    ".txt": ARTICLE.encode(),
    ".html": _page(ARTICLE).encode(),
    ".xml": _feed(ARTICLE).encode(),
    ".jsonl": _jsonl(ARTICLE).encode(),
    ".warc": _warc_record(_page(ARTICLE).encode()) + _warc_record(_page(GOOD[2]).encode(), uri=None),
}
SUFFIXES = [".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".warc", ".warc.gz", ".jsonl.gz",
            ".txt.gz", ".html.gz", ".xml.gz", ".gz", ".md", ""]
SAVED_SUFFIXES = SUFFIXES + [".http"]

# hostile parts, spliced in by the "built" strategy
PARTS = [b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x1f\x8b\x08", b"\r\n\r\n", b"\n", b"\\ud800",
         b'"\\udfff"', b"[" * 3000, b"{" * 3000, b'{"text": ', b"WARC/1.0\r\n", b"WARC-Type: response\r\n",
         b"Content-Length: 99999999999999999999\r\n", b"Content-Length: -5\r\n", b"HTTP/1.1 200 OK\r\n",
         b"<rss><channel><item>", b"</item>", b"<![CDATA[", b"]]>", b"&#xD800;", b"&#0;", b"<!DOCTYPE html>",
         b"<p>", b"</p>", b"<html>", b"\x1b[31m", "\u202e".encode(), "\u2028".encode(), b"\xc3", b"\xed\xa0\x80",
         b"<?xml version='1.0' encoding='utf-16'?>", b"<!ENTITY x 'xx'>", b"&x;", b"1e999999", b"9" * 5000,
         b"you " * 200, b" \t" * 500, b"%PDF-1.4"]


def _mutate(data: bytes, edits: list[tuple[int, str, bytes]]) -> bytes:
    for position, op, chunk in edits:
        at = position % (len(data) + 1)
        if op == "insert":
            data = data[:at] + chunk + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + len(chunk) + 1:]
        elif op == "replace":
            data = data[:at] + chunk + data[at + len(chunk):]
        elif op == "duplicate":
            data = data[:at] + data[at:at + 64] * (1 + len(chunk)) + data[at:]
        elif op == "cut":
            data = data[:at]
    return data


edits = st.lists(st.tuples(st.integers(0, 1 << 16), st.sampled_from(["insert", "delete", "replace", "duplicate",
                                                                      "cut"]),
                           st.binary(max_size=12) | st.sampled_from(PARTS)), max_size=6)
mutated = st.builds(lambda seed, e: _mutate(SEEDS[seed], e), st.sampled_from(sorted(SEEDS)), edits)
built = st.lists(st.sampled_from(PARTS) | st.binary(max_size=40) | st.sampled_from(list(SEEDS.values())),
                 max_size=12).map(b"".join)
hostile_json = st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
                            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                                st.sampled_from(["text", "html", "url", "title", "published", "outlet", "x"]),
                                inner, max_size=5), max_leaves=12)
json_lines = st.lists(hostile_json.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass"))
                      | st.sampled_from([b'{"text": "a \\ud800 b"}', b"[" * 100_000, b'{"html": 5}']),
                      max_size=5).map(b"\n".join)
payloads = mutated | built | st.binary(max_size=2048) | json_lines


@st.composite
def gzipped(draw, data: bytes) -> bytes:
    packed = gzip.compress(data, compresslevel=1)
    cut = draw(st.sampled_from([None, None, None, 0.5, 0.9]))
    return packed if cut is None else packed[: int(len(packed) * cut)]


@st.composite
def file_inputs(draw) -> tuple[str, bytes]:
    """(file name, bytes): a name of any kind, sometimes with odd characters, and a payload."""
    suffix = draw(st.sampled_from(SUFFIXES))
    data = draw(payloads)
    if suffix.endswith(".gz") or draw(st.integers(0, 9)) == 0:
        data = draw(gzipped(data))
    stem = draw(st.sampled_from(["article", "a\nb", "\x1b[31mred", "caf\udce9", "\u202eevil", "[/x]", "-"]))
    return stem + suffix, data


body_inputs = st.tuples(st.sampled_from(["text/plain", "text/html"]), payloads)
texts = (st.text(max_size=400) | st.builds(lambda seed, e: _mutate(seed.encode(), e).decode("utf-8", "replace"),
                                           st.sampled_from(GOOD + [_page(ARTICLE)]), edits))
analyze_inputs = st.tuples(st.booleans(), texts)
batch_inputs = st.lists(file_inputs(), min_size=1, max_size=4)
status_lines = st.sampled_from([b"HTTP/1.1 200 OK", b"HTTP/1.0 200 OK", b"HTTP/1.1 302 Found", b"HTTP/1.1 301 Moved",
                                b"HTTP/1.1 404 Not Found", b"HTTP/1.1 500 Oops", b"HTTP/1.1 999 ?", b"HTTP/9 200",
                                b"ICY 200 OK", b"", b"HTTP/1.1 200"])
header_lines = st.sampled_from([
    b"Content-Type: text/html; charset=utf-8", b"Content-Type: text/plain; charset=iso-8859-1",
    b"Content-Type: application/rss+xml", b"Content-Type: text/xml; charset=utf-16", b"Content-Type: image/png",
    b"Content-Type: text/html; charset=no-such-charset", b"Content-Type: ;;;", b"Content-Length: 5",
    b"Content-Length: 99999999999999999999", b"Content-Length: -1", b"Content-Length: x", b"Transfer-Encoding: chunked",
    b"Content-Encoding: gzip", b"Location: /again", b"Location: ftp://files.example/x", b"Location: file:///etc/passwd",
    b"Location: http://[::1]:99999/", b"Location: \x1b[31m", b"Location: //evil.example/", b"Connection: keep-alive",
    b"X-\xff: \xfe"]) | st.binary(max_size=30)
http_responses = st.builds(lambda status, headers, body: status + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + body,
                           status_lines, st.lists(header_lines, max_size=6), payloads)


@dataclass
class Finding:
    target: str
    kind: str  # crash | unexpected | lost | slow | hang
    detail: str
    files: list[tuple[str, bytes]]  # (name, bytes): one, or a batch's fuzzed files

    def save(self, folder: Path = CORPUS) -> Path:
        """``TARGET-SHA.SUFFIX``; a batch's files as ``batch-SHA-N.SUFFIX``, replayed together."""
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(b"\0".join(data for _, data in self.files)).hexdigest()[:12]
        paths = []
        for number, (name, data) in enumerate(self.files, start=1):
            stem = f"{self.target}-{digest}" + (f"-{number}" if self.target == "batch" else "")
            paths.append(folder / (stem + _suffix(name)))
            paths[-1].write_bytes(data)
        return paths[0]


def _suffix(name: str) -> str:
    name = Path(name.replace("\n", "_")).name
    for suffix in sorted(SAVED_SUFFIXES, key=len, reverse=True):
        if suffix and name.endswith(suffix):
            return suffix
    return ".bin"


def _unexpected(items) -> str | None:
    from storyworld.errors import InputError

    for item in items:
        if isinstance(item, InputError) and str(item).startswith("[E020]"):
            return str(item)
    return None


class Targets:
    """The check for each target: None when the input came out as a value or a coded error."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="storyworld-fuzz-"))
        self._pipeline = None

    @property
    def pipeline(self):
        if self._pipeline is None:
            from storyworld.pipeline import Pipeline

            self._pipeline = Pipeline(max_seconds=BUDGET)
        return self._pipeline

    def _write(self, name: str, data: bytes, folder: Path | None = None) -> Path:
        folder = folder or self.folder
        path = Path(os.fsdecode(os.fsencode(folder) + b"/" + os.fsencode(name.replace("/", "_"))))
        path.write_bytes(data)
        return path

    def files(self, example: tuple[str, bytes]) -> Finding | None:
        from storyworld.body import extract_document
        from storyworld.errors import InputError, StoryworldError
        from storyworld.ingest import iter_inputs
        from storyworld.types import RawInput

        name, data = example
        path = self._write(name, data)
        try:
            items = list(iter_inputs([path], max_bytes=MAX_BYTES))
            for item in items:
                if not isinstance(item, (RawInput, InputError)):
                    return Finding("files", "crash", f"yielded a {type(item).__name__}", [example])
                if isinstance(item, RawInput):
                    with contextlib.suppress(StoryworldError):
                        extract_document(item)
        except Exception:
            return Finding("files", "crash", traceback.format_exc(limit=-3), [example])
        finally:
            path.unlink()
        found = _unexpected(items)
        return Finding("files", "unexpected", found, [example]) if found else None

    def fetch(self, example: bytes) -> Finding | None:
        """A local server answers one request (and any redirect) with ``example`` as it is."""
        from storyworld.body import extract_document
        from storyworld.errors import InputError, StoryworldError
        from storyworld.ingest import fetch_policy, iter_inputs
        from storyworld.types import RawInput

        url = self.server(example)
        try:
            with fetch_policy(allow_private_networks=True, deadline=5.0, timeout=5.0):
                items = list(iter_inputs([url], max_bytes=MAX_BYTES))
            for item in items:
                if not isinstance(item, (RawInput, InputError)):
                    return Finding("fetch", "crash", f"yielded a {type(item).__name__}", [("response.http", example)])
                if isinstance(item, RawInput):
                    with contextlib.suppress(StoryworldError):
                        extract_document(item)
        except Exception:
            return Finding("fetch", "crash", traceback.format_exc(limit=-3), [("response.http", example)])
        found = _unexpected(items)
        return Finding("fetch", "unexpected", found, [("response.http", example)]) if found else None

    def server(self, response: bytes) -> str:
        """The URL of a local server that answers every request with ``response`` and closes."""
        import socketserver

        if getattr(self, "_server", None) is None:
            targets = self

            class Answer(socketserver.BaseRequestHandler):
                def handle(self):
                    self.request.settimeout(5)
                    with contextlib.suppress(OSError):
                        received = b""
                        while b"\r\n\r\n" not in received and len(received) < 65536:
                            chunk = self.request.recv(4096)
                            if not chunk:
                                break
                            received += chunk
                        self.request.sendall(targets.response)

            socketserver.ThreadingTCPServer.daemon_threads = True
            self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Answer)
            threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.response = response
        return f"http://127.0.0.1:{self._server.server_address[1]}/article.html"

    def body(self, example: tuple[str, bytes]) -> Finding | None:
        from storyworld.body import extract_document
        from storyworld.errors import StoryworldError
        from storyworld.types import RawInput

        media_type, data = example
        name = "page.html" if media_type == "text/html" else "text.txt"
        try:
            extract_document(RawInput(origin="text", name=name, raw=data, media_type=media_type))
        except StoryworldError:
            return None
        except Exception:
            return Finding("body", "crash", traceback.format_exc(limit=-3), [(name, data)])
        return None

    def analyze(self, example: tuple[bool, str]) -> Finding | None:
        from storyworld import analyze_text
        from storyworld.errors import StoryworldError

        html, text = example
        name = "text.html" if html else "text.txt"
        data = text.encode("utf-8", "surrogatepass")
        try:
            analyze_text(text, html=html, pipeline=self.pipeline)
        except StoryworldError as exc:
            if str(exc).startswith("[E020]"):
                return Finding("analyze", "unexpected", str(exc), [(name, data)])
        except Exception:
            return Finding("analyze", "crash", traceback.format_exc(limit=-3), [(name, data)])
        return None

    def batch(self, example: list[tuple[str, bytes]]) -> Finding | None:
        from storyworld.body import extract_document
        from storyworld.ingest import read_bytes_input
        from storyworld.service import ingest
        from storyworld.store import Store

        self.batch_files = getattr(self, "batch_files", 0) + len(example)
        folder = Path(tempfile.mkdtemp(dir=self.folder))
        for i, text in enumerate(GOOD):
            self._write(f"good-{i}.txt", text.encode(), folder)
        for i, (name, data) in enumerate(example):  # sorted among the good ones by the walk
            self._write(f"{'abcdefgh'[i]}-{name}", data, folder)
        # a good article is kept when its document is stored, under its own name or, when a
        # fuzzed file holds the same text and came first, under that file's
        good = {extract_document(read_bytes_input(text.encode(), name=f"good-{i}.txt")).id: f"good-{i}.txt"
                for i, text in enumerate(GOOD)}
        try:
            with Store.open(folder / "store.db") as store:
                report = ingest([folder], store=store, pipeline=self.pipeline)
            stored = _stored_ids(folder / "store.db")
        except Exception:
            return Finding("batch", "crash", traceback.format_exc(limit=-3), list(example))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        lost = sorted(name for document_id, name in good.items() if document_id not in stored)
        if lost:
            return Finding("batch", "lost", f"good articles lost: {lost}; failed: {report.failed}", list(example))
        found = next((line for line in report.failed if line.startswith("[E020]")), None)
        return Finding("batch", "unexpected", found, list(example)) if found else None


def _stored_ids(path: Path) -> set[str]:
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM documents")}


STRATEGIES = {"files": file_inputs(), "fetch": http_responses, "body": body_inputs, "analyze": analyze_inputs,
              "batch": batch_inputs}


def run(target: str, *, count: int, seconds: float, round_size: int, targets: Targets, findings: list[Finding],
        slow: float = 45.0, hang: float = 300.0) -> int:
    """Fuzz one target until ``count`` inputs or ``seconds``; the number of inputs tried."""
    check = getattr(targets, target)
    tried = 0
    started = time.monotonic()

    def found(finding: Finding) -> None:
        path = finding.save()
        findings.append(finding)
        print(f"{finding.kind}: {target} {path.name}: {finding.detail.strip().splitlines()[-1]}", flush=True)

    @settings(max_examples=round_size, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(STRATEGIES[target])
    def one(example):
        nonlocal tried
        if tried >= count or time.monotonic() - started > seconds:
            return
        tried += 1
        watchdog = threading.Timer(hang, _hung, (target, example))
        watchdog.daemon = True
        watchdog.start()
        began = time.monotonic()
        try:
            finding = check(example)
        finally:
            watchdog.cancel()
        took = time.monotonic() - began
        if finding is None and took > slow:
            finding = Finding(target, "slow", f"took {took:.1f} s", _named(target, example))
        if finding is not None:
            found(finding)

    while tried < count and time.monotonic() - started < seconds:
        before = tried
        one()
        if tried == before:
            break
    return tried


def _named(target: str, example) -> list[tuple[str, bytes]]:
    """The files to save for one example of ``target``."""
    if target == "files":
        return [example]
    if target == "fetch":
        return [("response.http", example)]
    if target == "body":
        return [("page.html" if example[0] == "text/html" else "text.txt", example[1])]
    if target == "analyze":
        return [("text.html" if example[0] else "text.txt", example[1].encode("utf-8", "surrogatepass"))]
    return list(example)


def _hung(target: str, example) -> None:
    path = Finding(target, "hang", "", _named(target, example)).save()
    print(f"hang: {target} {path.name}: still running; where it is:", flush=True)
    faulthandler.dump_traceback(all_threads=True)
    os._exit(3)


def replay(folder: Path = CORPUS, *, only: str | None = None) -> list[tuple[Path, Finding]]:
    """Every saved input (or the one named ``only``; a batch by any of its files) through its
    target again; the findings that are still findings."""
    targets = Targets()
    failures = []
    done: set[str] = set()
    for path in sorted(folder.glob(only or "*-*")):
        target = path.name.split("-", 1)[0]
        data = path.read_bytes()
        suffix = _suffix(path.name)
        if target == "files":
            finding = targets.files((f"replay{suffix}", data))
        elif target == "fetch":
            finding = targets.fetch(data)
        elif target == "body":
            finding = targets.body(("text/html" if "htm" in suffix else "text/plain", data))
        elif target == "analyze":
            finding = targets.analyze(("htm" in suffix, data.decode("utf-8", "surrogatepass")))
        elif target == "batch":
            group = path.name.rsplit("-", 1)[0] if path.name.count("-") >= 2 else path.name
            if group in done:
                continue
            done.add(group)
            members = sorted(folder.glob(group + "-*")) or [path]
            finding = targets.batch([(f"replay{_suffix(p.name)}", p.read_bytes()) for p in members])
        else:
            continue
        if finding is not None:
            failures.append((path, finding))
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", action="append", choices=sorted(STRATEGIES),
                        help="repeatable; default: every target")
    parser.add_argument("--count", type=int, default=10**9, help="inputs per target")
    parser.add_argument("--seconds", type=float, default=60.0, help="time per target")
    parser.add_argument("--round", dest="round_size", type=int, default=2000, help="examples per hypothesis round")
    parser.add_argument("--slow", type=float, default=45.0,
                        help="seconds after which an input is a finding (the fuzzed pipeline's budget is 20)")
    parser.add_argument("--hang", type=float, default=300.0, help="seconds after which the run stops on an input")
    parser.add_argument("--replay", action="store_true", help="replay tests/fuzz/corpus instead")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.replay:
        failures = replay()
        for path, finding in failures:
            print(f"{finding.kind}: {path.name}: {finding.detail.strip().splitlines()[-1]}")
        print(f"replayed {len(list(CORPUS.glob('*-*')))} saved inputs: {len(failures)} still fail")
        return 1 if failures else 0
    targets, findings, total = Targets(), [], 0
    for target in args.target or list(STRATEGIES):
        started = time.monotonic()
        tried = run(target, count=args.count, seconds=args.seconds, round_size=args.round_size, targets=targets,
                    findings=findings, slow=args.slow, hang=args.hang)
        total += tried
        mine = [f for f in findings if f.target == target]
        counts = ", ".join(f"{sum(f.kind == kind for f in mine)} {kind}" for kind in ("crash", "unexpected", "lost",
                                                                                        "slow"))
        among = (f" ({targets.batch_files} fuzzed files among {tried * len(GOOD)} good articles)"
                 if target == "batch" else "")
        print(f"{target}: {tried} inputs{among} in {time.monotonic() - started:.0f} s; findings: {counts}", flush=True)
    print(f"total: {total} inputs, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
