"""Nothing outside the machine is contacted (issue 22.3): the app, its model process and the CLI
run with every off-machine connect and DNS lookup refused and written down; starting, asking,
searching, building a timeline, fetching a user's link (on 127.0.0.1) and following a feed leave
that record empty."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO
from tests.e2e.conftest import start_app, stop_app
from tests.helpers import run_newsdesk
from tests.local_site import Page, local_site
from tests.unit.test_feeds import publish
from tests.unit.test_ingest_urls import STORY

pytestmark = [pytest.mark.integration, pytest.mark.slow]
GUARD = REPO / "tests" / "data" / "no_network"


def test_nothing_off_the_machine_is_contacted(tmp_path: Path) -> None:
    record = tmp_path / "network.log"
    guarded = {
        "PYTHONPATH": os.pathsep.join([str(GUARD), os.environ.get("PYTHONPATH", "")]),
        "NEWSDESK_NETWORK_LOG": str(record),
        "NEWSDESK_ALLOW_PRIVATE_URLS": "1",
        "NEWSDESK_FETCH_HOST_INTERVAL": "0",
    }
    # The guard itself works: a lookup of a public name is refused and written down.
    probe = run_newsdesk("ingest", "https://example.org/story", env={**os.environ, **guarded})
    assert probe.returncode == 1 and "example.org" in record.read_text()
    record.unlink()
    process, app = start_app(tmp_path / "app", **guarded)
    try:
        api = app.url + "api/v1"
        with local_site() as site, httpx.Client(timeout=120) as client:
            site.pages["/story"] = Page(STORY.encode())
            publish(site, [1])
            answer = client.post(
                api + "/ask", json={"question": "when did Japan ban luxury exports?"}
            )
            assert answer.status_code == 200 and answer.json()["citations"]
            assert client.get(api + "/search", params={"query": "Belarus"}).json()
            assert client.get(api + "/timeline", params={"topic": "sanctions"}).status_code == 200
            added = client.post(api + "/articles", json={"url": site.url("/story")})
            assert added.json()["added"] == 1
            assert (
                client.post(api + "/feeds", json={"url": site.url("/feed.xml")}).status_code == 201
            )
            assert client.post(api + "/feeds/refresh").json()[0]["added"] == 1
    finally:
        stop_app(process)
    assert not record.exists(), record.read_text()
