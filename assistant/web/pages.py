"""Articles from URLs: each page fetched (safely, conditionally when it was fetched before) and
handed to ingest like a file, its URL the articles' source; a page that fails is reported with
its reason and never stops the others."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from tqdm.auto import tqdm

from assistant.articles import loader_for_page
from assistant.errors import UnsupportedFormat
from assistant.ingest import Document, FileOutcome, IngestReport
from assistant.store import Store
from assistant.web.fetcher import Fetcher, FetchError

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether an ingest argument is an address (scheme://…) rather than a path; only http(s)
    ones are fetched, the others are refused with that reason."""
    return _SCHEME.match(text.strip()) is not None


def page_key(url: str) -> str:
    """The key (and source) of a URL's articles: as given, without its #fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(fragment=""))


@dataclass
class Pages:
    """Fetched pages ready to ingest, the outcome of each that is not (failed, or unchanged: a
    304 to a conditional GET), and the validators to keep once their articles are stored."""

    documents: list[Document] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def remember(self, store: Store, report: IngestReport) -> None:
        """Keep the validators of the pages whose articles `report` stored (after storing: a
        crash before means fetching them again, never skipping them)."""
        stored = {o.path for o in report.outcomes if o.status != "failed"}
        with store.lock:
            for url, (etag, modified) in self.validators.items():
                if url in stored:
                    store.feeds.remember_page(url, etag, modified)


def fetch_pages(
    fetcher: Fetcher,
    store: Store,
    urls: Sequence[str],
    progress: bool = True,
    revive: bool = True,
) -> Pages:
    """Fetch `urls`, conditionally where their validators are kept. With `revive` (a person's
    own links) a page whose articles were deleted is fetched whole again; a feed's refresh
    leaves deleted articles deleted."""
    pages = Pages()
    for url in tqdm(
        list(dict.fromkeys(page_key(u) for u in urls)),
        desc="Fetching",
        unit="page",
        disable=not progress,
    ):
        with store.lock:
            etag, modified = store.feeds.page(url)
            stored = len(store.file_articles(url))
        if revive and not stored:
            etag = modified = None
        try:
            page = fetcher.fetch(url, etag, modified)
            if page.not_modified:
                pages.outcomes.append(FileOutcome(url, "unchanged", stored, "not modified"))
                continue
            path = urlsplit(page.final_url).path
            loader = loader_for_page(page.content_type, path, page.content)
        except FetchError as error:
            pages.outcomes.append(FileOutcome(url, "failed", detail=error.reason))
            continue
        except UnsupportedFormat as error:
            pages.outcomes.append(FileOutcome(url, "failed", detail=str(error)))
            continue
        pages.documents.append(Document(url, page.content, loader))
        pages.validators[url] = (page.etag, page.last_modified)
    return pages
