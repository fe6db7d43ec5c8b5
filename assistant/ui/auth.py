"""Password protection for the web app: one account, failed logins rate-limited per client.

Failures count against the address they came from (5 in 5 minutes) and against the username
(20 in 5 minutes from addresses that never logged in as it), so a stranger who types wrong
passwords slows down only themselves: the editor, from an address that logged in before or with a
session already open, is never refused for someone else's failures.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

MAX_FAILURES = 5  # from one client address within WINDOW_SECONDS
MAX_USERNAME_FAILURES = 20  # for one username, from addresses it never logged in from
WINDOW_SECONDS = 300.0
_MAX_TRACKED = 10_000  # addresses and usernames remembered at once (the oldest are forgotten)


@dataclass(frozen=True)
class LoginClient:
    """Who is trying to log in: the client's address, and whether it holds a session already."""

    address: str = "unknown"
    logged_in: bool = False


_UNKNOWN = LoginClient()
_CLIENT: ContextVar[LoginClient | None] = ContextVar("newsdesk_login_client", default=None)


class LoginGuard:
    """Gradio's `auth` callable: checks the password; refuses with HTTP 429 ("too many attempts,
    try again in N s") a client address with MAX_FAILURES recent failures, and a username with
    MAX_USERNAME_FAILURES unless the client logged in as it before."""

    def __init__(
        self,
        username: str,
        password: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._username = username.encode()
        self._password = password.encode()
        self._clock = clock
        self._by_address: dict[str, deque[float]] = {}
        self._by_username: dict[str, deque[float]] = {}
        self._known: dict[tuple[str, str], float] = {}  # (address, username) that logged in
        self._lock = threading.Lock()

    def retry_after(self, client: LoginClient, username: str = "") -> int:
        """Seconds until `client` may try again (0: now)."""
        with self._lock:
            return self._retry_after(client, username)

    def __call__(self, username: str, password: str) -> bool:
        client = _CLIENT.get() or _UNKNOWN
        with self._lock:
            wait = self._retry_after(client, username)
            if wait:
                raise too_many_attempts(wait)
            same_user = hmac.compare_digest(username.encode(), self._username)
            same_password = hmac.compare_digest(password.encode(), self._password)
            if same_user and same_password:
                self._by_address.pop(client.address, None)
                _record(self._known, (client.address, username), self._clock())
                return True
            now = self._clock()
            self._fail(self._by_address, client.address, now)
            if not self._trusted(client, username):
                self._fail(self._by_username, username, now)
            return False

    @staticmethod
    def _fail(table: dict[str, deque[float]], key: str, now: float) -> None:
        if key in table:
            table[key].append(now)
        else:
            _record(table, key, deque([now], maxlen=MAX_USERNAME_FAILURES))

    def _trusted(self, client: LoginClient, username: str) -> bool:
        return client.logged_in or (client.address, username) in self._known

    def _retry_after(self, client: LoginClient, username: str) -> int:
        if client.logged_in:
            return 0  # a session that is open is never refused
        waits = [_wait(self._by_address.get(client.address), MAX_FAILURES, self._clock())]
        if not self._trusted(client, username):
            failures = self._by_username.get(username)
            waits.append(_wait(failures, MAX_USERNAME_FAILURES, self._clock()))
        return max(waits)


def _wait(failures: deque[float] | None, limit: int, now: float) -> int:
    while failures and now - failures[0] > WINDOW_SECONDS:
        failures.popleft()
    if not failures or len(failures) < limit:
        return 0
    return max(1, int(WINDOW_SECONDS - (now - failures[-limit]) + 0.999))


def _record(table: dict[Any, Any], key: Any, value: Any) -> None:
    """Set `table[key]`, forgetting the oldest key past _MAX_TRACKED (memory stays
    bounded under a flood of addresses or usernames)."""
    if key not in table and len(table) >= _MAX_TRACKED:
        del table[next(iter(table))]
    table[key] = value


def too_many_attempts(wait: int) -> Exception:
    """The 429 answer of a refused login, with the wait in words and in Retry-After."""
    from fastapi import HTTPException

    return HTTPException(
        status_code=429,
        detail=f"too many attempts, try again in {wait} s",
        headers={"Retry-After": str(wait)},
    )


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

# Gradio's login page shows "Incorrect credentials" for a 400 and nothing for other statuses:
# this shows the server's reason (the wait) under the form instead.
LOGIN_PAGE_SCRIPT = b"""<script>(() => {
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    const url = String(args[0] && args[0].url ? args[0].url : args[0]);
    if (response.status === 429 && /\\/login\\/?$/.test(url)) {
      const body = await response.clone().json().catch(() => ({}));
      const reason = body.detail || "too many attempts";
      let note = document.getElementById("nd-login-wait");
      if (!note) {
        note = document.createElement("p");
        note.id = "nd-login-wait";
        note.setAttribute("role", "alert");
        note.style.cssText = "color:#b91c1c;text-align:center;font-weight:600;margin:1em";
        (document.querySelector("form, .form, .wrap") || document.body).prepend(note);
      }
      note.textContent = reason.charAt(0).toUpperCase() + reason.slice(1) + ".";
    }
    return response;
  };
})();</script>"""


class LoginClientMiddleware:
    """ASGI middleware: tells the LoginGuard which client a login comes from (and whether it
    already holds a session), and adds LOGIN_PAGE_SCRIPT to the page."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", "")).rstrip("/")
        if scope["method"] == "POST" and path.endswith("/login"):
            token = _CLIENT.set(LoginClient(_address(scope), _has_session(scope)))
            try:
                await self.app(scope, receive, send)
            finally:
                _CLIENT.reset(token)
            return
        if scope["method"] == "GET" and path == "":
            await self.app(scope, receive, _with_script(send))
            return
        await self.app(scope, receive, send)


def _address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _has_session(scope: Scope) -> bool:
    """Whether the request carries a session cookie the app gave out (Gradio's access token)."""
    app = scope.get("app")
    tokens = getattr(app, "tokens", None)
    if not tokens:
        return False
    cookies: dict[str, str] = {}
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, cookie = part.strip().partition("=")
                cookies[key] = cookie
    return any(key.startswith("access-token") and value in tokens for key, value in cookies.items())


def _with_script(send: Send) -> Send:
    """A `send` that adds LOGIN_PAGE_SCRIPT before </head> of an uncompressed HTML page."""
    held: dict[str, Any] = {}
    body = bytearray()

    async def sending(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", []))
            html = headers.get(b"content-type", b"").startswith(b"text/html")
            if html and b"content-encoding" not in headers:
                held["start"] = message
                return
            await send(message)
            return
        if "start" not in held or message["type"] != "http.response.body":
            await send(message)
            return
        body.extend(message.get("body", b""))
        if message.get("more_body"):
            return
        page = bytes(body).replace(b"</head>", LOGIN_PAGE_SCRIPT + b"</head>", 1)
        start = held["start"]
        start["headers"] = [
            (key, str(len(page)).encode() if key == b"content-length" else value)
            for key, value in start.get("headers", [])
        ]
        await send(start)
        await send({"type": "http.response.body", "body": page})

    return sending
