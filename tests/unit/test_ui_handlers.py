from pathlib import Path

from assistant.ui.app import ChatHandlers


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
    assert (Path(desk.settings.index_dir) / "uploads" / "small.txt").exists()
    rows = handlers.library_rows("osaka")
    assert len(rows) == 1 and rows[0][-1] == desk.articles()[0].id
    assert handlers.library_rows("no such words") == []
    assert handlers.delete(rows[0][-1]).startswith("Deleted")
    assert "no article with id" in handlers.delete("0000000000000000")


def test_chat_streams_then_fills_sources_and_remembers_the_turn(desk, corpus_copy: Path) -> None:
    desk.settings = desk.settings.model_copy(update={"min_answer_score": 0.3})
    desk.ingest([corpus_copy], progress=False)
    handlers = ChatHandlers(desk)
    steps = list(handlers.respond("Who is Janet Yellen?", [], [], "", "", [], "", 5))
    chat, panel, turns, box = steps[-1]
    assert len(steps) > 3  # streamed
    assert chat[-1]["role"] == "assistant" and "[[1]](#nd-cite-1)" in chat[-1]["content"]
    assert "nd-card" in panel and box == ""
    assert turns[0]["question"] == "Who is Janet Yellen?"
    bad = list(handlers.respond("Who?", [], [], "March", "", [], "", 5))[-1]
    assert "must be a date like 2022-03-25" in bad[0][-1]["content"]
