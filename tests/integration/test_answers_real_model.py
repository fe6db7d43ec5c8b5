"""`newsdesk ask` and `newsdesk eval` with the real model on the sample corpus."""

import json
from pathlib import Path

import pytest

from assistant import Newsdesk, Settings
from assistant.answering import NOT_FOUND_ANSWER
from tests.conftest import REPO, SAMPLE_CORPUS
from tests.integration.test_engine_real_model import newsdesk

pytestmark = pytest.mark.integration
DEV_QA = REPO / "tests" / "data" / "dev_qa.jsonl"  # a copy of shared/eval/dev_qa.jsonl
SHARED_DEV_QA = REPO.parent / "shared" / "eval" / "dev_qa.jsonl"


def test_the_repo_copy_of_the_dev_questions_is_current() -> None:
    if not SHARED_DEV_QA.exists():
        pytest.skip("no shared/ beside the repository")
    assert DEV_QA.read_bytes() == SHARED_DEV_QA.read_bytes()


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("answers") / "index"
    desk = Newsdesk.open(Settings(index_dir=folder))
    desk.ingest([SAMPLE_CORPUS], progress=False)
    desk.close()
    return folder


def test_luxury_question_answers_25_march_2022_with_the_exact_sentence(index: Path) -> None:
    result = newsdesk("ask", "when did Japan ban luxury exports?", "--json", index=index)
    answer = json.loads(result.stdout)
    assert answer["status"] == "answered"
    assert "25 March 2022" in answer["answer"]
    first = answer["citations"][0]
    assert first["published"] == "2022-03-25"
    assert first["quote"] == (
        "In a coordinated effort with Washington, the Japanese government Friday decided to ban "
        "exports of luxury items to Russia as the latter continues its fierce invasion into the "
        "Ukrainian territory."
    )
    text = (SAMPLE_CORPUS / "002_f04dc1754ce9e86a.txt").read_text()
    assert first["quote"] in text


def test_unanswerable_question_is_refused_without_citations(index: Path) -> None:
    result = newsdesk("ask", "Who won the 2022 World Cup?", "--json", index=index)
    answer = json.loads(result.stdout)
    assert answer == {**answer, "status": "not_found", "answer": NOT_FOUND_ANSWER, "citations": []}


def test_ask_reads_questions_from_stdin(index: Path) -> None:
    result = newsdesk(
        "ask",
        "-",
        "--json",
        index=index,
        stdin="Which US Treasury Secretary commented on Belarus?\nWho won the 2022 World Cup?\n",
    )
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert "Yellen" in first["answer"] and second["status"] == "not_found"


def test_every_development_question_is_right(index: Path) -> None:
    result = newsdesk("eval", str(DEV_QA), index=index)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("12/12 correct, 0 failed")
