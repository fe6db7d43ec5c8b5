"""Articles from URLs: each page fetched (safely) and handed to ingest like a file, its URL the
articles' source; a page that fails is reported with its reason and never stops the others."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from tqdm.auto import tqdm

from assistant.articles import loader_for_page
from assistant.errors import UnsupportedFormat
from assistant.ingest import Document, FileOutcome
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


def fetch_pages(
    fetcher: Fetcher, urls: Sequence[str], progress: bool = True
) -> tuple[list[Document], list[FileOutcome]]:
    """The pages of `urls` ready to ingest, and a failed outcome for each one that is not."""
    documents: list[Document] = []
    failed: list[FileOutcome] = []
    for url in tqdm(
        list(dict.fromkeys(page_key(u) for u in urls)),
        desc="Fetching",
        unit="page",
        disable=not progress,
    ):
        try:
            page = fetcher.fetch(url)
            loader = loader_for_page(page.content_type, urlsplit(page.final_url).path, page.content)
        except FetchError as error:
            failed.append(FileOutcome(url, "failed", detail=error.reason))
            continue
        except UnsupportedFormat as error:
            failed.append(FileOutcome(url, "failed", detail=str(error)))
            continue
        documents.append(Document(url, page.content, loader))
    return documents, failed
