"""`Newsdesk`: the one object other programs hold — an index, its embedder, search and ingestion."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.runnables import Runnable

from assistant.answering import (
    Answer,
    AnswerChunk,
    AnswerGenerator,
    Turn,
    build_answer_chain,
    make_generator,
    make_rewriter,
)
from assistant.answering.over_time.timeline import TimelineBuilder
from assistant.answering.question.parse import checked_question
from assistant.answering.types import Timeline
from assistant.articles import Article
from assistant.distributed import RayOptions, ray_ingest
from assistant.embedding import Embedder, make_embedder
from assistant.entities import EntityTagger, make_tagger
from assistant.errors import ArticleNotFound, NothingIngested
from assistant.ingest import Document, Ingestor, IngestReport, key_path
from assistant.reader import Reader
from assistant.retrieval import Hit, HybridSearcher, Mode, SearchFilters
from assistant.retrieval.langchain import NewsdeskRetriever
from assistant.settings import Settings
from assistant.store import ArticleSummary, Store
from assistant.store.factory import open_store
from assistant.store.feeds import FeedState
from assistant.timeframe import as_of_date
from assistant.uploads import discard_upload

if TYPE_CHECKING:  # the web package loads httpx and feedparser: only when feeds are used
    from assistant.web.feeds import FeedReport


class Newsdesk:
    """Build with `Newsdesk.open(Settings(...))`; everything else takes what it needs from here."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        index: Store,
        reader: Reader | None = None,
        tagger: EntityTagger | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.reader = reader  # None: the one settings.reader names, loaded in this process
        # None: the one settings.tagger names, loaded in this process on first use; like the app's
        # model process, no tagger without a reader.
        self.tagger = tagger or make_tagger(
            "none" if settings.reader == "none" else settings.tagger
        )
        self.index = index
        self.searcher = HybridSearcher(index, embedder, settings)
        self._generators: dict[str, AnswerGenerator] = {}
        self._generators_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        *,
        create: bool = True,
        embedder: Embedder | None = None,
        reader: Reader | None = None,
        tagger: EntityTagger | None = None,
    ) -> Newsdesk:
        """Open the store the settings name: the PostgreSQL database of `database_url`, else the
        index folder (creating it unless `create=False`)."""
        settings = settings or Settings()
        embedder = embedder or make_embedder(settings.embedder)
        index = open_store(settings, embedder.id, embedder.dimension, create)
        return cls(settings, embedder, index, reader, tagger)

    def ingest(
        self,
        paths: Sequence[Path | str],
        progress: bool = True,
        ray: RayOptions | None = None,
    ) -> IngestReport:
        """Add or update the articles in these files, folders and http(s) URLs; see
        IngestReport. With `ray`, Ray Data workers read, chunk and embed the files (see
        assistant.distributed). A URL's page is fetched safely (assistant.web) and stored with
        the URL as its source; an unchanged page is "unchanged".

        Raises NothingIngested (carrying the report) when no input at all could be read.
        """
        from assistant.web.pages import is_url

        if isinstance(paths, (str, Path)):
            paths = [paths]
        if not paths:
            raise NothingIngested("no files or folders given", IngestReport())
        urls = [p for p in paths if isinstance(p, str) and is_url(p)]
        files = [Path(p) for p in paths if not (isinstance(p, str) and is_url(p))]
        documents: list[Document] = []
        report = IngestReport()
        if urls:
            from assistant.web.fetcher import make_fetcher
            from assistant.web.pages import fetch_pages

            with make_fetcher(self.settings) as fetcher:
                pages = fetch_pages(fetcher, self.index, urls, progress)
            documents = pages.documents
            report.outcomes.extend(pages.outcomes)
        if ray is not None and files:
            # Each worker builds its own embedder of the same class (embedders take no arguments).
            factory = type(self.embedder)
            report.merge(
                ray_ingest(
                    self.index,
                    factory,
                    files,
                    ray,
                    self.settings.embed_batch_size,
                    progress,
                    self.max_article_bytes,
                )
            )
            files = []
        if files or documents:
            report.merge(self._ingestor().ingest(files, progress=progress, documents=documents))
        if urls:
            pages.remember(self.index, report)
        if report.outcomes and len(report.failed) == len(report.outcomes):
            reasons = "; ".join(f"{o.path}: {o.detail}" for o in report.failed[:3])
            more = f" (and {len(report.failed) - 3} more)" if len(report.failed) > 3 else ""
            raise NothingIngested(f"nothing could be read: {reasons}{more}", report)
        return report

    def search(
        self,
        query: str,
        k: int | None = None,
        *,
        published_after: date | None = None,
        published_before: date | None = None,
        sources: Sequence[str] = (),
        mode: Mode = "hybrid",
        mmr: bool | None = None,
        all_copies: bool | None = None,
        as_of: date | None = None,
    ) -> list[Hit]:
        """The best passages for `query`, filtered by published-date range and source; one hit
        per story (its other copies in `Hit.also_in`) unless `all_copies`; nothing published
        after `as_of` (default: settings; none when unset)."""
        filters = SearchFilters(
            published_after, published_before, tuple(sources), as_of or self.settings.as_of
        )
        return self.searcher.search(query, k, filters, mode=mode, mmr=mmr, all_copies=all_copies)

    def retriever(
        self,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        *,
        published_after: date | None = None,
        published_before: date | None = None,
        sources: Sequence[str] = (),
    ) -> NewsdeskRetriever:
        """A LangChain retriever over this index; takes the same filters as `search`."""
        if filters is None:
            filters = SearchFilters(published_after, published_before, tuple(sources))
        elif published_after or published_before or sources:
            raise TypeError("pass either filters= or the filter keywords, not both")
        return NewsdeskRetriever(
            searcher=self.searcher, k=k or self.settings.search_k, filters=filters, mode=mode
        )

    def timeline(
        self,
        topic: str,
        *,
        after: date | None = None,
        before: date | None = None,
        as_of: date | None = None,
        sources: Sequence[str] = (),
    ) -> Timeline:
        """Dated, ordered, cited events of a topic as of a date (default: settings, then today)."""
        self.index.refresh()
        return TimelineBuilder(self.searcher, self.embedder).build(
            topic,
            as_of_date(as_of or self.settings.as_of),
            after=after,
            before=before,
            sources=sources,
        )

    def generator(self, name: str | None = None) -> AnswerGenerator:
        """The answer generator for an id (default: settings.generator), built once."""
        name = name or self.settings.generator
        with self._generators_lock:
            if name not in self._generators:
                self._generators[name] = make_generator(
                    name, self.settings, self.embedder, self.reader, self.tagger
                )
            return self._generators[name]

    def chain(self, generator: str | None = None) -> Runnable[dict[str, Any], AnswerChunk]:
        """The LCEL answer chain: rewrite → retrieve → answer (cited, verified)."""
        chosen = self.generator(generator)
        rewriter = make_rewriter(chosen, self.settings)
        return build_answer_chain(
            self.searcher,
            chosen,
            rewriter,
            self.settings.answer_k,
            TimelineBuilder(self.searcher, self.embedder),
            self.settings.as_of,
            self.tagger,
            leads=self.settings.answer_leads,
            deeper=self.settings.answer_k_before_refusal,
        )

    def ask_stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        generator: str | None = None,
        filters: SearchFilters | None = None,
        k: int | None = None,
        as_of: date | None = None,
        all_copies: bool | None = None,
    ) -> Iterator[AnswerChunk]:
        """Stream an answer: text pieces, then a last chunk whose `.answer` is the Answer.

        `as_of` pins the date the question is asked on (default: settings, then today).
        Raises InvalidQuestion for a question without words or over MAX_QUESTION_CHARS."""
        inputs = {
            "question": checked_question(question),
            "history": list(history),
            "filters": filters,
            "k": k,
            "as_of": as_of,
            "all_copies": all_copies,
        }
        yield from self.chain(generator).stream(inputs)

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        generator: str | None = None,
        filters: SearchFilters | None = None,
        k: int | None = None,
        as_of: date | None = None,
        all_copies: bool | None = None,
    ) -> Answer:
        """Answer a question (a follow-up uses `history`) with exact citations, as of a date."""
        final = AnswerChunk()
        for chunk in self.ask_stream(
            question,
            history,
            generator=generator,
            filters=filters,
            k=k,
            as_of=as_of,
            all_copies=all_copies,
        ):
            final = final + chunk
        assert final.answer is not None
        return final.answer

    def warm_up(self) -> None:
        """Load every model and index the first question needs, so that it is answered at once."""
        self.generator().warm_up()
        self.ask("When did this happen?")

    def article(self, article_id: str) -> Article:
        """A stored article with its full clean text."""
        with self.index.lock:
            found = self.index.article(article_id)
        if found is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.index.location}")
        return found

    def articles(self) -> list[ArticleSummary]:
        """Every stored article (title, date, source, chunk count)."""
        self.index.refresh()
        with self.index.lock:
            return self.index.articles()

    def _ingestor(self) -> Ingestor:
        return Ingestor(
            self.index,
            self.embedder,
            self.settings.embed_batch_size,
            max_article_bytes=self.max_article_bytes,
        )

    # --- feeds (assistant.web.feeds) -----------------------------------------------------
    def follow(self, url: str) -> FeedState:
        """Follow an RSS or Atom feed (checked by fetching it once); FetchError / FeedError say
        why a URL cannot be followed. Its articles come with the next `refresh`."""
        from assistant.web.feeds import feed_title
        from assistant.web.fetcher import make_fetcher

        with make_fetcher(self.settings) as fetcher:
            title = feed_title(fetcher, url)
        with self.index.lock:
            self.index.feeds.add(url, title)
            state = self.index.feeds.get(url)
        assert state is not None
        return state

    def unfollow(self, url: str) -> bool:
        """Stop following a feed (its articles stay); False when it was not followed."""
        with self.index.lock:
            return self.index.feeds.remove(url)

    def feeds(self) -> list[FeedState]:
        """Every followed feed: title, last refresh, articles added, last error."""
        with self.index.lock:
            return self.index.feeds.all()

    def refresh(
        self, urls: Sequence[str] = (), each: Callable[[FeedReport], None] | None = None
    ) -> list[FeedReport]:
        """Refresh the followed feeds (or these), one after another; `each` hears of each."""
        from assistant.web.feeds import refresh_feed
        from assistant.web.fetcher import make_fetcher

        reports = []
        with make_fetcher(self.settings) as fetcher:
            for url in urls or [f.url for f in self.feeds()]:
                reports.append(
                    refresh_feed(
                        self.index,
                        fetcher,
                        url,
                        lambda documents: self._ingestor().ingest([], False, documents),
                    )
                )
                if each is not None:
                    each(reports[-1])
        return reports

    def remove(self, article_id: str) -> Article:
        """Delete an article and its chunks; returns what was removed.

        An uploaded file (in the uploads folder) that no longer holds any article is deleted too.
        """
        article = self.article(article_id)
        with self.index.lock:
            files = self.index.article_files(article_id)
        self.index.apply(remove=[article_id])
        self.drop_unused_uploads(files)
        return article

    def drop_unused_uploads(self, paths: Sequence[str]) -> None:
        """Delete uploaded files (in the uploads folder) that yield no article any more."""
        uploads = self.uploads_dir.resolve()
        for path in paths:  # catalog keys (see assistant.ingest.path_key)
            if not key_path(path).is_relative_to(uploads):
                continue  # the user's own files are never deleted
            with self.index.lock:
                if self.index.file_articles(path):
                    continue
                self.index.forget_file(path)
            discard_upload(key_path(path), uploads)

    @property
    def max_article_bytes(self) -> int:
        """The largest article ingest accepts (settings.max_article_mb)."""
        return int(self.settings.max_article_mb * 1024 * 1024)

    @property
    def uploads_dir(self) -> Path:
        """Where the web app keeps uploaded files."""
        return Path(self.settings.index_dir) / "uploads"

    def stats(self) -> dict[str, object]:
        """What the index holds and how it was built."""
        self.index.refresh()
        return self.index.stats()

    def close(self) -> None:
        """Release the index files."""
        self.index.close()
