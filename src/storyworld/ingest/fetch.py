"""URLs on the command line → the page's bytes (urllib). The only module that touches the network.

Guards, on the first request and on every redirect:

- http and https only; no proxies (a proxy would hide where a request really goes);
- the host is resolved with ``socket.getaddrinfo`` and *every* address is checked with ``ipaddress``:
  loopback, private, link-local, shared, multicast, unspecified and reserved addresses are refused
  (E013) unless ``FetchPolicy.allow_private_networks``; the connection is then made to one of the
  addresses that were checked, so a second DNS answer cannot swap in another one;
- at most ``max_redirects`` redirects, ``timeout`` seconds per socket operation, and
  ``deadline`` seconds for the whole fetch (E023): a watchdog timer shuts the fetch's sockets
  down when it passes, so a server that sends one byte every few seconds, which never trips the
  per-read timeout, cannot keep an ingest waiting; a redirect to anything but http(s) is not
  followed (E024);
- the body is capped at ``max_bytes`` (Content-Length first, then while reading: E005);
- the content type must be an HTML page, plain text or a feed (E014 otherwise).

The policy travels in a context variable so that callers that go through ``iter_inputs`` (the
library's ``ingest()``, the CLI) can set it without threading it through every signature::

    with fetch_policy(allow_private_networks=True):
        ingest(["http://127.0.0.1:8000/page.html"], store=store)
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Iterator

from ..errors import Errors, InputError, printable
from ..settings import default

USER_AGENT = "storyworld/0.1 (+https://github.com/storyworld; news analysis, one page at a time)"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+xml"}


@dataclass(frozen=True)
class FetchPolicy:
    allow_private_networks: bool = default("fetch.allow_private_networks")
    timeout: float = 20.0  # seconds, per connect and per read
    max_redirects: int = 5
    deadline: float = default("fetch.deadline_seconds")  # seconds for the whole fetch, redirects included


_POLICY: ContextVar[FetchPolicy] = ContextVar("storyworld_fetch_policy", default=FetchPolicy())


def current_policy() -> FetchPolicy:
    return _POLICY.get()


@contextmanager
def fetch_policy(**changes) -> Iterator[FetchPolicy]:
    """Within the block, URL fetches follow the current policy with ``changes`` applied."""
    policy = replace(_POLICY.get(), **changes)
    token = _POLICY.set(policy)
    try:
        yield policy
    finally:
        _POLICY.reset(token)


def is_url(value: object) -> bool:
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    raw: bytes
    content_type: str  # "text/html", … (lower case, no parameters)
    charset: str | None


class _Refused(OSError):
    """A destination the policy forbids (raised inside connect, so urllib wraps it in URLError)."""


class _NotHttp(OSError):
    """A redirect to a scheme other than http(s) (ftp:, file:, data:): not followed."""

    def __init__(self, target: str):
        super().__init__(f"redirect to {target!r}")
        self.target = target


class _Watchdog:
    """Shuts down every socket of one fetch once its deadline passes; a blocked read then returns
    at once. The sockets are shut down, not closed: their owners close them as usual."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:  # the plain socket's shutdown, on an SSL socket too: the TLS layer then sees the end
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:  # closed already
            pass


def is_refused_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local, shared (CGNAT), multicast, unspecified or reserved."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (not ip.is_global or ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


def checked_addresses(host: str, port: int, *, allow_private_networks: bool) -> list[tuple]:
    """``getaddrinfo`` answers for host:port, refused as a whole if any address is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from exc
    if not infos:
        raise OSError(f"cannot resolve {host}")
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if not allow_private_networks and is_refused_address(ip):
            raise _Refused(f"{host} resolves to {ip}, a loopback, private, link-local or reserved address")
    return infos


def _guarded_create_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, *,
                               allow_private_networks: bool):
    host, port = address
    last: OSError | None = None
    for family, type_, proto, _, sockaddr in checked_addresses(host, port,
                                                               allow_private_networks=allow_private_networks):
        sock = socket.socket(family, type_, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError(f"cannot connect to {host}")


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, allow_private_networks: bool = False, watchdog: _Watchdog | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(_guarded_create_connection,
                                                    allow_private_networks=allow_private_networks)
        self._watchdog = watchdog

    def connect(self):
        super().connect()
        if self._watchdog is not None:
            self._watchdog.watch(self.sock)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, allow_private_networks: bool = False, watchdog: _Watchdog | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(_guarded_create_connection,
                                                    allow_private_networks=allow_private_networks)
        self._watchdog = watchdog

    def connect(self):
        super().connect()  # the TLS handshake included: a drip there is a read like any other
        if self._watchdog is not None:
            self._watchdog.watch(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, policy: FetchPolicy, watchdog: _Watchdog | None):
        super().__init__()
        self.policy, self.watchdog = policy, watchdog

    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req, allow_private_networks=self.policy.allow_private_networks,
                            watchdog=self.watchdog)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, policy: FetchPolicy, watchdog: _Watchdog | None):
        super().__init__()
        self.policy, self.watchdog = policy, watchdog

    def https_open(self, req):
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context,
                            allow_private_networks=self.policy.allow_private_networks, watchdog=self.watchdog)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def __init__(self, policy: FetchPolicy):
        super().__init__()
        self.max_redirections = policy.max_redirects

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(urllib.parse.urljoin(req.full_url, newurl)):
            raise _NotHttp(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req, fp, code, msg, headers):
        # urllib reads a redirect's body whole before following it: a server could send gigabytes
        # (or a Content-Length past any integer); it is closed unread instead
        fp.read = lambda *args, **kwargs: b""
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(policy: FetchPolicy, watchdog: _Watchdog | None = None) -> urllib.request.OpenerDirector:
    """Only our handlers: no proxy, file:, ftp: or data: handler is ever consulted."""
    opener = urllib.request.OpenerDirector()
    for handler in (_HTTPHandler(policy, watchdog), _HTTPSHandler(policy, watchdog), _RedirectHandler(policy),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _refusal(exc: object) -> _Refused | _NotHttp | None:
    while isinstance(exc, BaseException):
        if isinstance(exc, (_Refused, _NotHttp)):
            return exc
        exc = getattr(exc, "reason", None) if isinstance(exc, urllib.error.URLError) else exc.__cause__
    return None


def fetch_url(url: str, *, max_bytes: int, policy: FetchPolicy | None = None) -> FetchedPage:
    """GET ``url`` under ``policy`` (the context's by default); InputError E005/E013/E014 on refusal."""
    policy = policy or current_policy()
    name = printable(url)
    try:
        parts = urllib.parse.urlsplit(url)
        hostname = parts.hostname
    except ValueError as exc:  # a bracketed host that is no IPv6 address, a bad port
        raise InputError(Errors.E014.format(name=name, detail=printable(str(exc))), source=name) from None
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        raise InputError(Errors.E014.format(name=name, detail="not an http(s) URL with a host"), source=name)
    request = urllib.request.Request(url.strip(), headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                   "Accept": "text/html, application/xhtml+xml, text/plain, "
                                                             "application/rss+xml, application/atom+xml, */*;q=0.1"})
    watchdog = _Watchdog(policy.deadline)
    try:
        with watchdog, _opener(policy, watchdog).open(request, timeout=policy.timeout) as response:
            content_type = response.headers.get_content_type().lower()
            charset = response.headers.get_content_charset()
            if content_type not in HTML_TYPES | TEXT_TYPES | FEED_TYPES:
                raise InputError(Errors.E014.format(
                    name=name, detail=f"content type {content_type} is not an HTML page, text or a feed"), source=name)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(Errors.E005.format(name=name, size=int(length), limit=max_bytes), source=name)
            raw = _read_body(response, max_bytes=max_bytes, watchdog=watchdog)
            if len(raw) > max_bytes:
                raise InputError(Errors.E005.format(name=name, size=f"more than {max_bytes}", limit=max_bytes),
                                 source=name)
            final_url = response.geturl()
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        if watchdog.expired:
            raise InputError(Errors.E023.format(name=name, limit=policy.deadline), source=name) from None
        raise InputError(Errors.E014.format(name=name, detail=f"HTTP {exc.code} {exc.reason}"), source=name) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError, OverflowError) as exc:
        if watchdog.expired:
            raise InputError(Errors.E023.format(name=name, limit=policy.deadline), source=name) from None
        refused = _refusal(exc)
        if isinstance(refused, _NotHttp):
            raise InputError(Errors.E024.format(name=name, target=printable(refused.target)[:200]),
                             source=name) from None
        if refused is not None:
            raise InputError(Errors.E013.format(name=name, detail=printable(str(refused))), source=name) from None
        detail = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise InputError(Errors.E014.format(name=name, detail=printable(str(detail or type(exc).__name__))),
                         source=name) from None
    return FetchedPage(url=final_url, raw=raw, content_type=content_type, charset=charset)


def _read_body(response, *, max_bytes: int, watchdog: _Watchdog) -> bytes:
    """Up to ``max_bytes + 1`` bytes of the body; E023 when the deadline cut it short."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = response.read(min(65536, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if watchdog.expired:  # the shut socket reads as the end of the body: it is not
        raise OSError("deadline passed")
    return b"".join(chunks)
