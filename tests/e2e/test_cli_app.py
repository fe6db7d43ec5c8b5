"""`newsdesk ask` answers through the running app (issue 21.5): no models loaded in the CLI."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.e2e.conftest import RunningApp
from tests.helpers import run_newsdesk

pytestmark = [pytest.mark.integration, pytest.mark.slow]
QUESTION = "Which banks did Tokyo designate?"


def newsdesk(app: RunningApp, *args: str, **environment: str) -> subprocess.CompletedProcess:
    return run_newsdesk(
        *args, env={**os.environ, "NEWSDESK_INDEX_DIR": str(app.index), **environment}
    )


def test_ask_uses_the_running_app_and_gives_the_same_answer(running_app: RunningApp) -> None:
    record = json.loads((running_app.index / "app.json").read_text())
    assert record["url"] == running_app.url and record["password"] is False
    local = newsdesk(running_app, "ask", QUESTION, "--json", "--local")
    assert local.returncode == 0, local.stderr
    # A reader this process cannot load: only an answer from the app can succeed.
    through_app = newsdesk(running_app, "ask", QUESTION, "--json", NEWSDESK_READER="nonsense")
    assert through_app.returncode == 0, through_app.stderr
    assert json.loads(through_app.stdout) == json.loads(local.stdout)
    text = newsdesk(running_app, "ask", QUESTION, NEWSDESK_READER="nonsense")
    assert text.stdout.startswith("**VTB Bank") and "\n[1] " in text.stdout
    # Filters the app's API does not take are answered here (and fail here with that reader).
    filtered = newsdesk(
        running_app, "ask", QUESTION, "--after", "2022-01-01", NEWSDESK_READER="nonsense"
    )
    assert filtered.returncode == 2 and "nonsense" in filtered.stderr


def test_search_and_timeline_use_the_running_app(running_app: RunningApp) -> None:
    # An embedder this process cannot load: only the app can search.
    broken = {"NEWSDESK_EMBEDDER": "nonsense"}
    local = newsdesk(running_app, "search", "luxury goods", "--json", "--k", "3")
    assert local.returncode == 0, local.stderr
    through_app = newsdesk(running_app, "search", "luxury goods", "--json", "--k", "3", **broken)
    assert through_app.returncode == 0, through_app.stderr
    assert json.loads(through_app.stdout) == json.loads(local.stdout)
    text = newsdesk(running_app, "search", "luxury goods", **broken)
    assert text.stdout.startswith("1. ") and "score" in text.stdout
    topic = ["timeline", "Japan sanctions on Russia", "--as-of", "2024-12-01"]
    local = newsdesk(running_app, *topic, "--json")
    through_app = newsdesk(running_app, *topic, "--json", **broken)
    assert through_app.returncode == 0, through_app.stderr
    assert json.loads(through_app.stdout) == json.loads(local.stdout)
    assert json.loads(local.stdout)["events"]
    text = newsdesk(running_app, *topic, **broken)
    assert text.stdout.startswith("Timeline of Japan sanctions on Russia (as of 2024-12-01)")
    # A search the app's API does not take (a date range) is done here, and fails here.
    ranged = newsdesk(running_app, "search", "luxury goods", "--after", "2022-01-01", **broken)
    assert ranged.returncode == 2 and "nonsense" in ranged.stderr
