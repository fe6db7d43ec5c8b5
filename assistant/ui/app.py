"""The Gradio app: chat with streamed cited answers, a sources panel, a library, and an API."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering import GENERATORS, Answer, Turn
from assistant.articles import SUPPORTED_SUFFIXES
from assistant.desk import Newsdesk
from assistant.errors import NewsdeskError
from assistant.retrieval import SearchFilters
from assistant.settings import Settings
from assistant.ui.render import CSS, NO_SOURCES, answer_markdown, report_markdown, sources_html

# gr.Progress as a default argument is how Gradio injects a progress bar; it mirrors tqdm.
_TRACK_TQDM = gr.Progress(track_tqdm=True)
LIBRARY_COLUMNS = ["title", "published", "source", "passages", "article id"]


def prepare(settings: Settings) -> Newsdesk:
    """Open the index; index the sample corpus at first start, with visible progress."""
    desk = Newsdesk.open(settings)
    if not desk.stats()["articles"]:
        print(f"Indexing the sample corpus in {settings.corpus_dir} (first start)…", flush=True)
        desk.ingest([settings.corpus_dir], progress=True)
    return desk


def _date(value: str | None, label: str) -> date | None:
    if not value or not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise NewsdeskError(f"{label} must be a date like 2022-03-25, not {value!r}") from None


class ChatHandlers:
    """The app's callbacks, holding the desk; each returns plain values Gradio can show."""

    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk

    # --- chat --------------------------------------------------------------------------
    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]],
        turns: list[dict[str, str]],
        after: str,
        before: str,
        sources: list[str],
        generator: str,
        k: float,
    ) -> Iterator[tuple[list[dict[str, Any]], str, list[dict[str, str]], str]]:
        """Stream the answer into the chat, then fill the sources panel."""
        message = (message or "").strip()
        if not message:
            yield chat, NO_SOURCES, turns, ""
            return
        chat = [*chat, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        yield chat, '<div class="nd-empty">Searching the articles…</div>', turns, ""
        try:
            filters = SearchFilters(
                _date(after, "Published from"), _date(before, "Published to"), tuple(sources or ())
            )
            history = [Turn(t["question"], t["standalone"], t["answer"]) for t in turns]
            text = ""
            answer: Answer | None = None
            for chunk in self.desk.ask_stream(
                message, history, generator=generator or None, filters=filters, k=int(k) or None
            ):
                if chunk.answer is not None:
                    answer = chunk.answer
                elif chunk.text:
                    text += chunk.text
                    chat[-1] = {"role": "assistant", "content": text}
                    yield chat, '<div class="nd-empty">Writing the answer…</div>', turns, ""
        except NewsdeskError as error:
            chat[-1] = {"role": "assistant", "content": f"⚠ {error}"}
            yield chat, NO_SOURCES, turns, ""
            return
        assert answer is not None
        chat[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        articles = {c.article_id: self.desk.article(c.article_id).text for c in answer.citations}
        turn = {
            "question": message,
            "standalone": answer.standalone_question,
            "answer": answer.answer,
        }
        yield chat, sources_html(answer, articles), [*turns, turn], ""

    # --- library -----------------------------------------------------------------------
    def library_rows(self, query: str = "") -> list[list[Any]]:
        """The articles table, filtered by a case-insensitive search over title and source."""
        needle = (query or "").casefold().strip()
        rows = []
        for article in self.desk.articles():
            if needle and needle not in f"{article.title} {article.source}".casefold():
                continue
            published = article.published.isoformat() if article.published else "unknown"
            rows.append([article.title, published, article.source, article.chunks, article.id])
        return rows

    def source_choices(self) -> list[str]:
        """Distinct sources, for the filter."""
        return sorted({a.source for a in self.desk.articles()})

    def upload(self, files: list[str] | None) -> str:
        """Copy uploads into the index's uploads folder and ingest them."""
        if not files:
            return "Choose one or more files first."
        limit = self.desk.settings.max_upload_mb * 1024 * 1024
        uploads = Path(self.desk.settings.index_dir) / "uploads"
        uploads.mkdir(parents=True, exist_ok=True)
        accepted: list[Path] = []
        refused: list[str] = []
        for name in files:
            path = Path(name)
            if path.stat().st_size > limit:
                megabytes = self.desk.settings.max_upload_mb
                refused.append(f"- refused — `{path.name}`: larger than {megabytes:g} MB")
                continue
            target = uploads / path.name
            shutil.copyfile(path, target)
            accepted.append(target)
        text = report_markdown(self.desk.ingest(accepted, progress=True)) if accepted else ""
        return "\n".join([text, *refused]).strip()

    def delete(self, article_id: str) -> str:
        """Remove an article by id."""
        article_id = (article_id or "").strip()
        if not article_id:
            return "Select an article in the table (or paste its id) first."
        try:
            removed = self.desk.remove(article_id)
        except NewsdeskError as error:
            return f"⚠ {error}"
        return f"Deleted “{removed.title}” ({removed.id})."

    # --- API -----------------------------------------------------------------------------
    def api_ask(self, question: str, generator: str = "", k: int = 0) -> dict[str, Any]:
        """Same object as `newsdesk ask --json`."""
        return self.desk.ask(question, generator=generator or None, k=int(k) or None).to_dict()

    def api_search(self, query: str, k: int = 5) -> list[dict[str, Any]]:
        """Same list as `newsdesk search --json`."""
        return [hit.to_dict() for hit in self.desk.search(query, int(k) or None)]


def build_app(desk: Newsdesk) -> Any:
    """The Blocks app around an opened desk."""
    handlers = ChatHandlers(desk)
    generators = [g for g in GENERATORS if g == "extractive" or _configured(desk.settings, g)]
    with gr.Blocks(title="newsdesk", analytics_enabled=False) as app:
        gr.Markdown("## newsdesk\nAsk about the news articles; every answer cites its sources.")
        turns = gr.State([])
        with gr.Tab("Chat"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Conversation", height=480, elem_id="nd-chat")
                    with gr.Row():
                        message = gr.Textbox(
                            placeholder="e.g. When did Japan ban luxury exports to Russia?",
                            show_label=False,
                            scale=5,
                            elem_id="nd-question",
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, elem_id="nd-ask")
                    clear = gr.Button("Clear chat", size="sm", elem_id="nd-clear")
                    with gr.Accordion("Filters and settings", open=False):
                        with gr.Row():
                            after = gr.Textbox(label="Published from (YYYY-MM-DD)")
                            before = gr.Textbox(label="Published to (YYYY-MM-DD)")
                        sources = gr.Dropdown(
                            handlers.source_choices(), multiselect=True, label="Sources"
                        )
                        with gr.Row():
                            generator = gr.Dropdown(
                                generators, value=desk.settings.generator, label="Answerer"
                            )
                            passages = gr.Slider(
                                1, 20, value=desk.settings.answer_k, step=1, label="Passages"
                            )
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    panel = gr.HTML(NO_SOURCES, elem_id="nd-sources")
            inputs = [message, chatbot, turns, after, before, sources, generator, passages]
            outputs = [chatbot, panel, turns, message]
            for trigger in (message.submit, send.click):
                trigger(handlers.respond, inputs, outputs, api_visibility="private")
            clear.click(lambda: ([], NO_SOURCES, [], ""), None, outputs, api_visibility="private")
        with gr.Tab("Library"):
            files = gr.File(
                label=f"Upload articles ({', '.join(SUPPORTED_SUFFIXES)})",
                file_count="multiple",
                file_types=list(SUPPORTED_SUFFIXES),
                elem_id="nd-upload",
                height=150,
            )
            ingest = gr.Button("Ingest", variant="primary", elem_id="nd-ingest")
            report = gr.Markdown(elem_id="nd-report")
            search = gr.Textbox(label="Search the library", elem_id="nd-library-search")
            table = gr.Dataframe(
                handlers.library_rows(),
                headers=LIBRARY_COLUMNS,
                interactive=False,
                wrap=True,
                column_widths=["38%", "11%", "33%", "8%", "10%"],
                elem_id="nd-library",
            )
            with gr.Row():
                selected = gr.Textbox(label="Article id", elem_id="nd-selected", scale=4)
                delete = gr.Button("Delete article", variant="stop", elem_id="nd-delete", scale=1)
            deleted = gr.Markdown(elem_id="nd-deleted")

            def upload(chosen: list[str] | None, progress: Any = _TRACK_TQDM) -> tuple[Any, ...]:
                text = handlers.upload(chosen)
                return text, handlers.library_rows(), gr.update(choices=handlers.source_choices())

            ingest.click(upload, files, [report, table, sources], api_visibility="private")
            search.change(handlers.library_rows, search, table, api_visibility="private")

            def pick(rows: Any, event: gr.SelectData) -> str:
                return str(rows.iloc[event.index[0]][LIBRARY_COLUMNS[-1]])

            table.select(pick, table, selected, api_visibility="private")

            def remove(article_id: str, query: str):
                return handlers.delete(article_id), handlers.library_rows(query), ""

            delete.click(
                remove, [selected, search], [deleted, table, selected], api_visibility="private"
            )
        app.load(
            lambda: (handlers.library_rows(), gr.update(choices=handlers.source_choices())),
            None,
            [table, sources],
            api_visibility="private",
        )
        gr.api(handlers.api_ask, api_name="ask")
        gr.api(handlers.api_search, api_name="search")
    return app


def _configured(settings: Settings, generator: str) -> bool:
    return bool(settings.llm_base_url) if generator == "openai" else bool(settings.llm_gguf_path)


def launch_kwargs(settings: Settings) -> dict[str, Any]:
    """launch() arguments: host, port, no share link, upload limit, optional password."""
    kwargs: dict[str, Any] = {
        "server_name": settings.host,
        "server_port": settings.port,
        "share": False,
        "max_file_size": int(settings.max_upload_mb * 1024 * 1024),
        "css": CSS,
        "footer_links": [],
    }
    if settings.auth_username and settings.auth_password:
        kwargs["auth"] = (settings.auth_username, settings.auth_password.get_secret_value())
    return kwargs


def serve(settings: Settings) -> None:
    """Build everything and serve until interrupted."""
    desk = prepare(settings)
    app = build_app(desk)
    app.queue(default_concurrency_limit=8)
    app.launch(**launch_kwargs(settings))
