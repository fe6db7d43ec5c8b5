"""The Library tab: upload files or paste links, search the stored articles, delete one."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.articles import SUPPORTED_SUFFIXES
from assistant.ui.handlers import DELETE_CELL, LIBRARY_COLUMNS, ChatHandlers

# gr.Progress as a default argument is how Gradio injects a progress bar; it mirrors tqdm.
_TRACK_TQDM = gr.Progress(track_tqdm=True)


def library_tab(handlers: ChatHandlers, sources: Any) -> tuple[Any, Any]:
    """Build the tab inside the app's Blocks; returns the articles table and its row ids.
    `sources` is the chat's Sources filter, refreshed when the library changes."""
    with gr.Tab("Library"):
        files = gr.File(
            label=f"Upload articles ({', '.join(SUPPORTED_SUFFIXES)})",
            file_count="multiple",
            file_types=list(SUPPORTED_SUFFIXES),
            elem_id="nd-upload",
            height=150,
        )
        ingest = gr.Button("Ingest", variant="primary", elem_id="nd-ingest")
        with gr.Row(equal_height=True):
            links = gr.Textbox(
                label="…or article links (https://…, one per line)",
                lines=2,
                scale=4,
                elem_id="nd-links",
            )
            fetch = gr.Button("Fetch and ingest", scale=1, elem_id="nd-fetch")
        report = gr.Markdown(elem_id="nd-report")
        search = gr.Textbox(label="Search the library", elem_id="nd-library-search")
        rows, row_ids = handlers.library()
        ids = gr.State(row_ids)
        table = gr.Dataframe(
            rows,
            headers=LIBRARY_COLUMNS,
            interactive=False,
            wrap=True,
            column_widths=["44%", "14%", "18%", "14%", "10%"],
            elem_id="nd-library",
        )
        with gr.Row():
            selected = gr.Textbox(label="Article id", elem_id="nd-selected", scale=4)
            delete = gr.Button("Delete article", variant="stop", elem_id="nd-delete", scale=1)
        deleted = gr.Markdown(elem_id="nd-deleted")

        def refreshed(query: str = "") -> tuple[Any, Any, Any]:
            rows, row_ids = handlers.library(query)
            return rows, row_ids, gr.update(choices=handlers.source_choices())

        library = [table, ids, sources]

        def upload(chosen: list[str] | None, query: str, progress: Any = _TRACK_TQDM) -> Any:
            # The upload box empties: the next Ingest sends only the files chosen next.
            return handlers.upload(chosen), *refreshed(query), None

        ingest.click(upload, [files, search], [report, *library, files], api_visibility="private")

        def fetched(text: str, query: str, progress: Any = _TRACK_TQDM) -> Any:
            return handlers.fetch_links(text), *refreshed(query), ""

        fetch.click(fetched, [links, search], [report, *library, links], api_visibility="private")
        search.change(handlers.library, search, [table, ids], api_visibility="private")

        def pick(row_ids: list[str], event: gr.SelectData) -> tuple[str, str]:
            row, column = event.index
            if not 0 <= row < len(row_ids):
                return "", ""
            if column == LIBRARY_COLUMNS.index(DELETE_CELL):
                title = event.row_value[0] if event.row_value else "this article"
                return row_ids[row], f"Delete “{title}”? Press **Delete article** to confirm."
            return row_ids[row], ""

        table.select(pick, ids, [selected, deleted], api_visibility="private")

        def remove(article_id: str, query: str) -> tuple[Any, ...]:
            return handlers.delete(article_id), *refreshed(query), ""

        delete.click(
            remove, [selected, search], [deleted, *library, selected], api_visibility="private"
        )
    return table, ids
