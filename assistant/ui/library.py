"""The Library tab: upload files or paste links, search the stored articles, delete one, and
follow feeds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.articles import SUPPORTED_SUFFIXES
from assistant.desk import Newsdesk
from assistant.errors import NewsdeskError
from assistant.ui.api import public_message
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
        _feeds_section(handlers, search, refreshed, [table, ids, sources])
    return table, ids


FEED_COLUMNS = ["feed", "address", "articles", "last refresh", "last error"]


def feed_rows(desk: Newsdesk) -> list[list[Any]]:
    """The Feeds table: one row per followed feed."""
    return [
        [f.title or "(untitled)", f.url, f.articles, f.refreshed_at or "never", f.error or ""]
        for f in desk.feeds()
    ]


def _feeds_section(
    handlers: ChatHandlers, search: Any, refreshed: Callable[[str], Any], library: list[Any]
) -> None:
    """Follow or drop RSS and Atom feeds, see how each did, refresh them now."""
    desk = handlers.desk
    with gr.Accordion("Feeds", open=bool(desk.feeds()), elem_id="nd-feeds"):
        with gr.Row(equal_height=True):
            address = gr.Textbox(label="Feed address (RSS or Atom)", scale=4, elem_id="nd-feed")
            follow = gr.Button("Follow", variant="primary", scale=1, elem_id="nd-follow")
            drop = gr.Button("Stop following", scale=1, elem_id="nd-unfollow")
            again = gr.Button("Refresh now", scale=1, elem_id="nd-refresh")
        said = gr.Markdown(elem_id="nd-feed-report")
        table = gr.Dataframe(
            feed_rows(desk), headers=FEED_COLUMNS, interactive=False, wrap=True,
            elem_id="nd-feed-table",
        )  # fmt: skip

    def followed(url: str) -> tuple[str, Any, str]:
        try:
            state = desk.follow(url.strip())
        except NewsdeskError as error:
            return f"⚠ {public_message(error)}", feed_rows(desk), url
        note = f"Following **{state.title or state.url}**: press *Refresh now* for its articles."
        return note, feed_rows(desk), ""

    def dropped(url: str) -> tuple[str, Any, str]:
        if not desk.unfollow(url.strip()):
            return f"⚠ Not following {url.strip() or 'that'}.", feed_rows(desk), url
        return "No longer following it (its articles stay).", feed_rows(desk), ""

    def refreshed_now(query: str, progress: Any = _TRACK_TQDM) -> tuple[Any, ...]:
        lines = [f"- {report.line()}" for report in desk.refresh()]
        return "\n".join(lines) or "No feeds followed.", feed_rows(desk), *refreshed(query)

    follow.click(followed, address, [said, table, address], api_visibility="private")
    drop.click(dropped, address, [said, table, address], api_visibility="private")
    again.click(refreshed_now, search, [said, table, *library], api_visibility="private")
