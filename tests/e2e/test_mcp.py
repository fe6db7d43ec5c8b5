"""The MCP server of the running app (issue 22.5), through the `mcp` package's own client."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from tests.e2e.conftest import RunningApp
from tests.e2e.test_rest_api import app_json

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def _session(url: str, calls: list[tuple[str, dict[str, Any]]], headers=None) -> Any:
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    async with (
        httpx2.AsyncClient(headers=headers or {}, timeout=120) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        tools = await client.list_tools()
        results = [await client.call_tool(name, arguments) for name, arguments in calls]
        return [t.name for t in tools.tools], results


def mcp_calls(url: str, *calls: tuple[str, dict[str, Any]], headers=None) -> Any:
    return asyncio.run(_session(url, list(calls), headers))


def text(result: Any) -> Any:
    """A tool's JSON: its structured content (a list comes as {"result": [...]}, one text block
    per item), which its text blocks repeat."""
    data = result.structured_content
    if list(data) == ["result"]:
        assert [json.loads(c.text) for c in result.content] == data["result"]
        return data["result"]
    assert json.loads(result.content[0].text) == data
    return data


def test_an_agent_searches_asks_and_builds_timelines_over_mcp(running_app: RunningApp) -> None:
    question = "Which banks did Tokyo designate?"
    topic = "Japan's sanctions against Russia"
    names, (found, answer, timeline, refused) = mcp_calls(
        running_app.url + "mcp",
        ("search_news", {"query": "luxury goods", "k": 3}),
        ("ask_news", {"question": question}),
        ("news_timeline", {"topic": topic, "as_of": "2024-12-01"}),
        ("search_news", {"query": "luxury goods", "k": -1}),
    )
    assert sorted(names) == ["ask_news", "news_timeline", "search_news"]
    assert not found.is_error
    assert text(found) == app_json(running_app, "search", "luxury goods", 3, "", False)
    assert text(answer) == app_json(running_app, "ask", question, "", 0, "", False)
    assert text(answer)["short_answer"]["text"].startswith("VTB Bank")
    expected = app_json(running_app, "timeline", topic, "", "", "2024-12-01")
    assert text(timeline) == expected and expected["events"]
    assert refused.is_error
    assert refused.content[0].text.endswith(": k must be a whole number from 1 to 100, not -1")
