"""An MCP server on the app's own server (Streamable HTTP at /mcp), so that agents can use the
archive: the tools `search_news`, `ask_news` and `news_timeline` take the REST API's arguments
and return its JSON (the CLI's `--json`). Built with the `mcp` package (2.x; Gradio's own MCP
server would pin an older pydantic). Behind the app's password like the REST API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import anyio
import gradio as gr
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from starlette.routing import Route

from assistant.ui.api import ApiHandlers

PATH = "/mcp"


def mcp_server(handlers: ApiHandlers) -> MCPServer:
    """The three tools over the app's API calls (bad input comes back as the tool's error)."""
    server = MCPServer(
        name="newsdesk",
        instructions="A news archive: search its passages, ask questions answered with exact "
        "citations (title, date, source, quote), or get a dated timeline of a topic. Dates are "
        "YYYY-MM-DD; `as_of` answers as of that day.",
    )

    @server.tool()
    async def search_news(
        query: str, k: int = 5, as_of: str = "", all_copies: bool = False
    ) -> list[dict[str, Any]]:
        """The passages that best match `query` (k: 1 … 100), each with its article's title,
        published date, source and offsets — as `newsdesk search --json`."""
        return await _call(handlers.api_search, query, k, as_of, all_copies)

    @server.tool()
    async def ask_news(
        question: str, generator: str = "", k: int = 0, as_of: str = "", all_copies: bool = False
    ) -> dict[str, Any]:
        """A short answer to `question` whose every sentence cites an exact quote of an article,
        or a refusal when the articles do not answer it — as `newsdesk ask --json`."""
        return await _call(handlers.api_ask, question, generator, k, as_of, all_copies)

    @server.tool()
    async def news_timeline(
        topic: str, after: str = "", before: str = "", as_of: str = ""
    ) -> dict[str, Any]:
        """The dated events of `topic` in date order, each with its sources — as `newsdesk
        timeline --json`."""
        return await _call(handlers.api_timeline, topic, after, before, as_of)

    return server


async def _call(function: Callable[..., Any], *arguments: Any) -> Any:
    """Run an API call off the event loop; its refusal ("k must be …") is the tool's error."""
    try:
        return await anyio.to_thread.run_sync(function, *arguments)
    except gr.Error as error:
        raise ToolError(str(error.message)) from None


def mcp_route(
    server: MCPServer, host: str, guard: Callable[[Any], Any] | None = None
) -> tuple[Route, Callable[[Any], AbstractAsyncContextManager[None]]]:
    """The /mcp route for the app's server (wrapped by `guard` when the app has a password) and
    the lifespan that runs the MCP sessions while the server runs."""
    app = server.streamable_http_app(
        streamable_http_path=PATH, stateless_http=True, json_response=True, host=host
    )
    endpoint = next(r for r in app.routes if isinstance(r, Route) and r.path == PATH).endpoint
    route = Route(PATH, endpoint=guard(endpoint) if guard else endpoint)

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        async with server.session_manager.run():
            yield

    return route, lifespan
