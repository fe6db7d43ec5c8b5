"""The web app's callbacks: plain Python over a Newsdesk, returning values Gradio can show."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering import GENERATORS, Answer, Turn
from assistant.answering.question.parse import MAX_QUESTION_CHARS
from assistant.desk import Newsdesk
from assistant.errors import NewsdeskError, NothingIngested, StoreUnavailable
from assistant.ingest import IngestReport
from assistant.retrieval import SearchFilters
from assistant.settings import MAX_ANSWER_K, MAX_SEARCH_K
from assistant.timeframe import parse_day
from assistant.ui.render import (
    NO_SOURCES,
    answer_markdown,
    article_html,
    report_markdown,
    short_source,
    sources_html,
    timeline_html,
)
from assistant.uploads import store_upload

logger = logging.getLogger(__name__)
LIBRARY_COLUMNS = ["title", "published", "source", "story", "delete"]
DELETE_CELL = "delete"

# One exchange: the question, how it was understood, and its Answer (None while streaming, or
# when it failed or was stopped). Exchange i is chat messages 2i (question) and 2i+1 (answer).
Exchange = dict[str, Any]
ChatUpdate = tuple[list[dict[str, Any]], str, list[Exchange], str, Any]


def _date(value: str | None, label: str) -> date | None:
    if not value or not str(value).strip():
        return None
    try:
        return parse_day(str(value))
    except ValueError:
        raise NewsdeskError(f"{label} must be a date like 2022-03-25, not {value!r}") from None


def article_choices(answer: Answer | None) -> Any:
    """The cited articles of an answer, for the 'whole article' menu."""
    seen: dict[str, str] = {}
    for citation in answer.citations if answer else ():
        seen.setdefault(citation.article_id, f"[{citation.n}] {citation.title}")
    return gr.update(choices=[(label, key) for key, label in seen.items()], value=None)


class ChatHandlers:
    """The app's callbacks, holding the desk."""

    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk

    # --- chat --------------------------------------------------------------------------
    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]],
        exchanges: list[Exchange],
        after: str,
        before: str,
        sources: list[str],
        generator: str,
        k: float,
        as_of: str = "",
        all_copies: bool = False,
    ) -> Iterator[ChatUpdate]:
        """Stream the answer into the chat, then show its sources."""
        message = (message or "").strip()
        chat, exchanges = list(chat or []), list(exchanges or [])
        if not message:
            yield chat, NO_SOURCES, exchanges, "", article_choices(None)
            return
        history = [
            Turn(e["question"], e["standalone"], e["answer"].answer)
            for e in exchanges
            if e.get("answer") is not None
        ]
        chat += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        exchanges.append({"question": message, "standalone": message, "answer": None})
        waiting = '<div class="nd-empty">Searching the articles…</div>'
        yield chat, waiting, exchanges, "", article_choices(None)
        try:
            filters = SearchFilters(
                _date(after, "Published from"), _date(before, "Published to"), tuple(sources or ())
            )
            text, answer = "", None
            for chunk in self.desk.ask_stream(
                message,
                history,
                generator=generator or None,
                filters=filters,
                k=int(k) or None,
                as_of=_date(as_of, "As of"),
                all_copies=bool(all_copies) or None,
            ):
                if chunk.answer is not None:
                    answer = chunk.answer
                elif chunk.text:
                    text += chunk.text
                    chat[-1] = {"role": "assistant", "content": text}
                    writing = '<div class="nd-empty">Writing the answer…</div>'
                    yield chat, writing, exchanges, "", article_choices(None)
        except NewsdeskError as error:
            chat[-1] = {"role": "assistant", "content": f"⚠ {public_message(error)}"}
            yield chat, NO_SOURCES, exchanges, "", article_choices(None)
            return
        assert answer is not None
        chat[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        exchanges[-1] = {
            "question": message,
            "standalone": answer.standalone_question,
            "answer": answer,
        }
        panel = sources_html(answer, len(exchanges))
        yield chat, panel, exchanges, "", article_choices(answer)

    def ask_again(
        self,
        position: int,
        question: str | None,
        chat: list[dict[str, Any]],
        exchanges: list[Exchange],
        *filters: Any,
    ) -> Iterator[ChatUpdate]:
        """Regenerate (question None) or edit (a new question) the exchange at a chat index."""
        number = max(0, int(position)) // 2
        kept = list(exchanges or [])[:number]
        if question is None:  # the question as shown (an exchange may have been stopped early)
            shown = (chat or [])[2 * number]["content"] if 2 * number < len(chat or []) else ""
            question = exchanges[number]["question"] if number < len(exchanges) else str(shown)
        asked = question
        yield from self.respond(asked, list(chat or [])[: 2 * number], kept, *filters)

    def show_sources(self, exchanges: list[Exchange], position: int) -> tuple[str, Any]:
        """The sources of the answer at a chat index (clicking a message shows its own)."""
        number = max(0, int(position)) // 2
        if number >= len(exchanges or []):
            return NO_SOURCES, article_choices(None)
        answer = exchanges[number].get("answer")
        return sources_html(answer, number + 1), article_choices(answer)

    def whole_article(self, article_id: str | None, exchanges: list[Exchange]) -> str:
        """The full text of a cited article, its quotes marked; loaded only when asked for."""
        if not article_id:
            return ""
        try:
            article = self.desk.article(article_id)
        except NewsdeskError as error:
            return f'<div class="nd-empty">⚠ {html.escape(public_message(error))}</div>'
        quotes = [
            (c.start, c.end)
            for e in exchanges or []
            if e.get("answer") is not None
            for c in e["answer"].citations
            if c.article_id == article_id
        ]
        return article_html(article.text, quotes)

    # --- library -----------------------------------------------------------------------
    def library(self, query: str = "") -> tuple[list[list[Any]], list[str]]:
        """The articles table (filtered by title and source) and the article id of each row.
        The copies of a story sit together under its newest one, marked "copy 2 of 3" …"""
        needle = (query or "").casefold().strip()
        articles = self.desk.articles()  # newest first
        stories: dict[str, list[Any]] = {}
        for article in articles:
            stories.setdefault(article.story_id or article.id, []).append(article)
        rows, ids = [], []
        for group in stories.values():
            for number, article in enumerate(group, start=1):
                if needle and needle not in f"{article.title} {article.source}".casefold():
                    continue
                published = article.published.isoformat() if article.published else "unknown"
                story = f"copy {number} of {len(group)}" if len(group) > 1 else "single"
                source = short_source(article.source)[0]
                rows.append([article.title, published, source, story, DELETE_CELL])
                ids.append(article.id)
        return rows, ids

    def source_choices(self) -> list[str]:
        """Distinct sources of the stored articles, for the filter."""
        return sorted({a.source for a in self.desk.articles()})

    def upload(self, files: list[str] | None) -> str:
        """Store uploads by content (never over another file) and ingest them."""
        if not files:
            return "Choose one or more files first."
        limit = self.desk.settings.max_upload_mb * 1024 * 1024
        uploads = self.desk.uploads_dir
        accepted: list[Path] = []
        refused: list[str] = []
        for name in files:
            path = Path(name)
            if path.stat().st_size > limit:
                megabytes = self.desk.settings.max_upload_mb
                refused.append(f"- refused — `{path.name}`: larger than {megabytes:g} MB")
                continue
            accepted.append(store_upload(path, uploads))
        text = ""
        if accepted:
            try:
                report = self.desk.ingest(accepted, progress=True)
            except NothingIngested as error:
                assert isinstance(error.report, IngestReport)
                report = error.report
            # Failed uploads, and copies of articles already stored, are not kept.
            self.desk.drop_unused_uploads([str(path.resolve()) for path in accepted])
            text = report_markdown(report)
        return "\n".join([text, *refused]).strip()

    def delete(self, article_id: str) -> str:
        """Remove an article by id."""
        article_id = (article_id or "").strip()
        if not article_id:
            return "Select an article in the table (or paste its id) first."
        try:
            removed = self.desk.remove(article_id)
        except NewsdeskError as error:
            return f"⚠ {public_message(error)}"
        return f"Deleted “{removed.title}” ({removed.id})."

    # --- API -----------------------------------------------------------------------------
    def api_ask(
        self,
        question: str,
        generator: str = "",
        k: int = 0,
        as_of: str = "",
        all_copies: bool = False,
    ) -> dict[str, Any]:
        """Same object as `newsdesk ask --json`; `as_of` is a date like 2023-03-08 (empty:
        the app's default)."""
        question = _text(question, "question")
        if generator and generator not in GENERATORS:
            raise _bad_request(
                f"unknown generator {generator!r}; use one of: {', '.join(GENERATORS)} "
                "(or leave it empty for the default)"
            )
        passages = _bounded(k, "k", 0, MAX_ANSWER_K)
        try:
            answer = self.desk.ask(
                question,
                generator=generator or None,
                k=passages or None,
                as_of=_date(as_of, "as_of"),
                all_copies=bool(all_copies) or None,
            )
        except NewsdeskError as error:
            raise _bad_request(public_message(error)) from None
        return dict(answer.to_dict())

    def api_search(
        self, query: str, k: int = 5, as_of: str = "", all_copies: bool = False
    ) -> list[dict[str, Any]]:
        """Same list as `newsdesk search --json`."""
        query = _text(query, "query")
        try:
            hits = self.desk.search(
                query,
                _bounded(k, "k", 1, MAX_SEARCH_K),
                as_of=_date(as_of, "as_of"),
                all_copies=bool(all_copies) or None,
            )
        except NewsdeskError as error:
            raise _bad_request(public_message(error)) from None
        return [hit.to_dict() for hit in hits]

    def api_timeline(
        self, topic: str, after: str = "", before: str = "", as_of: str = ""
    ) -> dict[str, Any]:
        """Same object as `newsdesk timeline --json`."""
        topic = _text(topic, "topic")
        try:
            timeline = self.desk.timeline(
                topic,
                after=_date(after, "after"),
                before=_date(before, "before"),
                as_of=_date(as_of, "as_of"),
            )
        except NewsdeskError as error:
            raise _bad_request(public_message(error)) from None
        return timeline.to_dict()

    def timeline_view(self, topic: str, after: str, before: str, as_of: str) -> str:
        """The Timeline tab's HTML for a topic."""
        if not (topic or "").strip():
            return '<div class="nd-empty">Type a topic, e.g. Japan\'s sanctions on Russia.</div>'
        try:
            timeline = self.desk.timeline(
                topic.strip(),
                after=_date(after, "From"),
                before=_date(before, "To"),
                as_of=_date(as_of, "As of"),
            )
        except NewsdeskError as error:
            return f'<div class="nd-empty">⚠ {html.escape(public_message(error))}</div>'
        return timeline_html(timeline)


def public_message(error: NewsdeskError) -> str:
    """What a browser or API caller is told of an error. A lost database's message names the
    server's address or socket path: that goes to the server log only."""
    if isinstance(error, StoreUnavailable):
        logger.error("%s", error)
        return (
            "the database cannot be reached right now; try again shortly "
            "(details are in the server log)"
        )
    return str(error)


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad_request(f"{name} must be a non-empty string")
    if len(value) > MAX_QUESTION_CHARS:
        raise _bad_request(
            f"the {name} is {len(value):,} characters long; the limit is {MAX_QUESTION_CHARS:,}"
        )
    return value.strip()


def _bounded(value: Any, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"{name} must be a whole number from {low} to {high}") from None
    if not low <= number <= high or number != value:
        raise _bad_request(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return number


def _bad_request(message: str) -> gr.Error:
    """An error the API caller sees as it is; the server log is not filled with its traceback."""
    return gr.Error(message, print_exception=False)
