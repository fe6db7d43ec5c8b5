"""Starting the app: a busy port is found before anything loads (issue 21.4)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.integration]


def test_a_busy_port_is_one_line_at_once_not_a_traceback_after_the_models(tmp_path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "NEWSDESK_PORT": str(port), "NEWSDESK_INDEX_DIR": str(tmp_path)}
        run = subprocess.run(
            [sys.executable, "app.py"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"newsdesk: error: 127.0.0.1:{port} is in use by another program: set NEWSDESK_PORT to "
        f"a free port, e.g. NEWSDESK_PORT={port + 1} make run"
    ]
    assert not any(tmp_path.iterdir())  # nothing was indexed: it stopped before loading
