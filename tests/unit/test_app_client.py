"""Where the CLI finds a running app (assistant/app_client.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.app_client import APP_FILE, announce, app_call, running_app


def test_an_app_is_found_only_while_it_runs_without_a_password(tmp_path: Path) -> None:
    assert running_app(tmp_path) is None  # no file
    withdraw = announce(tmp_path, "http://127.0.0.1:7861/", protected=False)
    assert running_app(tmp_path) == "http://127.0.0.1:7861/"
    withdraw()
    assert not (tmp_path / APP_FILE).exists()
    announce(tmp_path, "http://127.0.0.1:7861/", protected=True)
    assert running_app(tmp_path) is None  # the CLI has no password to give
    # A file left by an app that was killed names a process that is gone.
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    record = {"url": "http://127.0.0.1:7861/", "pid": int(gone.stdout), "password": False}
    (tmp_path / APP_FILE).write_text(json.dumps(record))
    assert running_app(tmp_path) is None
    (tmp_path / APP_FILE).write_text("{not json")
    assert running_app(tmp_path) is None


def test_an_app_that_does_not_answer_leaves_the_question_to_the_cli(tmp_path: Path) -> None:
    # This process is alive, but nothing listens on the port it names.
    record = {"url": "http://127.0.0.1:9/", "pid": os.getpid(), "password": False}
    (tmp_path / APP_FILE).write_text(json.dumps(record))
    assert running_app(tmp_path) == "http://127.0.0.1:9/"
    assert app_call(tmp_path, "ask", {"question": "Who?"}) is None
