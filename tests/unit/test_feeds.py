"""Followed feeds (issue 22.2): a real RSS feed on 127.0.0.1 whose items appear, change and
disappear across refreshes, and each way a feed can fail."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from assistant import embedding
from assistant.cli import main
from assistant.settings import Settings
from assistant.store.factory import open_store
from tests.conftest import FakeEmbedder
from tests.local_site import LocalSite, Page, local_site

CITIES = ["Oslo", "Lima", "Kyiv", "Rome", "Bern", "Lyon", "Graz", "Kobe", "Pune", "Cork"]


def story(n: int, extra: str = "") -> bytes:
    city = CITIES[n % len(CITIES)]
    return (
        f"<html><head><title>{city} council item {n}</title></head><body><article>"
        f"<h1>{city} council item {n}</h1><p>The {city} council voted on measure {n} on "
        f"Monday, after a debate about buses, bridges and the budget number {n * 7}.{extra}</p>"
        f"<p>Officials said the {city} measure would take effect next month and cost the "
        f"city {n * 13 + 100} thousand euros over two years.</p>"
        "</article></body></html>"
    ).encode()


def rss(site: LocalSite, items: list[int], title: str = "City news") -> bytes:
    entries = "".join(
        f"<item><title>Item {n}</title><link>{site.url(f'/news/{n}')}</link></item>" for n in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{site.url('/')}</link>{entries}</channel></rss>"
    ).encode()


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(embedding.EMBEDDERS, "fake", FakeEmbedder)
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "fake")
    monkeypatch.setenv("NEWSDESK_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NEWSDESK_FETCH_HOST_INTERVAL", "0")


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as running:
        yield running


def publish(
    site: LocalSite, items: list[int], path: str = "/feed.xml", title: str = "City news"
) -> None:
    site.pages[path] = Page(rss(site, items, title), content_type="application/rss+xml")
    for n in items:
        site.pages.setdefault(f"/news/{n}", Page(story(n), etag=f'"{n}-1"'))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(""))
    out, err = capsys.readouterr()
    return code, out, err


def refresh(capsys) -> list[dict]:
    out = run(capsys, "refresh", "--json")[1]
    return json.loads(out)


def test_items_that_appear_change_and_disappear(capsys, site: LocalSite) -> None:
    publish(site, [1, 2, 3])
    feed = site.url("/feed.xml")
    code, out, _ = run(capsys, "feeds", "add", feed)
    assert code == 0 and "following City news" in out
    first = refresh(capsys)[0]
    assert first["status"] == "refreshed" and first["items"] == 3 and first["added"] == 3
    # An item appears, one changes, one leaves the feed.
    publish(site, [2, 3, 4])
    site.pages["/news/3"] = Page(story(3, " The vote was postponed."), etag='"3-2"')
    second = refresh(capsys)[0]
    assert (second["added"], second["updated"], second["unchanged"]) == (1, 1, 1)
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == 4  # item 1 left the feed and stays stored
    code, out, _ = run(capsys, "search", "Oslo council", "--json", "--k", "10")
    sources = {hit["source"] for hit in json.loads(out)}
    assert site.url("/news/1") in sources
    code, out, _ = run(capsys, "feeds", "--json")
    listed = json.loads(out)[0]
    assert listed["title"] == "City news" and listed["articles"] == 4 and listed["error"] is None
    assert listed["refreshed_at"]


def test_a_refresh_of_unchanged_items_makes_only_conditional_requests(
    capsys, site: LocalSite
) -> None:
    publish(site, list(range(200)))
    run(capsys, "feeds", "add", site.url("/feed.xml"))
    assert refresh(capsys)[0]["added"] == 200
    site.seen.clear()
    again = refresh(capsys)[0]
    assert again["added"] == again["updated"] == 0 and again["unchanged"] == 200
    items = [s for s in site.seen if s.path.startswith("/news/")]
    assert len(items) == 200 and all("if-none-match" in s.headers for s in items)
    # The feed itself unchanged (its ETag): not one item is asked for.
    site.pages["/feed.xml"].etag = '"feed-1"'
    refresh(capsys)
    site.seen.clear()
    assert refresh(capsys)[0]["status"] == "unchanged"
    assert [s.path for s in site.seen if s.path != "/robots.txt"] == ["/feed.xml"]


def test_failing_feeds_and_pages_are_reported_and_never_stop_the_others(
    capsys, site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_FETCH_TIMEOUT", "1")
    publish(site, [1, 2])
    publish(site, [5], path="/other.xml", title="other")
    site.pages["/news/2"] = Page(b"oops", 500, "text/plain")
    for path in ("/feed.xml", "/other.xml", "/gone.xml", "/broken.xml", "/slow.xml"):
        name = path.strip("/").removesuffix(".xml")
        site.pages.setdefault(path, Page(rss(site, [9], name), content_type="application/rss+xml"))
        assert run(capsys, "feeds", "add", site.url(path))[0] == 0
    site.pages["/gone.xml"] = Page(b"gone", 404, "text/plain")
    site.pages["/broken.xml"] = Page(b"<rss><channel><item>", content_type="text/xml")
    site.pages["/slow.xml"] = Page(rss(site, [1]), content_type="application/rss+xml", delay=3)
    code, out, _ = run(capsys, "refresh")
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 5  # one line per feed
    by_feed = {line.split(":", 1)[0]: line for line in lines}
    by_feed["feed"] = by_feed.pop("City news")
    assert "added 1" in by_feed["feed"] and "failed 1" in by_feed["feed"]  # item 2: HTTP 500
    assert "added 1" in by_feed["other"]
    assert "failed — the server answered HTTP 404" in by_feed["gone"]
    assert "failed — not an RSS or Atom feed" in by_feed["broken"]
    assert "failed — no answer within 1 s" in by_feed["slow"]
    code, out, _ = run(capsys, "feeds", "--json")
    errors = {f["url"].rsplit("/", 1)[-1]: f["error"] for f in json.loads(out)}
    assert errors["feed.xml"] is None and "HTTP 404" in errors["gone.xml"]
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == 2  # items 1 and 5: adding a feed fetches no item


def test_adding_what_is_no_feed_is_refused_with_its_reason(capsys, site: LocalSite) -> None:
    site.pages["/page.html"] = Page(story(1))
    code, _, err = run(capsys, "feeds", "add", site.url("/page.html"))
    assert code != 0 and "not an RSS or Atom feed" in err
    code, _, err = run(capsys, "feeds", "remove", site.url("/page.html"))
    assert code == 1 and "not following" in err


def test_two_processes_never_refresh_one_feed_at_once(site: LocalSite, tmp_path) -> None:
    publish(site, [1])
    settings = Settings(index_dir=tmp_path / "index", embedder="fake")
    first = open_store(settings, "fake", FakeEmbedder().dimension, create=True)
    second = open_store(settings, "fake", FakeEmbedder().dimension, create=False)
    url = site.url("/feed.xml")
    first.feeds.add(url, "City news")
    assert first.feeds.claim(url, "process-1", 60)
    assert not second.feeds.claim(url, "process-2", 60)  # another connection sees the claim
    first.feeds.finish(url, "process-1", title=None, error=None, added=0, etag=None,
                       last_modified=None)  # fmt: skip
    assert second.feeds.claim(url, "process-2", 60)
    assert not first.feeds.claim(url, "process-1", 60)


def test_the_app_refreshes_feeds_in_the_background_and_survives_a_failing_round() -> None:
    import threading

    from assistant.ui.app import refresh_every

    rounds = threading.Semaphore(0)

    class Desk:
        calls = 0

        def refresh(self) -> list:
            Desk.calls += 1
            rounds.release()
            if Desk.calls == 1:
                raise OSError("the disk is full")  # the next round still comes
            return []

    thread = refresh_every(Desk(), minutes=0.0005)  # type: ignore[arg-type]
    assert thread.daemon  # never keeps the app from stopping
    for _ in range(3):
        assert rounds.acquire(timeout=30)
