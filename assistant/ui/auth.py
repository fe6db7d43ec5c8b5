"""Password protection for the web app: one account, failed logins rate-limited."""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Callable

MAX_FAILURES = 5
WINDOW_SECONDS = 300.0


class LoginGuard:
    """Gradio's `auth` callable: checks the password and refuses all tries for a while after
    MAX_FAILURES failed ones within WINDOW_SECONDS (so a password cannot be guessed quickly)."""

    def __init__(
        self,
        username: str,
        password: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._username = username.encode()
        self._password = password.encode()
        self._clock = clock
        self._failures: deque[float] = deque()
        self._lock = threading.Lock()

    def locked(self) -> bool:
        """Whether logins are refused now because of recent failures."""
        with self._lock:
            self._forget_old()
            return len(self._failures) >= MAX_FAILURES

    def _forget_old(self) -> None:
        while self._failures and self._clock() - self._failures[0] > WINDOW_SECONDS:
            self._failures.popleft()

    def __call__(self, username: str, password: str) -> bool:
        with self._lock:
            self._forget_old()
            if len(self._failures) >= MAX_FAILURES:
                return False
            same_user = hmac.compare_digest(username.encode(), self._username)
            same_password = hmac.compare_digest(password.encode(), self._password)
            if same_user and same_password:
                return True
            self._failures.append(self._clock())
            return False
