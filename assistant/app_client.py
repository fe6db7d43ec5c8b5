"""The CLI's way to a running app: `ask`, `search` and `timeline` go through it, no models loaded.

The app says where it listens in `INDEX_DIR/app.json` (written when it is ready, removed when it
stops); the CLI asks through Gradio's HTTP API (`/gradio_api/call/NAME`, the same functions and
JSON as the app's API). Anything amiss — no file, a stopped app, a password-protected app, a
refused call — and the CLI answers in its own process as before.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

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


def call(url: str, api_name: str, data: list[Any]) -> Any:
    """One call of the app's API; ValueError when the app refuses it, OSError when unreachable."""
    body = json.dumps({"data": data}).encode("utf-8")
    request = urllib.request.Request(
        f"{url}gradio_api/call/{api_name}",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
        event_id = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(
        f"{url}gradio_api/call/{api_name}/{event_id}", timeout=_TIMEOUT
    ) as stream:
        event = ""
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event:"):
                event = line.partition(":")[2].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error":
                    raise ValueError(line.partition(":")[2].strip())
                return json.loads(line.partition(":")[2])[0]
    raise ValueError("the app sent no result")


def app_call(index_dir: Path, api_name: str, data: list[Any]) -> Any | None:
    """The reply of the app serving `index_dir` to one API call (`ask`, `search`, `timeline`:
    the same JSON as the CLI's `--json`), or None to work locally: no app, or the app refused."""
    url = running_app(index_dir)
    if url is None:
        return None
    try:
        return call(url, api_name, data)
    except (OSError, ValueError):
        return None  # done locally, where an error gets its full message


def day(value: date | None) -> str:
    """A date as the app's API takes it (empty: the app's default)."""
    return value.isoformat() if value else ""
