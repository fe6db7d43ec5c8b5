"""`newsdesk ask` and `newsdesk eval` with the real model on the sample corpus."""

import json
from pathlib import Path

import pytest

from assistant import Newsdesk, Settings
from assistant.answering import NOT_FOUND_ANSWER
from tests.conftest import REPO, SAMPLE_CORPUS
from tests.helpers import bold_from
from tests.integration.test_engine_real_model import ask_all, newsdesk

pytestmark = pytest.mark.integration
DEV_QA = REPO / "tests" / "data" / "dev_qa.jsonl"  # a copy of shared/eval/dev_qa.jsonl
SHARED_DEV_QA = REPO.parent / "shared" / "eval" / "dev_qa.jsonl"
LUXURY = "when did Japan ban luxury exports?"
GOODS = "What luxury goods did Japan ban from export to Russia?"
WHY = "Why did Russia withdraw from the peace treaty talks with Japan?"
LIFTED = "When did Japan lift its ban on luxury exports to Russia?"
SANCTIONS_LIFTED = "When were Japan's sanctions against Russia lifted?"


@pytest.fixture(scope="module")
def answers(index: Path) -> dict[str, dict]:
    """The answers these tests read, from one `newsdesk ask -` process."""
    return ask_all([LUXURY, GOODS, WHY, LIFTED, SANCTIONS_LIFTED], index)


def test_the_repo_copy_of_the_dev_questions_is_current() -> None:
    if not SHARED_DEV_QA.exists():
        pytest.skip("no shared/ beside the repository")
    assert DEV_QA.read_bytes() == SHARED_DEV_QA.read_bytes()


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


READER_QA = REPO / "tests" / "data" / "reader_qa.jsonl"  # the failures issue 8 reported


def test_the_reader_questions_are_right(index: Path) -> None:
    """Short answers, who "they" are, follow-ups about another country, premises, refusals."""
    result = newsdesk("eval", str(READER_QA), index=index)
    assert result.returncode == 0, result.stdout
    total = sum(1 for line in READER_QA.read_text().splitlines() if line.strip())
    assert result.stdout.strip().endswith(f"{total}/{total} correct, 0 failed")


def test_short_answer_first_from_the_committed_reader(index: Path, answers) -> None:
    answer = answers[LUXURY]
    short = answer["short_answer"]
    assert short["text"] == "Friday, 25 March 2022" and short["resolved_from"] == "Friday"
    text = (SAMPLE_CORPUS / "002_f04dc1754ce9e86a.txt").read_text()
    article = Newsdesk.open(Settings(index_dir=index)).article(answer["citations"][0]["article_id"])
    assert article.text[short["start"] : short["end"]] == "Friday"
    # In bold when the confidence reaches NEWSDESK_NOT_SURE_BELOW, else marked as doubtful.
    sure = answer["confidence"] >= bold_from()
    lead = "**Friday, 25 March 2022** — " if sure else "*Not sure:* Friday, 25 March 2022 — "
    assert answer["answer"].startswith(lead)
    assert answer["answer"].count("25 March 2022") == 1 and answer["answer"].count("[1]") == 1
    assert answer["citations"][0]["quote"] in text

    goods = answers[GOODS]
    short = goods["short_answer"]
    cited = goods["citations"][short["citation"] - 1]
    assert "jewellery" in short["text"]
    assert (
        cited["quote"][short["start"] - cited["start"] : short["end"] - cited["start"]]
        == (short["text"])
    )
    reason = answers[WHY]
    assert reason["status"] == "answered" and reason["short_answer"] is None


def test_short_forms_find_their_long_forms_with_the_real_reader(tmp_path: Path) -> None:
    article = tmp_path / "tariffs.md"
    article.write_text(
        "# Tokyo weighs tariffs\n\nJapan is considering tariffs on electric vehicles from China, "
        "trade ministry officials said on Monday. The United States imposed similar duties "
        "earlier this year.\n"
    )
    desk = Newsdesk.open(Settings(index_dir=tmp_path / "index"))
    try:
        desk.ingest([article], progress=False)
        answer = desk.ask("Is Japan considering tariffs on EVs from China?")
        assert answer.status == "answered"
        assert "electric vehicles" in answer.citations[0].quote
        duties = desk.ask("What did the US impose earlier this year?")
        assert duties.status == "answered" and "United States" in duties.citations[0].quote
    finally:
        desk.close()


def test_a_long_question_is_read_and_an_overlong_one_refused_in_one_line(index: Path) -> None:
    scene = "I have been following the reports on sanctions for weeks and read many of them. "
    long_question = scene * 14 + "When did Japan ban luxury exports?"
    assert 1000 < len(long_question) <= 2000
    result = newsdesk("ask", long_question, "--json", index=index)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == "answered"
    assert answer["citations"][0]["published"] == "2022-03-25"
    overlong = newsdesk("ask", scene * 30 + "When?", index=index)
    assert overlong.returncode == 2 and overlong.stdout == ""
    assert overlong.stderr.strip().splitlines() == [
        f"newsdesk: error: the question is {len(scene * 30 + 'When?'):,} characters long; "
        "the limit is 2,000: ask it in fewer words"
    ]


def test_a_question_of_nul_bytes_is_refused_not_answered(index: Path) -> None:
    result = newsdesk("ask", "\x01\x02 ?", "--json", index=index)
    assert result.returncode == 2
    assert "the question has no words" in result.stderr and "Traceback" not in result.stderr


def test_a_false_premise_is_corrected_instead_of_dated(answers) -> None:
    for question, said in ((LIFTED, "ban"), (SANCTIONS_LIFTED, "imposed")):
        answer = answers[question]
        assert answer["status"] == "answered" and answer["premise"] == "unsupported", answer
        assert answer["short_answer"] is None and "**" not in answer["answer"]
        assert answer["answer"].startswith(f"The articles do not report that; they say “{said}”")
        assert said in answer["citations"][0]["quote"]
    plain = answers[LUXURY]
    assert "premise" not in plain and plain["short_answer"]["text"] == "Friday, 25 March 2022"
