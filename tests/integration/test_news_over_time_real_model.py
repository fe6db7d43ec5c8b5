"""Stories, as-of dates, "latest", conflicts and timelines with the real model and reader."""

import json
from pathlib import Path

import pytest

from assistant import Newsdesk, Settings
from tests.conftest import REPO, SAMPLE_CORPUS, TIME_CORPUS
from tests.integration.test_engine_real_model import newsdesk

pytestmark = pytest.mark.integration
TIME_QA = REPO / "tests" / "data" / "news_over_time_qa.jsonl"
SAMPLE_TIME_QA = REPO / "tests" / "data" / "sample_time_qa.jsonl"
TYPED_QA = REPO / "tests" / "data" / "typed_qa.jsonl"


def _index(folder: Path, corpus: Path) -> Path:
    desk = Newsdesk.open(Settings(index_dir=folder))
    desk.ingest([corpus], progress=False)
    desk.close()
    return folder


@pytest.fixture(scope="module")
def time_index(tmp_path_factory) -> Path:
    return _index(tmp_path_factory.mktemp("time") / "index", TIME_CORPUS)


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory) -> Path:
    return _index(tmp_path_factory.mktemp("sample") / "index", SAMPLE_CORPUS)


def _all_right(result, path: Path) -> None:
    assert result.returncode == 0, result.stdout
    total = sum(1 for line in path.read_text().splitlines() if line.strip())
    assert result.stdout.strip().endswith(f"{total}/{total} correct, 0 failed")


def test_news_over_time_questions_are_right(time_index: Path) -> None:
    """As-of dates, "latest" (fresh and stale), disagreeing reports, date ranges, timelines."""
    _all_right(newsdesk("eval", str(TIME_QA), index=time_index), TIME_QA)


def test_typed_paraphrased_list_and_false_premise_questions_are_right(time_index: Path) -> None:
    """Who / which official / which newspaper, paraphrases ("took part in the walkout" for
    "joined the strike"), a list of goods, and false premises caught in the next best sentence
    ("reject" where the articles say "approved"), over the project's own news test corpus."""
    _all_right(newsdesk("eval", str(TYPED_QA), index=time_index), TYPED_QA)


def test_sample_corpus_timeline_and_latest_are_right(sample_index: Path) -> None:
    """ "Timeline of Japan's sanctions against Russia" runs from February 2022 to November
    2024 in date order; the undated article's events are listed apart."""
    _all_right(newsdesk("eval", str(SAMPLE_TIME_QA), index=sample_index), SAMPLE_TIME_QA)
    result = newsdesk(
        "timeline", "Japan's sanctions against Russia", "--as-of", "2026-11-23", "--json",
        index=sample_index,
    )  # fmt: skip
    timeline = json.loads(result.stdout)
    days = [event["date"] for event in timeline["events"]]
    assert days == sorted(days)
    assert days[0].startswith("2022-02") and days[-1].startswith("2024-11")
    undated_sources = {c["source"] for e in timeline["undated"] for c in e["citations"]}
    assert all("004_defa2247f48d320b" in source for source in undated_sources)


def test_wire_copies_are_one_story_with_the_real_model(time_index: Path) -> None:
    stats = json.loads(newsdesk("stats", "--json", index=time_index).stdout)
    assert (stats["articles"], stats["stories"]) == (11, 8)


def test_latest_as_of_a_past_date_quotes_no_heading_that_repeats_its_sentence(
    sample_index: Path,
) -> None:
    result = newsdesk(
        "ask", "What is the latest on Japan's sanctions?", "--as-of", "2022-03-01", "--json",
        index=sample_index,
    )  # fmt: skip
    answer = json.loads(result.stdout)
    quotes = [c["quote"] for c in answer["citations"]]
    assert all(c["published"] <= "2022-03-01" for c in answer["citations"])
    assert "Newest source: 26 February 2022" in answer["answer"]
    # A subheading ("Japan imposed sanctions on Russia") says the first words of a sentence
    # again: never both quoted.
    assert quotes and not any(
        a != b and b.startswith(a.rstrip(".")) for a in quotes for b in quotes
    ), quotes
    # "Latest" reads the newest article's lead: Japan's plan to sanction Belarus too.
    assert any("impose economic sanctions on Belarus" in q for q in quotes), quotes
