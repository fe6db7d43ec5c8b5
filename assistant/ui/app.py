"""The Gradio app: chat with streamed cited answers, per-answer sources, a library, and an API."""

from __future__ import annotations

import atexit
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.components.chatbot import ExampleMessage
from starlette.middleware import Middleware
from starlette.routing import Mount

from assistant.answering import GENERATORS
from assistant.app_client import announce
from assistant.desk import Newsdesk
from assistant.embedding import Embedder
from assistant.entities import EntityTagger
from assistant.reader import Reader
from assistant.settings import Settings
from assistant.ui.auth import LoginClientMiddleware, LoginGuard
from assistant.ui.examples import ExampleQuestions
from assistant.ui.handlers import ChatHandlers, article_choices
from assistant.ui.library import library_tab
from assistant.ui.mcp_tools import mcp_route, mcp_server
from assistant.ui.render import CSS, NO_SOURCES
from assistant.ui.rest import PREFIX, ApiDesk, credentials, rest_api

logger = logging.getLogger(__name__)

__all__ = ["ChatHandlers", "build_app", "launch_kwargs", "prepare", "serve"]


def prepare(
    settings: Settings,
    embedder: Embedder | None = None,
    reader: Reader | None = None,
    tagger: EntityTagger | None = None,
) -> Newsdesk:
    """Open the index (indexing the sample corpus at first start) and load every model.
    `reader` and `tagger` are the model process's; without them they load in this process."""
    desk = Newsdesk.open(settings, embedder=embedder, reader=reader, tagger=tagger)
    if not desk.stats()["articles"]:
        print(f"Indexing the sample corpus in {settings.corpus_dir} (first start)…", flush=True)
        desk.ingest([settings.corpus_dir], progress=True)
    print("Loading the models…", flush=True)
    desk.warm_up()
    return desk


def build_app(desk: Newsdesk) -> Any:
    """The Blocks app around an opened desk."""
    handlers = ChatHandlers(desk)
    examples = ExampleQuestions(desk)
    generators = [g for g in GENERATORS if g == "extractive" or _configured(desk.settings, g)]
    with gr.Blocks(title="newsdesk", analytics_enabled=False) as app:
        gr.Markdown("## newsdesk\nAsk about the news articles; every answer cites its sources.")
        exchanges = gr.State([])
        # On a phone the columns stack: the chat, its question box, then its sources; the
        # settings come last, for all widths.
        with gr.Tab("Chat"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=340):
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        show_label=False,  # a floating label covered each answer's first line
                        height=480,
                        elem_id="nd-chat",
                        editable="user",
                        buttons=["copy", "copy_all"],
                        # The page's script keeps a new answer's start in view.
                        autoscroll=False,
                        # Example questions come with the page (app.load): none is asked
                        # at start-up. Shown while the chat is empty; a click asks one.
                    )
                    with gr.Row():
                        message = gr.Textbox(
                            placeholder="e.g. When did Japan ban luxury exports to Russia?",
                            show_label=False,
                            scale=5,
                            elem_id="nd-question",
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, elem_id="nd-ask")
                        stop = gr.Button("Stop", scale=0, min_width=80, elem_id="nd-stop")
                with gr.Column(scale=2, min_width=300):
                    gr.Markdown("### Sources")
                    panel = gr.HTML(NO_SOURCES, elem_id="nd-sources")
                    whole = gr.Dropdown([], label="Open a whole article", elem_id="nd-open-article")
                    article = gr.HTML("", elem_id="nd-article")
            with gr.Row():
                as_of = gr.Textbox(
                    label="As of (YYYY-MM-DD; empty: today)",
                    value=desk.settings.as_of.isoformat() if desk.settings.as_of else "",
                    elem_id="nd-as-of",
                    scale=3,
                )
                clear = gr.Button("Clear chat", size="sm", elem_id="nd-clear", scale=1)
                plain = gr.Button("Copy answer as text", size="sm", elem_id="nd-copy-text", scale=1)
            with gr.Accordion("Filters and settings", open=False):
                with gr.Row():
                    after = gr.Textbox(label="Published from (YYYY-MM-DD)")
                    before = gr.Textbox(label="Published to (YYYY-MM-DD)")
                sources = gr.Dropdown(handlers.source_choices(), multiselect=True, label="Sources")
                with gr.Row():
                    generator = gr.Dropdown(
                        generators, value=desk.settings.generator, label="Answerer"
                    )
                    passages = gr.Slider(
                        1, 20, value=desk.settings.answer_k, step=1, label="Passages"
                    )
                all_copies = gr.Checkbox(
                    value=desk.settings.all_copies,
                    label="Show every copy of a story (default: one per story)",
                    elem_id="nd-all-copies",
                )
        filters = [after, before, sources, generator, passages, as_of, all_copies]
        outputs = [chatbot, panel, exchanges, message, whole]
        for trigger in (message.submit, send.click):
            trigger(
                handlers.respond,
                [message, chatbot, exchanges, *filters],
                outputs,
                api_visibility="private",
            )

        # Gradio passes event data to a positional parameter typed with its class.
        def regenerate(
            chat: Any,
            done: Any,
            a: Any,
            b: Any,
            s: Any,
            g: Any,
            k: Any,
            day: Any,
            copies: Any,
            event: gr.RetryData,
            request: gr.Request,
        ) -> Any:
            chosen = (a, b, s, g, k, day, copies)
            yield from handlers.ask_again(
                _index(event.index), None, chat, done, *chosen, request=request
            )

        def edit(
            chat: Any,
            done: Any,
            a: Any,
            b: Any,
            s: Any,
            g: Any,
            k: Any,
            day: Any,
            copies: Any,
            event: gr.EditData,
            request: gr.Request,
        ) -> Any:
            chosen = (a, b, s, g, k, day, copies)
            yield from handlers.ask_again(
                _index(event.index), str(event.value), chat, done, *chosen, request=request
            )

        if len(generators) > 1:  # the extractive answerer alone would repeat the same answer
            chatbot.retry(
                regenerate, [chatbot, exchanges, *filters], outputs, api_visibility="private"
            )
        chatbot.edit(edit, [chatbot, exchanges, *filters], outputs, api_visibility="private")

        def example(
            chat: Any,
            done: Any,
            a: Any,
            b: Any,
            s: Any,
            g: Any,
            k: Any,
            day: Any,
            copies: Any,
            event: gr.SelectData,
            request: gr.Request,
        ) -> Any:
            picked = event.value.get("text", "") if isinstance(event.value, dict) else ""
            yield from handlers.respond(
                str(picked), chat, done, a, b, s, g, k, day, copies, request=request
            )

        chatbot.example_select(
            example, [chatbot, exchanges, *filters], outputs, api_visibility="private"
        )
        # Stop ends the streaming answer at its next words; what was streamed stays. No
        # Gradio cancel: a cancelled stream turned every output into an "Error" badge.
        stop.click(handlers.stop, None, None, api_visibility="private")

        def pick_answer(done: Any, event: gr.SelectData) -> tuple[str, Any]:
            return handlers.show_sources(done, _index(event.index))

        chatbot.select(pick_answer, exchanges, [panel, whole], api_visibility="private")
        whole.change(handlers.whole_article, [whole, exchanges], article, api_visibility="private")

        def reset() -> tuple[Any, ...]:
            return [], NO_SOURCES, [], "", article_choices(None), ""

        # The chat's own copy icon copies Markdown (**bold**); this copies what is shown.
        plain.click(None, None, None, js=_COPY_TEXT)
        for trigger in (clear.click, chatbot.clear):
            trigger(reset, None, [*outputs, article], api_visibility="private")
        _timeline_tab(handlers)
        table, ids = library_tab(handlers, sources)
        app.load(
            lambda: (
                *handlers.library(),
                gr.update(choices=handlers.source_choices()),
                gr.update(examples=_examples(examples.questions())),
            ),
            None,
            [table, ids, sources, chatbot],
            api_visibility="private",
        )
        gr.api(handlers.api_ask, api_name="ask")
        gr.api(handlers.api_search, api_name="search")
        gr.api(handlers.api_timeline, api_name="timeline")
    return app


def _timeline_tab(handlers: ChatHandlers) -> None:
    with gr.Tab("Timeline"):
        with gr.Row():
            topic = gr.Textbox(
                label="Topic",
                placeholder="e.g. Japan's sanctions against Russia",
                elem_id="nd-timeline-topic",
                scale=4,
            )
            build = gr.Button("Build timeline", variant="primary", elem_id="nd-timeline-build")
        with gr.Row():
            after = gr.Textbox(label="Events from (YYYY-MM-DD)")
            before = gr.Textbox(label="Events to (YYYY-MM-DD)")
            as_of = gr.Textbox(
                label="As of (YYYY-MM-DD; empty: today)", elem_id="nd-timeline-as-of"
            )
        shown = gr.HTML(
            '<div class="nd-empty">Events appear here in date order.</div>', elem_id="nd-timeline"
        )
        for trigger in (build.click, topic.submit):
            trigger(
                handlers.timeline_view,
                [topic, after, before, as_of],
                shown,
                api_visibility="private",
            )


_COPY_TEXT = """() => {
  const answers = document.querySelectorAll("#nd-chat [data-testid='bot']");
  if (!answers.length) return;
  const text = answers[answers.length - 1].innerText.trim();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text);
    return;
  }
  const box = document.createElement("textarea");  // a page served over plain http
  box.value = text;
  document.body.append(box);
  box.select();
  document.execCommand("copy");
  box.remove();
}"""


def _examples(questions: list[str]) -> list[ExampleMessage] | None:
    return [ExampleMessage(text=q) for q in questions] or None


def _index(index: Any) -> int:
    """A chat event's message index (Gradio gives an int, or a (message, part) pair)."""
    return int(index[0] if isinstance(index, (list, tuple)) else index)


def _configured(settings: Settings, generator: str) -> bool:
    return bool(settings.llm_base_url) if generator == "openai" else bool(settings.llm_gguf_path)


def refresh_every(desk: Newsdesk, minutes: float) -> threading.Thread:
    """Refresh the followed feeds now and then every `minutes`, in a daemon thread (a feed
    another process is refreshing is left to it); each feed's line goes to the log."""

    def loop() -> None:
        while True:
            try:
                for report in desk.refresh():
                    print(f"feed refresh: {report.line()}", flush=True)
            except Exception:  # the next round tries again; the app goes on
                logger.exception("feed refresh failed")
            time.sleep(minutes * 60)

    thread = threading.Thread(target=loop, name="newsdesk-feeds", daemon=True)
    thread.start()
    return thread


def launch_kwargs(settings: Settings, desk: Newsdesk | None = None) -> dict[str, Any]:
    """launch() arguments: host, port, no share link, upload limit, optional password, and
    (given the desk) the REST API at /api/v1 behind the same password."""
    kwargs: dict[str, Any] = {
        "server_name": settings.host,
        "server_port": settings.port,
        "share": False,
        "quiet": True,  # Gradio's banner suggests share=True, which newsdesk never uses
        "max_file_size": int(settings.max_upload_mb * 1024 * 1024),
        "css": CSS,
        # Citations you can hover and click: a script of its own, read when the app starts.
        "head": f"<script>{(Path(__file__).parent / 'citations.js').read_text()}</script>",
        "footer_links": [],
    }
    guard = None
    app_kwargs: dict[str, Any] = {}
    if settings.auth_username and settings.auth_password:
        guard = LoginGuard(settings.auth_username, settings.auth_password.get_secret_value())
        kwargs["auth"] = guard
        # Logins are limited per client: the guard learns each login's address from this.
        app_kwargs["middleware"] = [Middleware(LoginClientMiddleware)]
    if desk is not None:
        # Routes given to the server before Gradio adds its own: /api/v1 and /mcp are never
        # the page's. The MCP sessions run for as long as the server does.
        api = ApiDesk(desk)
        route, lifespan = mcp_route(mcp_server(api), settings.host, credentials(settings, guard))
        rest = Mount(PREFIX, app=rest_api(api, settings, guard))
        app_kwargs["routes"] = [rest, route]
        app_kwargs["lifespan"] = lifespan
    if app_kwargs:
        kwargs["app_kwargs"] = app_kwargs
    return kwargs


def serve(
    settings: Settings,
    embedder: Embedder | None = None,
    reader: Reader | None = None,
    tagger: EntityTagger | None = None,
) -> None:
    """Build everything, load the models, say where the app is, and serve until interrupted."""
    desk = prepare(settings, embedder, reader, tagger)
    app = build_app(desk)
    app.queue(default_concurrency_limit=8)
    app.launch(prevent_thread_lock=True, **launch_kwargs(settings, desk))
    # `newsdesk ask` on this index answers through this app instead of loading the models.
    withdraw = announce(settings.index_dir, str(app.local_url), bool(settings.auth_username))
    atexit.register(withdraw)
    # `kill` (SIGTERM) stops the app as Ctrl-C does: app.json goes, the model process ends.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if settings.refresh_minutes > 0:
        refresh_every(desk, settings.refresh_minutes)
    print(f"newsdesk is ready: {app.local_url}", flush=True)
    app.block_thread()  # until Ctrl-C or kill: atexit then removes app.json
