"""The web app's callbacks: plain Python over a Newsdesk, returning values Gradio can show."""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering import Answer, Turn
from assistant.citing import source_numbers
from assistant.desk import Newsdesk
from assistant.errors import NewsdeskError, NothingIngested
from assistant.ingest import IngestReport
from assistant.retrieval import SearchFilters
from assistant.ui.api import ApiHandlers, form_date, public_message
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
STOPPED = "*Stopped.*"
STOPPED_PANEL = '<div class="nd-empty" data-stopped="1">Stopped: this answer has no sources.</div>'
LIBRARY_COLUMNS = ["title", "published", "source", "story", "delete"]
DELETE_CELL = "delete"

# One exchange: the question, how it was understood, and its Answer (None while streaming, or
# when it failed or was stopped). Exchange i is chat messages 2i (question) and 2i+1 (answer).
Exchange = dict[str, Any]
ChatUpdate = tuple[list[dict[str, Any]], str, list[Exchange], str, Any]


def _message_text(content: Any) -> str:
    """A chat message's text, whether Gradio sends it as a string or as parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, (list, tuple)):
        return "".join(_message_text(part) for part in content)
    return ""


def _closed(markdown: str) -> str:
    """Markdown cut mid-stream with its bold or italics closed ("**Friday" → "**Friday**")."""
    if markdown.count("**") % 2:
        markdown += "**"
    if markdown.replace("**", "").count("*") % 2:
        markdown += "*"
    return markdown


def _session(request: gr.Request | None) -> str:
    """The browser session of a call (one for calls made without one, as in tests)."""
    return str(getattr(request, "session_hash", None) or "")


def article_choices(answer: Answer | None) -> Any:
    """The cited articles of an answer, for the 'whole article' menu."""
    cited = answer.citations if answer else ()
    numbers = source_numbers((c.n, c.article_id) for c in cited)
    seen: dict[str, str] = {}
    for citation in cited:
        seen.setdefault(citation.article_id, f"[{numbers[citation.n]}] {citation.title}")
    return gr.update(choices=[(label, key) for key, label in seen.items()], value=None)


class ChatHandlers(ApiHandlers):
    """The app's callbacks, holding the desk."""

    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk
        # Browser sessions with an answer streaming, and those whose Stop was pressed.
        self._answering: set[str] = set()
        self._stopping: set[str] = set()
        self._lock = threading.Lock()

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
        request: gr.Request | None = None,
    ) -> Iterator[ChatUpdate]:
        """Stream the answer into the chat, then show its sources. Stop (`stop`) ends it at
        its next words: what was streamed stays, marked as stopped."""
        session = _session(request)
        with self._streaming(session):
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
                    form_date(after, "Published from"),
                    form_date(before, "Published to"),
                    tuple(sources or ()),
                )
                text, answer = "", None
                for chunk in self.desk.ask_stream(
                    message,
                    history,
                    generator=generator or None,
                    filters=filters,
                    k=int(k) or None,
                    as_of=form_date(as_of, "As of"),
                    all_copies=bool(all_copies) or None,
                ):
                    if session in self._stopping:
                        yield (*self.stopped(chat, exchanges), "", article_choices(None))
                        return
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
            with self._lock:  # finished unless Stop came first: then it stays stopped
                stopped = session in self._stopping
                self._answering.discard(session)
            if stopped:
                yield (*self.stopped(chat, exchanges), "", article_choices(None))
                return
            chat[-1] = {"role": "assistant", "content": answer_markdown(answer)}
            exchanges[-1] = {
                "question": message,
                "standalone": answer.standalone_question,
                "answer": answer,
            }
            panel = sources_html(answer, len(exchanges))
            yield chat, panel, exchanges, "", article_choices(answer)

    @contextmanager
    def _streaming(self, session: str) -> Iterator[None]:
        """The session has an answer streaming while inside; a Stop pressed before is dropped."""
        self._stopping.discard(session)
        self._answering.add(session)
        try:
            yield
        finally:
            self._answering.discard(session)
            self._stopping.discard(session)

    def ask_again(
        self,
        position: int,
        question: str | None,
        chat: list[dict[str, Any]],
        exchanges: list[Exchange],
        after: str,
        before: str,
        sources: list[str],
        generator: str,
        k: float,
        as_of: str = "",
        all_copies: bool = False,
        request: gr.Request | None = None,
    ) -> Iterator[ChatUpdate]:
        """Regenerate (question None) or edit (a new question) the exchange at a chat index."""
        number = max(0, int(position)) // 2
        kept = list(exchanges or [])[:number]
        if question is None:  # the question as shown (an exchange may have been stopped early)
            shown = (chat or [])[2 * number]["content"] if 2 * number < len(chat or []) else ""
            question = exchanges[number]["question"] if number < len(exchanges) else str(shown)
        yield from self.respond(
            question, list(chat or [])[: 2 * number], kept, after, before, sources, generator, k,
            as_of, all_copies, request=request,
        )  # fmt: skip

    def stop(self, request: gr.Request | None = None) -> None:
        """Stop pressed: the answer being streamed ends at its next words, where its own stream
        shows it stopped. (Stop writes no output itself: Gradio streams a generator's outputs
        as changes to what it sent before, so a second writer garbles them.)"""
        session = _session(request)
        with self._lock:
            if session in self._answering:
                self._stopping.add(session)

    def stopped(
        self, chat: list[dict[str, Any]], exchanges: list[Exchange]
    ) -> tuple[list[dict[str, Any]], Any, list[Exchange]]:
        """The answer streamed so far, marked as stopped (an answer not yet begun says so), and
        a sources panel saying there are none. A finished or failed answer is left as it is."""
        chat, exchanges = list(chat or []), list(exchanges or [])
        busy = exchanges and exchanges[-1].get("answer") is None
        if not busy or not chat or chat[-1].get("role") != "assistant":
            return chat, NO_SOURCES, exchanges
        partial = _message_text(chat[-1].get("content")).strip()
        if partial.startswith("⚠"):  # it failed before Stop: the reason stays
            return chat, NO_SOURCES, exchanges
        content = f"{_closed(partial)}\n\n{STOPPED}" if partial else STOPPED
        chat[-1] = {"role": "assistant", "content": content}
        exchanges[-1] = {**exchanges[-1], "stopped": True}
        return chat, STOPPED_PANEL, exchanges

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

    def source_choices(self) -> list[tuple[str, str]]:
        """The stored articles for the Sources filter, newest first: each shown by its title
        and date (a server path means nothing to a reader), its value the source filtered on."""
        choices: dict[str, str] = {}
        for article in self.desk.articles():  # newest first
            day = article.published.isoformat() if article.published else "undated"
            choices.setdefault(article.source, f"{article.title} · {day}")
        return [(label, source) for source, label in choices.items()]

    def fetch_links(self, text: str | None) -> str:
        """Fetch and ingest the article links pasted (one or more, any spacing)."""
        from assistant.web.pages import is_url

        given = (text or "").split()
        links = [word for word in given if is_url(word)]
        if not links:
            return "Paste one or more links (https://…) first."
        refused = [f"- refused — `{w}`: not a link (https://…)" for w in given if not is_url(w)]
        try:
            report = self.desk.ingest(links, progress=True)
        except NothingIngested as error:
            assert isinstance(error.report, IngestReport)
            report = error.report
        return "\n".join([report_markdown(report), *refused]).strip()

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

    def timeline_view(self, topic: str, after: str, before: str, as_of: str) -> str:
        """The Timeline tab's HTML for a topic."""
        if not (topic or "").strip():
            return '<div class="nd-empty">Type a topic, e.g. Japan\'s sanctions on Russia.</div>'
        try:
            timeline = self.desk.timeline(
                topic.strip(),
                after=form_date(after, "From"),
                before=form_date(before, "To"),
                as_of=form_date(as_of, "As of"),
            )
        except NewsdeskError as error:
            return f'<div class="nd-empty">⚠ {html.escape(public_message(error))}</div>'
        return timeline_html(timeline)
