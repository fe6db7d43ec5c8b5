"""Feeds: RSS and Atom (feedparser) whose articles newsdesk keeps current.

A refresh claims the feed in the store (no two processes fetch one feed at once), fetches it
conditionally (a 304 costs no body and no item request), and fetches each item's page
conditionally too with the validators kept from last time; new and changed pages are ingested
like links, unchanged ones cost one small request. Items that leave the feed stay stored: a
refresh never loses anything. A failing feed or page is reported with its reason and never stops
the others.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urljoin

from assistant.errors import NewsdeskError
from assistant.ingest import Document, IngestReport
from assistant.store import Store
from assistant.web.fetcher import Fetched, Fetcher, FetchError
from assistant.web.pages import fetch_pages

CLAIM_SECONDS = 30 * 60.0  # a refresh that dies lets go of its feed after this long
MAX_ITEMS = 1000  # items read from one feed per refresh (the newest first, as feeds list them)

FeedStatus = Literal["refreshed", "unchanged", "failed", "busy"]


class FeedError(NewsdeskError):
    """A URL that is not a feed newsdesk can read."""


@dataclass
class FeedReport:
    """What one feed's refresh did."""

    url: str
    status: FeedStatus
    title: str = ""
    items: int = 0
    error: str | None = None
    report: IngestReport = field(default_factory=IngestReport)

    def line(self) -> str:
        """One line of progress, as `newsdesk refresh` prints it."""
        name = self.title or self.url
        if self.status in ("failed", "busy"):
            return f"{name}: {self.status} — {self.error}"
        if self.status == "unchanged":
            return f"{name}: unchanged since the last refresh"
        counts = self.report.summary()
        return (
            f"{name}: {self.items} items — added {counts['added']}, updated "
            f"{counts['updated']}, unchanged {counts['unchanged']}, "
            f"failed {counts['failed']}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`newsdesk refresh --json`)."""
        counts = self.report.summary()
        return {
            "url": self.url,
            "status": self.status,
            "title": self.title,
            "items": self.items,
            **{k: counts[k] for k in ("added", "updated", "unchanged", "failed", "chunks_added")},
            "error": self.error,
            "failures": [o.__dict__ for o in self.report.failed],
        }


def read_feed(page: Fetched) -> tuple[str, list[str]]:
    """A fetched feed's title and item links (absolute, in the feed's order, at most
    MAX_ITEMS); FeedError when the bytes are no RSS or Atom feed."""
    import feedparser

    parsed = feedparser.parse(page.content)  # bytes: feedparser never fetches anything itself
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", ()) if x.get("href")), None
        )
        if link:
            links.append(urljoin(page.final_url, link))
    # Feeds are often a little malformed: one that still yields links is read.
    if not links and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or (
            "no RSS or Atom items"
        )
        raise FeedError(f"not an RSS or Atom feed ({reason})")
    title = " ".join(str(parsed.feed.get("title", "")).split())
    return title, list(dict.fromkeys(links))[:MAX_ITEMS]


def owner_id() -> str:
    """Who holds a claimed feed: this host, process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


Ingest = Callable[[list[Document]], IngestReport]


def refresh_feed(store: Store, fetcher: Fetcher, url: str, ingest: Ingest) -> FeedReport:
    """Refresh one followed feed (see the module's doc); `ingest` stores pages' articles."""
    owner = owner_id()
    with store.lock:
        state = store.feeds.get(url)
        claimed = state is not None and store.feeds.claim(url, owner, CLAIM_SECONDS)
    if state is None:
        return FeedReport(url, "failed", error="not followed (newsdesk feeds add URL)")
    if not claimed:
        return FeedReport(url, "busy", state.title, error="another process is refreshing it")
    result = FeedReport(url, "refreshed", state.title)
    feed: Fetched | None = None
    try:
        feed = fetcher.fetch(url, state.etag, state.last_modified)
        if feed.not_modified:
            result.status = "unchanged"
        else:
            result.title, links = read_feed(feed)
            result.items = len(links)
            _refresh_items(store, fetcher, links, ingest, result)
    except (FetchError, FeedError) as error:
        result.status = "failed"
        result.error = error.reason if isinstance(error, FetchError) else str(error)
    finally:
        fresh = feed is not None and not feed.not_modified and result.status != "failed"
        with store.lock:
            store.feeds.finish(
                url,
                owner,
                title=result.title or None,
                error=result.error,
                added=result.report.summary()["added"],
                etag=feed.etag if fresh and feed else None,
                last_modified=feed.last_modified if fresh and feed else None,
            )
    return result


def _refresh_items(
    store: Store, fetcher: Fetcher, links: list[str], ingest: Ingest, result: FeedReport
) -> None:
    pages = fetch_pages(fetcher, store, links, progress=False, revive=False)
    result.report.outcomes.extend(pages.outcomes)
    if pages.documents:
        result.report.merge(ingest(pages.documents))
    pages.remember(store, result.report)


def feed_title(fetcher: Fetcher, url: str) -> str:
    """Check that `url` is a feed (FetchError / FeedError say why not) and return its title."""
    return read_feed(fetcher.fetch(url))[0]
