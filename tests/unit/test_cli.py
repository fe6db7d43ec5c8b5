import io
import json
from datetime import date
from pathlib import Path

import pytest

from assistant import embedding
from assistant.cli import main
from tests.conftest import FakeEmbedder

HIT_KEYS = ["article_id", "title", "published", "source", "text", "start", "end", "score"]


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(embedding.EMBEDDERS, "fake", FakeEmbedder)
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "fake")


def run(capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    code = main(list(argv), stdin=io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_summary_and_exit_codes(capsys, corpus_copy: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "ingest", str(corpus_copy), "--quiet")
    assert code == 0
    assert out.startswith("added 5, updated 0, unchanged 0, failed 0")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF garbage")
    code, out, _ = run(capsys, "ingest", str(corpus_copy), str(tmp_path / "bad.pdf"), "--quiet")
    assert code == 1
    assert "unchanged 5, failed 1" in out
    assert f"failed: {tmp_path / 'bad.pdf'}: the PDF is probably corrupt" in out


def test_ingest_json_report(capsys, corpus_copy: Path) -> None:
    code, out, _ = run(capsys, "ingest", str(corpus_copy), "--json")
    report = json.loads(out)
    assert code == 0 and report["added"] == 5 and len(report["files"]) == 5


def test_index_flag_and_environment_default(capsys, corpus_copy: Path, tmp_path: Path) -> None:
    run(capsys, "ingest", str(corpus_copy), "--quiet", "--index", str(tmp_path / "other"))
    assert (tmp_path / "other" / "manifest.json").exists()
    assert not (tmp_path / "index").exists()
    run(capsys, "ingest", str(corpus_copy), "--quiet")
    assert (tmp_path / "index" / "manifest.json").exists()


def test_search_json_contract(capsys, corpus_copy: Path) -> None:
    run(capsys, "ingest", str(corpus_copy), "--quiet")
    code, out, _ = run(capsys, "search", "luxury export ban", "--k", "3", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 3
    assert all(list(h)[:8] == HIT_KEYS for h in hits)
    assert hits[0]["published"] == "2022-03-25"
    code, out, _ = run(capsys, "search", "luxury", "--json", "--after", "2023-01-01")
    assert all(h["published"] >= "2023-01-01" for h in json.loads(out))


def test_search_reads_queries_from_stdin_as_json_lines(capsys, corpus_copy: Path) -> None:
    run(capsys, "ingest", str(corpus_copy), "--quiet")
    code, out, _ = run(
        capsys, "search", "-", "--json", "--k", "2", stdin="luxury export ban\n\nYellen Belarus\n"
    )
    lines = out.strip().split("\n")
    assert code == 0 and len(lines) == 2
    assert [len(json.loads(line)) for line in lines] == [2, 2]


def test_human_search_output(capsys, corpus_copy: Path) -> None:
    run(capsys, "ingest", str(corpus_copy), "--quiet")
    code, out, _ = run(capsys, "search", "luxury export ban", "--k", "1")
    assert code == 0 and out.startswith("1. ") and "(2022-03-25)" in out


def test_stats_and_remove(capsys, corpus_copy: Path) -> None:
    run(capsys, "ingest", str(corpus_copy), "--quiet")
    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["articles"] == 5 and stats["embedder"] == "fake-bag-of-words"
    _, out, _ = run(capsys, "search", "Blinken", "--k", "1", "--json")
    victim = json.loads(out)[0]["article_id"]
    code, out, _ = run(capsys, "remove", victim)
    assert code == 0 and out.startswith(f"removed {victim}")
    code, _, err = run(capsys, "remove", victim)
    assert code == 2 and f"no article with id '{victim}'" in err
    _, out, _ = run(capsys, "stats")
    assert "articles: 4" in out


def test_errors_are_one_line_messages(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "search", "x", "--index", str(tmp_path / "nowhere"))
    assert code == 2 and "no index at" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["search", "x", "--after", "yesterday"])


def test_news_over_time_from_the_command_line(capsys, tmp_path: Path) -> None:
    import shutil

    from tests.conftest import TIME_CORPUS

    shutil.copytree(TIME_CORPUS, tmp_path / "time")
    run(capsys, "ingest", str(tmp_path / "time"), "--quiet")
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == 11 and json.loads(out)["stories"] == 8
    code, out, _ = run(
        capsys, "timeline", "the Norhaven port strike", "--as-of", "2024-06-01", "--json"
    )
    timeline = json.loads(out)
    assert code == 0 and list(timeline) == ["topic", "as_of", "events", "undated"]
    assert timeline["as_of"] == "2024-06-01"
    days = [e["date"] for e in timeline["events"]]
    assert days == sorted(days)
    assert {e["date_basis"] for e in timeline["events"]} <= {"stated", "relative", "published"}
    code, out, _ = run(capsys, "timeline", "the Norhaven port strike", "--before", "2023-03-07")
    assert code == 0 and "2023-02-28 (relative date)" in out and "2024-01-12" not in out
    code, out, _ = run(
        capsys, "ask", "What is the latest on the Norhaven port strike?", "--as-of", "2023-03-08",
        "--json",
    )  # fmt: skip
    answer = json.loads(out)
    assert answer["as_of"] == "2023-03-08" and answer["time"]["newest"] is True
    first = answer["citations"][0]
    gap = (date(2023, 3, 8) - date.fromisoformat(first["published"])).days
    assert first["age_days"] == gap and first["age"] == f"{gap} day{'s' * (gap > 1)} earlier"
    assert {"also_in", "age", "age_days"} <= set(answer["citations"][0])
    assert answer["conflicts"] == []
    code, out, _ = run(capsys, "search", "Dockworkers walked out on Tuesday", "--json")
    hits = json.loads(out)
    copies = [h for h in hits if h["source"].endswith("_strike.md")]
    assert len(copies) == 1 and len(copies[0]["also_in"]) == 2
    code, out, _ = run(capsys, "search", "Dockworkers walked out on Tuesday", "--all-copies")
    assert out.count("_strike.md") >= 3
    code, out, _ = run(capsys, "search", "Dockworkers walked out on Tuesday")
    assert "also in: " in out
    code, out, _ = run(capsys, "search", "wage agreement signed", "--as-of", "2023-03-15", "--json")
    assert all(h["published"] is None or h["published"] <= "2023-03-15" for h in json.loads(out))


def test_as_of_from_the_environment(capsys, corpus_copy: Path, monkeypatch) -> None:
    run(capsys, "ingest", str(corpus_copy), "--quiet")
    monkeypatch.setenv("NEWSDESK_AS_OF", "2022-03-01")
    code, out, _ = run(capsys, "ask", "When did Japan ban luxury exports?", "--json")
    answer = json.loads(out)
    assert code == 0 and answer["as_of"] == "2022-03-01"
    cited = [c["published"] for c in answer["citations"]]
    assert all(day is None or day <= "2022-03-01" for day in cited)
    _, out, _ = run(capsys, "search", "luxury exports", "--json")
    assert all(h["published"] is None or h["published"] <= "2022-03-01" for h in json.loads(out))


def test_printed_answer_lists_each_article_once_with_all_its_quotes() -> None:
    from assistant.answering import Answer, AnswerSentence, Citation
    from assistant.cli_output import print_answer

    text = "Japan froze assets. Japan banned exports. Moscow protested."

    def cited(n: int, article: str, quote: str) -> Citation:
        start = text.index(quote)
        return Citation(n, article, f"Story {article}", date(2022, 3, 25), f"{article}.txt",
                        quote, start, start + len(quote), text, 0)  # fmt: skip

    answer = Answer(
        "What did Japan do?",
        "answered",
        (
            AnswerSentence(
                "Japan froze assets. [1] Japan banned exports. [2] Moscow protested. [3]", (1, 2, 3)
            ),
        ),
        (
            cited(1, "a", "Japan froze assets."),
            cited(2, "a", "Japan banned exports."),
            cited(3, "b", "Moscow protested."),
        ),
    )
    out = io.StringIO()
    print_answer(answer.to_dict(), out)
    printed = out.getvalue()
    assert printed.startswith(
        "Japan froze assets. [1] Japan banned exports. [1] Moscow protested. [2]"
    )
    assert printed.count("Story a") == 1 and "\n[2] Story b" in printed
    assert "“Japan froze assets.”" in printed and "“Japan banned exports.”" in printed
    assert "[a chars 0-19, 20-41]" in printed
