"""The Gradio app (minimal search page until the chat lands)."""

from __future__ import annotations

from typing import Any

from assistant.desk import Newsdesk
from assistant.settings import Settings


def prepare(settings: Settings) -> Newsdesk:
    """Open the index; index the sample corpus at first start, with visible progress."""
    desk = Newsdesk.open(settings)
    if not desk.stats()["articles"]:
        print(f"Indexing the sample corpus in {settings.corpus_dir} (first start)…", flush=True)
        desk.ingest([settings.corpus_dir], progress=True)
    return desk


def build_app(desk: Newsdesk) -> Any:
    """The Blocks app."""
    import gradio as gr

    def search(query: str) -> list[dict[str, Any]]:
        return [hit.to_dict() for hit in desk.search(query)]

    with gr.Blocks(title="newsdesk", analytics_enabled=False) as app:
        query = gr.Textbox(label="Search the articles")
        results = gr.JSON(label="Passages")
        query.submit(search, query, results, api_name="search")
    return app


def serve(settings: Settings) -> None:
    """Build everything and serve on settings.host:settings.port."""
    desk = prepare(settings)
    app = build_app(desk)
    app.launch(server_name=settings.host, server_port=settings.port, share=False)
