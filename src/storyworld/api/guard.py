"""What every request passes before a route runs, and what every response carries.

The threat is a browser on the same machine: a page on another site can make it send requests to
127.0.0.1 (a form posting ``text/plain``: a cross-site write), or point its own name at 127.0.0.1
(DNS rebinding: then the browser reads our answers as that site's). So the guard, one ASGI
middleware around the whole app:

- answers only to the Host names the server was started for (rebinding sends the attacker's name);
- refuses a write (any method but GET/HEAD) from another site (``Origin``, ``Referer``,
  ``Sec-Fetch-Site``) and one without the per-server token, which only a same-origin page (or a
  local script) can read from ``GET /api/token``;
- caps request bodies while they are read, chunked ones too, and the request rate per client;
- turns any exception a route did not expect into the error envelope (the traceback goes to the
  server's log, never to the client);
- adds the security headers (CSP without inline script, no framing, nosniff, referrer policy) to
  every response, refusals and crashes included.
"""

from __future__ import annotations

import hmac
import logging
import re
import threading
import time
from typing import Awaitable, Callable, Iterable, MutableMapping
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

from ..errors import Errors
from .errors import envelope

Scope = MutableMapping[str, object]
Message = MutableMapping[str, object]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger("storyworld.api")

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_HEADER = "X-Storyworld-Token"
TOKEN_PATH = "/api/token"
SAFE_METHODS = frozenset({"GET", "HEAD"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)
_HOST = re.compile(r"^(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9_.-]+))(?::(?P<port>[0-9]{1,5}))?$")


def host_name(value: str) -> str | None:
    """The name in a Host header or an origin's netloc ('[::1]:8000' -> '::1'), lower case and
    without a trailing dot; None when it is not a plain host[:port]."""
    match = _HOST.match(value.strip().lower())
    if match is None:
        return None
    return match["v6"] or match["name"].rstrip(".")


def netloc(url: str) -> str | None:
    """host[:port] of a URL in lower case; None when it does not parse ('http://[')."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return None


class RateLimiter:
    """A token bucket per client address: ``rate`` requests per second, bursts of ``burst``."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            return True


class Guard:
    """The ASGI middleware described in the module docstring; ``token`` is this server's write token."""

    def __init__(self, app, *, hosts: Iterable[str] = (), token: str, max_body_bytes: int, limiter: RateLimiter):
        self.app = app
        self.hosts = frozenset(LOCAL_HOSTS) | {name for name in map(host_name, hosts) if name}
        self.token = token
        self.max_body_bytes = max_body_bytes
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name.encode(), value.encode()) for name, value in SECURITY_HEADERS if name.encode() not in present]
            await send(message)

        method, path = str(scope["method"]), str(scope["path"])
        try:
            refusal = self.refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send_with_headers)
                return
            await self.app(scope, self.capped(receive, method, path), send_with_headers)
        except Exception as exc:  # the catch-all: whatever a route did not expect
            log.error("%s %r: %s: %s", method, path, type(exc).__name__, exc, exc_info=exc)  # %r: no raw escapes
            if started:  # the answer is half sent: only closing the connection is left
                raise
            answer = envelope(500, Errors.E606.format(method=method, path=path, kind=type(exc).__name__))
            await answer(scope, receive, send_with_headers)

    def refusal(self, scope: Scope):
        """The envelope that refuses this request before any route runs, or None to let it through."""
        method, path = str(scope["method"]), str(scope["path"])
        headers: dict[str, list[str]] = {}
        for name, value in scope["headers"]:  # type: ignore[union-attr]
            headers.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
        hosts = headers.get("host", [])
        host = hosts[0].strip().lower() if len(hosts) == 1 else ""
        if host_name(host) not in self.hosts:
            return envelope(400, Errors.E601.format(host=(hosts or [""])[0][:100]))
        client = scope["client"][0] if scope.get("client") else "?"  # type: ignore[index]
        if not self.limiter.allow(str(client)):
            return envelope(429, Errors.E605.format(method=method, path=path, client=client))
        length = headers.get("content-length", [None])[0]
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            return envelope(413, Errors.E604.format(method=method, path=path, limit=self.max_body_bytes))
        foreign = self.cross_site(headers, host, strict=method not in SAFE_METHODS or path == TOKEN_PATH)
        if foreign is not None:
            return envelope(403, Errors.E602.format(method=method, path=path, detail=foreign))
        if method not in SAFE_METHODS:
            given = headers.get(TOKEN_HEADER.lower(), [""])[0]
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return envelope(403, Errors.E603.format(method=method, path=path))
        return None

    @staticmethod
    def cross_site(headers: dict[str, list[str]], host: str, *, strict: bool) -> str | None:
        """Why the request comes from another site, or None. An ``Origin`` must be this server on
        any request; a write (and a read of the token) must also carry no foreign ``Referer`` or
        ``Sec-Fetch-Site``."""
        origin = headers.get("origin", [None])[0]
        if origin is not None and (origin == "null" or netloc(origin) != host):
            return f"Origin {origin[:100]!r} is not this server"
        if not strict:
            return None
        site = headers.get("sec-fetch-site", [None])[0]
        if site in ("cross-site", "same-site"):
            return f"the browser says it is {site}"
        referer = headers.get("referer", [None])[0]
        if origin is None and referer and netloc(referer) != host:
            return f"Referer {referer[:100]!r} is not this server"
        return None

    def capped(self, receive: Receive, method: str, path: str) -> Receive:
        """``receive`` that stops at the body cap: the 413 is raised as the bytes arrive, so a
        chunked body without Content-Length is never read past ``max_body_bytes``."""
        received = 0

        async def receive_capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))  # type: ignore[arg-type]
                if received > self.max_body_bytes:
                    raise HTTPException(413, Errors.E604.format(method=method, path=path, limit=self.max_body_bytes))
            return message

        return receive_capped
