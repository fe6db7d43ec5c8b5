from pathlib import Path

import gradio as gr
import pytest

from assistant.ui.app import ChatHandlers


def _uploads(desk) -> list[Path]:
    return sorted(p for p in desk.uploads_dir.rglob("*") if p.is_file())


def test_upload_ingests_copies_and_refuses_large_files(desk, tmp_path: Path) -> None:
    desk.settings = desk.settings.model_copy(update={"max_upload_mb": 0.001})
    small = tmp_path / "small.txt"
    small.write_text("Rice prices in Osaka rose in June, traders said on Monday.")
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    handlers = ChatHandlers(desk)
    report = handlers.upload([str(small), str(big)])
    assert "added 1" in report
    assert "refused — `big.txt`: larger than 0.001 MB" in report
    assert [p.name for p in _uploads(desk)] == ["small.txt"]
    rows, ids = handlers.library("osaka")
    assert len(rows) == 1 and ids == [desk.articles()[0].id]
    assert rows[0][2] == "small.txt" and rows[0][3] == "single" and rows[0][4] == "delete"
    assert handlers.library("no such words") == ([], [])
    assert handlers.delete(ids[0]).startswith("Deleted")
    assert _uploads(desk) == []  # the deleted article's upload does not pile up
    assert "no article with id" in handlers.delete("0000000000000000")


def test_two_uploads_with_the_same_name_never_replace_each_other(desk, tmp_path: Path) -> None:
    handlers = ChatHandlers(desk)
    first, second = tmp_path / "a" / "news.md", tmp_path / "b" / "news.md"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("# Rice\n\nRice prices in Osaka rose 12 percent in June, traders said.")
    second.write_text("# Ports\n\nKobe port traffic fell by a tenth in March, officials said.")
    assert "added 1" in handlers.upload([str(first)])
    report = handlers.upload([str(second)])
    assert "added 1" in report and "updated" not in report.split("**")[1].replace("updated 0", "")
    assert sorted(a.title for a in desk.articles()) == ["Ports", "Rice"]
    again = handlers.upload([str(first)])
    assert "unchanged 1" in again and len(desk.articles()) == 2
    assert len(_uploads(desk)) == 2
    # The JSON names an upload by the user's file name; its server path is `path`.
    hit = handlers.api_search("Osaka rice prices", 1)[0]
    assert hit["source"] == "news.md"
    assert hit["path"].endswith("/news.md") and "/uploads/" in hit["path"]
    answer = handlers.api_ask("How much did rice prices in Osaka rise?")
    assert {c["source"] for c in answer["citations"]} == {"news.md"}
    assert all("/uploads/" in c["path"] for c in answer["citations"])


def test_failed_uploads_and_those_of_deleted_articles_are_not_kept(desk, tmp_path: Path) -> None:
    handlers = ChatHandlers(desk)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\ngarbage")
    report = handlers.upload([str(broken)])
    assert "failed 1" in report and "corrupt" in report
    assert _uploads(desk) == []
    good = tmp_path / "rice.txt"
    good.write_text("Rice prices in Osaka rose 12 percent in June, traders said.")
    handlers.upload([str(good)])
    copy = tmp_path / "copy-of-rice.txt"
    copy.write_bytes(good.read_bytes())
    assert "already stored" in handlers.upload([str(copy)])
    assert handlers.delete(desk.articles()[0].id).startswith("Deleted")
    assert _uploads(desk) == [] and list(desk.uploads_dir.iterdir()) == []


def _answer_all(handlers, question, chat, exchanges):
    return list(handlers.respond(question, chat, exchanges, "", "", [], "", 5))[-1]


def test_every_answer_keeps_its_own_sources(desk, corpus_copy: Path) -> None:
    desk.settings = desk.settings.model_copy(update={"min_answer_score": 0.3})
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    steps = list(handlers.respond("Who is Janet Yellen?", [], [], "", "", [], "", 5))
    chat, panel, exchanges, box, _ = steps[-1]
    assert len(steps) > 3  # streamed
    assert chat[-1]["role"] == "assistant" and "**Sources**" in chat[-1]["content"]
    assert "nd-card" in panel and box == ""
    assert exchanges[0]["question"] == "Who is Janet Yellen?"
    chat, panel, exchanges, _, _ = _answer_all(
        handlers, "when did Japan ban luxury exports?", chat, exchanges
    )
    assert len(chat) == 4 and len(exchanges) == 2
    first, _ = handlers.show_sources(exchanges, 1)  # clicking the first answer
    second, _ = handlers.show_sources(exchanges, 3)
    first_ids = {c.article_id for c in exchanges[0]["answer"].citations}
    second_ids = {c.article_id for c in exchanges[1]["answer"].citations}
    assert all(f'data-article="{a}"' in first for a in first_ids)
    assert "Sources of answer 1" in first and "Sources of answer 2" in second
    assert all(f'data-article="{a}"' in second for a in second_ids)
    whole = handlers.whole_article(next(iter(second_ids)), exchanges)
    assert "<mark>" in whole and len(whole) > 2000
    bad = list(handlers.respond("Who?", [], [], "March", "", [], "", 5))[-1]
    assert "must be a date like 2022-03-25" in bad[0][-1]["content"]


def test_regenerate_and_edit_replace_the_last_exchange(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    chat, _, exchanges, _, _ = _answer_all(handlers, "Who is Janet Yellen?", [], [])
    chat, _, exchanges, _, _ = _answer_all(
        handlers, "when did Japan ban luxury exports?", chat, exchanges
    )
    again = list(handlers.ask_again(2, None, chat, exchanges, "", "", [], "", 5))[-1]
    assert len(again[0]) == 4 and again[0][2]["content"] == "when did Japan ban luxury exports?"
    assert again[0][3]["content"] == chat[3]["content"]
    edited = list(
        handlers.ask_again(2, "Who sanctioned Volfovich?", chat, exchanges, "", "", [], "", 5)
    )[-1]
    assert len(edited[0]) == 4 and edited[0][2]["content"] == "Who sanctioned Volfovich?"
    questions = [e["question"] for e in edited[2]]
    assert questions == ["Who is Janet Yellen?", "Who sanctioned Volfovich?"]


def test_stop_keeps_what_was_streamed_marked_and_the_next_question_works(
    desk, corpus_copy: Path
) -> None:
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    done = _answer_all(handlers, "Who is Janet Yellen?", [], [])
    question = "when did Japan ban luxury exports?"
    steps = handlers.respond(question, done[0], done[2], "", "", [], "", 5)
    # Stop pressed at the first streamed words.
    chat, _, exchanges, _, _ = next(step for step in steps if step[0][-1]["content"])
    partial = chat[-1]["content"]
    handlers.stop()
    # The stream's next step is its last: what was streamed, marked stopped.
    rest = list(steps)
    assert len(rest) == 1
    chat, panel, exchanges, _, _ = rest[0]
    assert chat[-1]["content"].startswith(partial.strip()) and "Stopped" in panel
    assert chat[-1]["content"].endswith("\n\n*Stopped.*")
    assert chat[-1]["content"].count("*") % 2 == 0  # "**Fri" cut mid-word is closed
    assert len(chat) == 4 and exchanges[-1]["stopped"] and exchanges[-1]["answer"] is None
    assert handlers.show_sources(exchanges, 3)[0].startswith('<div class="nd-empty"')
    # Stop before anything was streamed: the bubble says so, it is never left empty.
    steps = handlers.respond("Who sanctioned Volfovich?", chat, exchanges, "", "", [], "", 5)
    next(steps)  # "Searching the articles…"
    handlers.stop()
    stopped, _, kept, _, _ = list(steps)[-1]
    assert stopped[-1]["content"] == "*Stopped.*" and len(kept) == 3
    # Stop after an answer is finished changes nothing, and the next question is answered
    # in full (the stopped exchanges are not taken as conversation history).
    handlers.stop()
    chat, panel, exchanges, _, _ = _answer_all(handlers, "Who is Janet Yellen?", stopped, kept)
    assert len(chat) == 8 and "nd-card" in panel and exchanges[-1]["answer"] is not None
    assert "Stopped" not in chat[-1]["content"]


def test_the_api_validates_its_input(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    for k in (-1, 0, 10**9, 2.5, "many"):
        with pytest.raises(gr.Error, match="k must be a whole number from 1 to 100"):
            handlers.api_search("luxury", k)
    assert len(handlers.api_search("luxury", 3)) == 3
    with pytest.raises(gr.Error, match="unknown generator 'gpt-9'; use one of: extractive"):
        handlers.api_ask("when?", "gpt-9")
    with pytest.raises(gr.Error, match=r"not configured|NEWSDESK_LLM_BASE_URL"):
        handlers.api_ask("when?", "openai")
    with pytest.raises(gr.Error, match="non-empty"):
        handlers.api_ask("   ")
    with pytest.raises(gr.Error, match="from 0 to 50"):
        handlers.api_ask("when?", "", 51)


def test_an_answer_sends_passages_not_whole_articles(desk, tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    filler = "Officials in Tokyo met again on Monday to talk about the weather and trade. " * 13000
    long.write_text(
        "Japan banned exports of luxury cars to Russia on Friday, officials said.\n\n" + filler
    )
    desk.ingest([long], progress=False)
    handlers = ChatHandlers(desk)
    steps = list(handlers.respond("When did Japan ban luxury cars?", [], [], "", "", [], "", 5))
    sent = sum(len(str(step[0][-1]["content"])) + len(step[1]) for step in steps)
    assert long.stat().st_size > 900_000 and sent < 30_000
    assert "<mark>" in steps[-1][1]


def test_stories_as_of_and_timelines_in_the_app(time_desk) -> None:
    handlers = ChatHandlers(time_desk)
    rows, _ = handlers.library()
    stories = [row[3] for row in rows]
    assert stories.count("single") == 6
    assert {"copy 1 of 3", "copy 2 of 3", "copy 3 of 3", "copy 1 of 2", "copy 2 of 2"} <= set(
        stories
    )
    first = stories.index("copy 1 of 3")
    assert stories[first : first + 3] == ["copy 1 of 3", "copy 2 of 3", "copy 3 of 3"]
    assert rows[first][1] == "2023-03-02"  # the newest copy leads its story
    answer = handlers.api_ask("What is the latest on the Norhaven port strike?", as_of="2023-03-08")
    assert answer["as_of"] == "2023-03-08"
    timeline = handlers.api_timeline("the Norhaven port strike", as_of="2024-06-01")
    assert timeline["events"][0]["date"] == "2023-02-28"
    with pytest.raises(gr.Error, match="as_of must be a date"):
        handlers.api_timeline("the strike", as_of="March")
    shown = handlers.timeline_view("the Norhaven port strike", "", "2023-03-10", "2024-06-01")
    assert 'data-date="2023-02-28"' in shown and 'data-date="2023-03-18"' not in shown
    assert "Undated" in shown
    chat = list(
        handlers.respond(
            "What is the latest on the Norhaven port strike?",
            [],
            [],
            "",
            "",
            [],
            "",
            5,
            "2023-03-08",
            False,
        )
    )[-1]
    assert "As of 2023-03-08" in chat[0][-1]["content"]
    assert "1 day earlier" in chat[1]


def test_the_sources_filter_shows_titles_and_dates_and_filters_by_source(
    desk, corpus_copy: Path
) -> None:
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    choices = handlers.source_choices()
    assert len(choices) == 5 and all(str(corpus_copy) not in label for label, _ in choices)
    label, value = next(c for c in choices if c[1].endswith("002_f04dc1754ce9e86a.txt"))
    assert label == "Japan bans luxury exports to Russia · 2022-03-25"
    exchanges = list(handlers.respond("Who sanctioned Volfovich?", [], [], "", "", [value], "", 5))[
        -1
    ][2]
    cited = {c.source for c in exchanges[0]["answer"].citations}
    assert cited <= {value}  # only the chosen article answers
