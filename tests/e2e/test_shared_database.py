"""Two real app processes on one PostgreSQL database: each sees the other's and the CLI's
ingests and deletions at once (the real app, the real MiniLM, a real PostgreSQL + pgvector)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import start_app, stop_app

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NEW = """# Harbour cranes idle as Norvik dockers strike

Published: 2023-05-04

Dockers at the port of Norvik walked out on Thursday over a cranes automation plan, leaving
forty container ships waiting outside the breakwater, the union said.
"""


def _cli(url: str, *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", *argv, "--database-url", url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _titles(app_url: str, query: str) -> list[str]:
    from gradio_client import Client

    hits = Client(app_url, verbose=False).predict(query, 3, api_name="/search")
    return [hit["title"] for hit in hits]


def test_two_apps_and_the_cli_share_one_database(database_url, tmp_path: Path) -> None:
    first, one = start_app(tmp_path / "one", NEWSDESK_DATABASE_URL=database_url)
    try:
        assert "Indexing the sample corpus" in one.log.read_text()  # the database was empty
        second, two = start_app(tmp_path / "two", NEWSDESK_DATABASE_URL=database_url)
        try:
            assert "Indexing the sample corpus" not in two.log.read_text()  # it was not
            from gradio_client import Client

            answer = Client(two.url, verbose=False).predict(
                "when did Japan ban luxury exports?", api_name="/ask"
            )
            assert "25 March 2022" in answer["answer"]
            article = tmp_path / "norvik.md"
            article.write_text(NEW, encoding="utf-8")
            assert "added 1" in _cli(database_url, "ingest", str(article), "--quiet")
            query = "Norvik dockers strike over cranes"
            for app in (one, two):
                assert _titles(app.url, query)[0] == "Harbour cranes idle as Norvik dockers strike"
            stats = _cli(database_url, "stats", "--json")
            assert '"articles": 6' in stats and '"database": "postgresql://' in stats
            found = _cli(database_url, "search", query, "--k", "1", "--json")
            article_id = found.split('"article_id": "', 1)[1].split('"', 1)[0]
            _cli(database_url, "remove", article_id)
            for app in (one, two):
                assert "Harbour cranes idle as Norvik dockers strike" not in _titles(app.url, query)
        finally:
            stop_app(second)
    finally:
        stop_app(first)
