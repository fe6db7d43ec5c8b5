"""The limits newsdesk keeps at its edges: questions, dates, counts, and what errors reveal."""

from __future__ import annotations

import io
from pathlib import Path

import gradio as gr
import pytest

from assistant import embedding
from assistant.answering.question.parse import MAX_QUESTION_CHARS, checked_question
from assistant.cli import main
from assistant.errors import InvalidQuestion, StoreUnavailable
from assistant.ui.app import ChatHandlers
from tests.conftest import FakeEmbedder


@pytest.fixture
def cli_fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(embedding.EMBEDDERS, "fake", FakeEmbedder)
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "fake")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv), stdin=io.StringIO(""))
    except SystemExit as exit_:  # argparse refuses an argument
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_question_without_words_or_over_the_limit_is_refused_everywhere(
    desk, corpus_copy: Path
) -> None:
    desk.ingest([corpus_copy], progress=False)
    for nothing in ("\x00\x00\x00", " ? ! ", "\x00\x07"):
        with pytest.raises(InvalidQuestion, match="the question has no words"):
            desk.ask(nothing)
    too_long = "Why? " * (MAX_QUESTION_CHARS // 5 + 1)
    with pytest.raises(InvalidQuestion, match="the limit is 2,000"):
        desk.ask(too_long)
    handlers = ChatHandlers(desk)
    with pytest.raises(gr.Error, match="the limit is 2,000"):
        handlers.api_ask(too_long)
    with pytest.raises(gr.Error, match="no words"):
        handlers.api_ask("\x00\x00")
    chat = list(handlers.respond(too_long, [], [], "", "", [], "", 0))
    assert "the limit is 2,000" in chat[-1][0][-1]["content"]
    assert checked_question(" when\x00 did it\x1b happen? ") == "when  did it  happen?"


def test_dates_must_be_whole_dates(desk, corpus_copy: Path, capsys, cli_fake_model) -> None:
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    for bad in ("2023-03-08garbage", "2023-03-08T10:00", "2023-02-30", "8 March 2023"):
        with pytest.raises(gr.Error, match="must be a date like 2022-03-25"):
            handlers.api_ask("When did Japan ban luxury exports?", as_of=bad)
        code, _, err = _run(capsys, "ask", "When?", "--as-of", bad)
        assert code == 2 and "is not a date like 2022-03-25" in err
    answer = handlers.api_ask("When did Japan ban luxury exports?", as_of=" 2023-03-08 ")
    assert answer["as_of"] == "2023-03-08"


def test_the_cli_bounds_k_as_the_api_does(capsys, cli_fake_model, corpus_copy: Path) -> None:
    assert _run(capsys, "ingest", str(corpus_copy), "--quiet")[0] == 0
    for command, high in (("search", 100), ("ask", 50)):
        for k in ("0", str(high + 1), "10000000000", "two"):
            code, _, err = _run(capsys, command, "luxury", "--k", k)
            assert code == 2 and f"must be a whole number from 1 to {high}" in err
    code, out, _ = _run(capsys, "search", "luxury", "--k", "100", "--json")
    assert code == 0 and out.startswith("[")


def test_a_settings_error_never_shows_a_secret(capsys, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_AUTH_PASSWORD", "hunter2-secret")
    code, _, err = _run(capsys, "stats")
    assert code == 2 and "hunter2-secret" not in err
    assert "set both NEWSDESK_AUTH_USERNAME and a non-empty NEWSDESK_AUTH_PASSWORD" in err
    monkeypatch.setenv("NEWSDESK_AUTH_USERNAME", "editor")
    monkeypatch.setenv("NEWSDESK_PORT", "not-a-port")
    monkeypatch.setenv("NEWSDESK_DATABASE_URL", "postgresql://u:db-secret@h/x")
    code, _, err = _run(capsys, "stats")
    assert code == 2 and "NEWSDESK_PORT" in err
    assert "hunter2-secret" not in err and "db-secret" not in err


def test_api_callers_are_not_shown_where_the_database_lives(desk, monkeypatch, caplog) -> None:
    lost = StoreUnavailable(
        "lost the database at postgresql://u:***@/news?host=/run/pg: connection to server on "
        'socket "/run/pg/.s.PGSQL.5432" failed'
    )

    def down(*args, **kwargs):
        raise lost

    monkeypatch.setattr(desk, "ask", down)
    monkeypatch.setattr(desk, "ask_stream", down)
    handlers = ChatHandlers(desk)
    with pytest.raises(gr.Error) as refused:
        handlers.api_ask("When did Japan ban luxury exports?")
    assert "/run/pg" not in str(refused.value) and "database cannot be reached" in str(
        refused.value
    )
    chat = list(handlers.respond("When did Japan ban luxury exports?", [], [], "", "", [], "", 0))
    assert "/run/pg" not in chat[-1][0][-1]["content"]
    assert "/run/pg" in caplog.text  # the server log keeps the details


def test_a_refused_line_of_an_ask_batch_is_reported_and_the_rest_answered(
    capsys, cli_fake_model, corpus_copy: Path
) -> None:
    import json

    assert _run(capsys, "ingest", str(corpus_copy), "--quiet")[0] == 0
    lines = "When did Japan ban luxury exports?\n" + "Why? " * 500 + "\nWho is Janet Yellen?\n"
    code = main(["ask", "-", "--json"], stdin=io.StringIO(lines))
    out, _ = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(rows) == 3
    assert "the limit is 2,000" in rows[1]["error"] and "answer" not in rows[1]
    assert rows[0]["question"].startswith("When did Japan") and rows[2]["status"]
    code = main(["ask", "-"], stdin=io.StringIO(lines))
    out, err = capsys.readouterr()
    assert code == 1 and err.count("newsdesk: error: the question is") == 1
    assert out.count("[1]") >= 2  # both good questions answered with citations
