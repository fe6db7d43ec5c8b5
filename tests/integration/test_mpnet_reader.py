"""The mpnet reader as a user chooses it: assembled by `make mpnet-reader` (its pinned base and the
committed adapters), then `NEWSDESK_READER=mpnet-reader-onnx newsdesk ask` on the sample corpus —
and the cascade of the MiniLM reader and it (`NEWSDESK_READER=cascade-reader`) the same way."""

import json
import os
from pathlib import Path

import pytest

from assistant.reader_assembly import MPNET_READER_DIR, needs_assembly
from tests.conftest import SAMPLE_CORPUS
from tests.integration.test_engine_real_model import newsdesk

pytestmark = [pytest.mark.integration, pytest.mark.slow]
LUXURY = "when did Japan ban luxury exports?"
LIFTED = "When did Japan lift its ban on luxury exports to Russia?"
WORLD_CUP = "Who won the 2022 World Cup?"


@pytest.fixture(scope="module", params=["mpnet-reader-onnx", "cascade-reader"])
def answers(index: Path, request: pytest.FixtureRequest) -> dict[str, dict]:
    if needs_assembly(MPNET_READER_DIR):
        message = "the mpnet reader is not assembled: run `make mpnet-reader`"
        if os.environ.get("CI_REQUIRE_MPNET") == "1":  # `make test` assembles it first
            pytest.fail(message)
        pytest.skip(message)
    os.environ["NEWSDESK_READER"] = request.param
    try:
        result = newsdesk(
            "ask", "-", "--json", index=index, stdin=f"{LUXURY}\n{LIFTED}\n{WORLD_CUP}"
        )
    finally:
        del os.environ["NEWSDESK_READER"]
    assert result.returncode == 0, result.stderr
    return {a["question"]: a for a in map(json.loads, result.stdout.splitlines())}


def test_the_reader_answers_with_the_exact_sentence(answers) -> None:
    answer = answers[LUXURY]
    assert answer["status"] == "answered"
    assert answer["short_answer"]["text"] == "Friday, 25 March 2022"
    first = answer["citations"][0]
    assert first["published"] == "2022-03-25"
    assert first["quote"].startswith("In a coordinated effort with Washington, the Japanese")
    assert first["quote"] in (SAMPLE_CORPUS / "002_f04dc1754ce9e86a.txt").read_text()
    assert 0.0 <= answer["confidence"] <= 1.0


def test_the_reader_refuses_and_catches_a_false_premise(answers) -> None:
    assert answers[WORLD_CUP]["status"] == "not_found"
    lifted = answers[LIFTED]
    assert lifted["premise"] == "unsupported" and lifted["short_answer"] is None
    assert "do not report" in lifted["answer"]
