"""The `openai` generator against a real OpenAI-compatible server on 127.0.0.1: llama-cpp-python's
server with Qwen2.5-Coder-0.5B-Instruct (Q4 GGUF assembled from PyPI by scripts/fetch_test_llm.py).

This checks the plumbing — streaming, [n] markers parsed into exact citations, an unsupported
sentence flagged, strict mode — not the small model's wisdom.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

import pytest

from assistant import Newsdesk, Settings
from tests.conftest import REPO, SAMPLE_CORPUS

pytestmark = [pytest.mark.integration, pytest.mark.slow]
GGUF = REPO / "models" / "qwen2.5-coder-0.5b-instruct-q4.gguf"
SCRIPTED = (
    "Copy the following two sentences exactly, then stop: "
    "Japan decided to ban exports of luxury items to Russia [1]. "
    "Japan also banned exports of 4000 racing pigeons to Peru [1]."
)


def _needs_llm() -> None:
    missing = [
        what
        for what, ok in (
            ("llama-cpp-python[server]", find_spec("llama_cpp")),
            (str(GGUF), GGUF.exists()),
        )
        if not ok
    ]
    if missing:
        message = f"missing {', '.join(missing)}: run `make llm`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _needs_llm()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(GGUF),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--model_alias",
            "qwen",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(f"{base}/models", timeout=5) as reply:
                json.load(reply)
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("llama_cpp.server did not start")
            time.sleep(1)
    yield base
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def desk(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsdesk]:
    settings = Settings(
        index_dir=tmp_path_factory.mktemp("llm") / "index",
        generator="openai",
        llm_base_url=server,
        llm_model="qwen",
        support_threshold=0.5,
    )
    opened = Newsdesk.open(settings)
    opened.ingest([SAMPLE_CORPUS], progress=False)
    yield opened
    opened.close()


def test_streamed_answer_has_parsed_exact_citations_and_flags_the_unsupported(desk) -> None:
    chunks = list(desk.ask_stream(SCRIPTED, k=2))
    answer = chunks[-1].answer
    assert answer is not None and answer.generator == "openai"
    assert sum(1 for c in chunks if c.text) > 3  # tokens arrived one by one
    assert answer.status == "answered"
    assert answer.citations, answer.answer
    for citation in answer.citations:
        article = desk.article(citation.article_id)
        assert article.text[citation.start : citation.end] == citation.quote
    supported = {s.text: s.supported for s in answer.sentences}
    assert any("luxury" in text and ok for text, ok in supported.items()), supported
    assert any("4000" in text and not ok for text, ok in supported.items()), supported
    data = answer.to_dict()
    assert {s["supported"] for s in data["sentences"]} == {True, False}


def test_strict_mode_drops_the_unsupported_sentence(desk) -> None:
    desk.settings = desk.settings.model_copy(update={"strict": True})
    desk._generators.clear()
    answer = desk.ask(SCRIPTED, k=2)
    assert answer.status == "answered"
    assert all(s.supported for s in answer.sentences)
    assert "4000" not in answer.answer


def test_cli_ask_with_the_openai_generator(desk, server: str) -> None:
    env = {**os.environ, "NEWSDESK_LLM_BASE_URL": server, "NEWSDESK_LLM_MODEL": "qwen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "ask",
            SCRIPTED,
            "--json",
            "--generator",
            "openai",
            "--k",
            "2",
            "--index",
            str(Path(desk.settings.index_dir)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    data = json.loads(result.stdout)
    assert data["generator"] == "openai" and data["status"] == "answered"
    assert all("supported" in s for s in data["sentences"])
