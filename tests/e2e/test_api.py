"""The named Gradio endpoints, called with gradio_client like another app would."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]
QUESTIONS = [
    "When did Japan decide to ban exports of luxury items to Russia?",
    "Which US Treasury Secretary commented on Belarus?",
    "What did Blinken say about the referendums?",
    "Who sanctioned Aleksandr Volfovich?",
    "What did Lukashenko say about his army?",
]


def test_ask_and_search_endpoints_match_the_cli_json(running_app) -> None:
    from gradio_client import Client

    client = Client(running_app.url, verbose=False)
    answer = client.predict("when did Japan ban luxury exports?", api_name="/ask")
    hits = client.predict("luxury export ban", 3, api_name="/search")
    assert answer["status"] == "answered" and "25 March 2022" in answer["answer"]
    assert list(hits[0])[:8] == [
        "article_id",
        "title",
        "published",
        "source",
        "text",
        "start",
        "end",
        "score",
    ]
    # the same index through the CLI gives the same objects
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "search",
            "luxury export ban",
            "--k",
            "3",
            "--json",
            "--index",
            str(running_app.index),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert json.loads(cli.stdout) == hits


def test_eight_sessions_twenty_questions_each_in_parallel(app_url: str) -> None:
    from gradio_client import Client

    def session(number: int) -> list[dict]:
        client = Client(app_url, verbose=False)
        return [
            client.predict(QUESTIONS[(number + i) % len(QUESTIONS)], api_name="/ask")
            for i in range(20)
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [answer for answers in pool.map(session, range(8)) for answer in answers]
    assert len(results) == 160
    assert all(r["status"] == "answered" and r["citations"] for r in results)


def test_bad_api_input_gets_a_clear_error_and_no_traceback(running_app) -> None:
    from gradio_client import Client

    client = Client(running_app.url, verbose=False)
    for args, api, message in (
        (("luxury", -1), "/search", "k must be a whole number from 1 to 100"),
        (("luxury", 10**9), "/search", "k must be a whole number from 1 to 100"),
        (("when?", "gpt-9", 0), "/ask", "unknown generator 'gpt-9'"),
        (("", "", 0), "/ask", "question must be a non-empty string"),
    ):
        with pytest.raises(Exception, match=message):
            client.predict(*args, api_name=api)
    assert "Traceback" not in running_app.log.read_text()


def test_timeline_endpoint_matches_the_cli_json(running_app) -> None:
    from gradio_client import Client

    client = Client(running_app.url, verbose=False)
    timeline = client.predict(
        "Japan's sanctions against Russia", "", "", "2026-11-23", api_name="/timeline"
    )
    assert list(timeline) == ["topic", "as_of", "events", "undated"]
    assert [e["date"] for e in timeline["events"]] == sorted(e["date"] for e in timeline["events"])
    cli = subprocess.run(
        [
            sys.executable, "-m", "assistant.cli", "timeline", "Japan's sanctions against Russia",
            "--as-of", "2026-11-23", "--json", "--index", str(running_app.index),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert json.loads(cli.stdout) == timeline
    answer = client.predict(
        "When did Japan ban luxury exports?", "", 0, "2022-03-01", False, api_name="/ask"
    )
    assert answer["as_of"] == "2022-03-01" and answer["status"] == "not_found"
