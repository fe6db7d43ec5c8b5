"""The REST API at /api/v1 of the running app (issue 22.4): the CLI's JSON over plain HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import RunningApp
from tests.helpers import gradio_call
from tests.local_site import Page, local_site
from tests.unit.test_ingest_urls import STORY

pytestmark = [pytest.mark.integration, pytest.mark.slow]
QUESTION = "Which banks did Tokyo designate?"


def app_json(app: RunningApp, api_name: str, *arguments: object) -> object:
    """The app's Gradio API answer: the CLI's `--json` (tests/e2e/test_cli_app.py proves the two
    equal), got without loading the models in another process."""
    return gradio_call(app.url, api_name, list(arguments))


@pytest.fixture(scope="module")
def api(running_app: RunningApp) -> httpx.Client:
    with httpx.Client(base_url=running_app.url + "api/v1", timeout=120) as client:
        yield client


def test_search_ask_and_timeline_give_the_clis_json(api: httpx.Client, running_app) -> None:
    found = api.get("/search", params={"query": "luxury goods", "k": 3})
    assert found.status_code == 200
    assert found.json() == app_json(running_app, "search", "luxury goods", 3, "", False)
    answer = api.post("/ask", json={"question": QUESTION})
    assert answer.status_code == 200
    assert answer.json() == app_json(running_app, "ask", QUESTION, "", 0, "", False)
    assert answer.json()["short_answer"]["text"].startswith("VTB Bank")
    topic = {"topic": "Japan's sanctions against Russia", "as_of": "2024-12-01"}
    timeline = api.get("/timeline", params=topic)
    assert timeline.status_code == 200 and timeline.json()["events"]
    assert timeline.json() == app_json(
        running_app, "timeline", topic["topic"], "", "", "2024-12-01"
    )


def test_bad_input_is_refused_with_its_reason(api: httpx.Client) -> None:
    refused = api.get("/search", params={"query": "luxury", "k": -1})
    assert refused.status_code == 400
    assert refused.json() == {"error": "k must be a whole number from 1 to 100, not -1"}
    assert api.post("/ask", json={"question": "  "}).status_code == 400
    assert api.post("/ask", json={"question": "When?", "as_of": "soon"}).json()["error"] == (
        "as_of must be a date like 2022-03-25, not 'soon'"
    )
    assert api.post("/ask", json={}).status_code == 422  # no question at all
    assert api.get("/search").status_code == 422
    gone = api.delete("/articles/0000000000000000")
    assert gone.status_code == 404 and "error" in gone.json()
    assert api.post("/articles", json={"link": "x"}).status_code == 400


def test_articles_are_listed_added_from_a_link_or_a_file_and_deleted(api: httpx.Client) -> None:
    listed = api.get("/articles").json()
    assert len(listed) >= 5 and {"article_id", "title", "published", "source"} <= set(listed[0])
    with local_site() as site:
        site.pages["/news/strike-ends"] = Page(STORY.encode())
        added = api.post("/articles", json={"url": site.url("/news/strike-ends")})
        assert added.status_code == 201 and added.json()["added"] == 1
        again = api.post("/articles", json={"url": site.url("/news/strike-ends")})
        assert again.status_code == 200 and again.json()["unchanged"] == 1
        broken = api.post("/articles", json={"url": site.url("/missing")})
        assert broken.status_code == 422 and "HTTP 404" in broken.json()["files"][0]["detail"]
    upload = api.post(
        "/articles",
        files={"file": ("kobe-note.txt", b"Kobe port reopened on Monday after the storm.\n")},
    )
    assert upload.status_code == 201 and upload.json()["added"] == 1
    by_title = {a["title"]: a for a in api.get("/articles").json()}
    assert by_title["Harbour strike ends after six weeks"]["source"].endswith("/news/strike-ends")
    uploaded = next(a for a in by_title.values() if a["source"] == "kobe-note.txt")
    for article in (by_title["Harbour strike ends after six weeks"], uploaded):
        removed = api.delete(f"/articles/{article['article_id']}")
        assert removed.status_code == 200 and removed.json()["removed"] == article["article_id"]
    assert len(api.get("/articles").json()) == len(listed)


def test_the_api_documents_itself(api: httpx.Client) -> None:
    assert "swagger" in api.get("/docs").text.lower()
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/search", "/ask", "/timeline", "/articles", "/articles/{article_id}"} <= set(paths)


def test_feeds_are_followed_refreshed_and_dropped(api: httpx.Client) -> None:
    from tests.unit.test_feeds import publish

    before = len(api.get("/articles").json())
    with local_site() as site:
        publish(site, [1, 2])
        feed = site.url("/feed.xml")
        followed = api.post("/feeds", json={"url": feed})
        assert followed.status_code == 201 and followed.json()["title"] == "City news"
        site.pages["/page.html"] = Page(STORY.encode())
        refused = api.post("/feeds", json={"url": site.url("/page.html")})
        assert refused.status_code == 422 and "not an RSS or Atom feed" in refused.json()["error"]
        refreshed = api.post("/feeds/refresh")
        assert refreshed.status_code == 200
        assert [(r["url"], r["added"]) for r in refreshed.json()] == [(feed, 2)]
        listed = api.get("/feeds").json()
        assert listed[0]["url"] == feed and listed[0]["articles"] == 2 and listed[0]["refreshed_at"]
    assert api.delete("/feeds", params={"url": feed}).json() == {"removed": feed}
    assert api.delete("/feeds", params={"url": feed}).status_code == 404
    added = [a for a in api.get("/articles").json() if a["source"].startswith(site.url("/news/"))]
    assert len(added) == 2  # the feed's articles stay after it is dropped
    for article in added:
        assert api.delete(f"/articles/{article['article_id']}").status_code == 200
    assert len(api.get("/articles").json()) == before
