"""Starts the real app (python app.py) on a free loopback port for the browser and API tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class RunningApp:
    url: str
    index: Path
    log: Path


@pytest.fixture(scope="session")
def app_url(running_app: RunningApp) -> str:
    return running_app.url


def start_app(folder: Path, **environment: str) -> tuple[subprocess.Popen, RunningApp]:
    """`python app.py` on a free loopback port, once it says it is ready."""
    port = _free_port()
    index = folder / "index"
    env = {**os.environ, "NEWSDESK_INDEX_DIR": str(index), "NEWSDESK_PORT": str(port)}
    env.update(environment)
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "app.log"
    log = open(log_path, "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "app.py"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                log.seek(0)
                if "newsdesk is ready" in log.read():
                    break
                raise OSError("not ready yet")
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                process.kill()
                pytest.fail(f"the app did not start:\n{log.read()}")
            time.sleep(1)
    log.close()
    return process, RunningApp(url, index, log_path)


def stop_app(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def running_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    # Tests serve their own pages on 127.0.0.1 (links, feeds): let the app fetch them.
    process, app = start_app(
        tmp_path_factory.mktemp("app"),
        NEWSDESK_ALLOW_PRIVATE_URLS="1",
        NEWSDESK_FETCH_HOST_INTERVAL="0",  # one host on 127.0.0.1, not a site to be polite to
    )
    started = app.log.read_text()
    assert "Indexing the sample corpus" in started  # first start builds the index
    assert "newsdesk is ready: http://127.0.0.1:" in started  # said after the models loaded
    assert "share=True" not in started
    yield app
    assert (app.index / "app.json").exists()  # where `newsdesk ask` finds the app
    stop_app(process)
    assert not (app.index / "app.json").exists()  # a stopped app is not asked


def chromium_path() -> Path:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return Path(candidate)
    pytest.fail("Debian's chromium is not installed: run `make browser` (apt-get install chromium)")
