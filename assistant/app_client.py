"""The CLI's way to a running app: `ask`, `search` and `timeline` go through it, no models loaded.

The app says where it listens in `INDEX_DIR/app.json` (written when it is ready, removed when it
stops); the CLI asks through the app's REST API (`/api/v1/ask`, `/search`, `/timeline`: the same
JSON as the CLI's own). Anything amiss — no file, a stopped app, a password-protected app, a
refused call — and the CLI answers in its own process as before.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

APP_FILE = "app.json"
_TIMEOUT = 120.0


def announce(index_dir: Path, url: str, protected: bool) -> Callable[[], None]:
    """Write `app.json` (atomically) for this process; returns what removes it again."""
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / APP_FILE
    partial = path.with_name(f".{APP_FILE}.{os.getpid()}.part")
    record = {"url": url, "pid": os.getpid(), "password": protected}
    partial.write_text(json.dumps(record), encoding="utf-8")
    partial.replace(path)

    def withdraw() -> None:
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
                path.unlink()
        except (OSError, ValueError):
            pass

    return withdraw


def running_app(index_dir: Path) -> str | None:
    """The URL of an app serving this index without a password, or None."""
    try:
        record = json.loads((index_dir / APP_FILE).read_text(encoding="utf-8"))
        pid, url = int(record["pid"]), str(record["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if record.get("password") or not url.startswith("http://"):
        return None
    try:
        os.kill(pid, 0)  # a file left by an app that was killed names no process
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # another user's process: alive
    return url if url.endswith("/") else url + "/"


def call(url: str, route: str, params: dict[str, Any]) -> Any:
    """One call of the app's REST API (`ask` is a POST of `params`, `search` and `timeline` GETs
    with them as the query); ValueError when the app refuses it, OSError when unreachable."""
    if route == "ask":
        request = urllib.request.Request(
            f"{url}api/v1/ask",
            data=json.dumps(params).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
    else:
        query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
        request = urllib.request.Request(f"{url}api/v1/{route}?{urlencode(query)}")
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:  # an answer, but a refusal
        raise ValueError(f"the app answered HTTP {error.code}") from None


def app_call(index_dir: Path, route: str, params: dict[str, Any]) -> Any | None:
    """The reply of the app serving `index_dir` (`ask`, `search`, `timeline`: the same JSON as
    the CLI's `--json`), or None to work locally: no app, or the app refused."""
    url = running_app(index_dir)
    if url is None:
        return None
    try:
        return call(url, route, params)
    except (OSError, ValueError):
        return None  # done locally, where an error gets its full message


def day(value: date | None) -> str:
    """A date as the app's API takes it (empty: the app's default)."""
    return value.isoformat() if value else ""
