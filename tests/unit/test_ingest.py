from pathlib import Path

import pytest

from tests.helpers import make_pdf


def statuses(report) -> dict[str, str]:
    return {Path(o.path).name: o.status for o in report.outcomes}


def test_first_ingest_adds_every_article(desk, corpus_copy: Path) -> None:
    report = desk.ingest([corpus_copy], progress=False)
    assert report.summary()["added"] == 5 and not report.failed
    assert desk.stats()["articles"] == 5
    assert report.chunks_added == desk.stats()["chunks"] > 5


def test_unchanged_files_do_nothing(desk, corpus_copy: Path, fake_embedder) -> None:
    desk.ingest([corpus_copy], progress=False)
    calls, chunks = fake_embedder.calls, desk.stats()["chunks"]
    report = desk.ingest([corpus_copy], progress=False)
    assert set(statuses(report).values()) == {"unchanged"}
    assert fake_embedder.calls == calls and desk.stats()["chunks"] == chunks


def test_changed_file_replaces_its_chunks(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    path = next(corpus_copy.glob("002_*"))
    path.write_text(" date 2022-03-26 Japan changed its mind about luxury cars. Nothing else.")
    report = desk.ingest([corpus_copy], progress=False)
    assert statuses(report)[path.name] == "updated"
    assert desk.stats()["articles"] == 5
    hits = desk.search("coordinated effort with Washington", k=20, mode="keyword")
    assert all("coordinated effort" not in h.text for h in hits)
    (hit,) = desk.search("changed its mind", k=1, mode="keyword")
    assert hit.text.startswith("Japan changed its mind") and str(hit.published) == "2022-03-26"


def test_same_article_under_two_paths_is_stored_once(
    desk, corpus_copy: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(next(corpus_copy.glob("000_*")).read_bytes())
    report = desk.ingest([corpus_copy, copy], progress=False)
    assert desk.stats()["articles"] == 5
    assert statuses(report)["copy.txt"] == "unchanged"
    # removing one path's file keeps the article alive for the other
    copy.write_text("A different article now lives at this path, about the yen.")
    desk.ingest([copy], progress=False)
    assert desk.stats()["articles"] == 6


def test_remove_deletes_article_and_ingest_brings_it_back(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    victim = desk.search("Blinken land grab", k=1, mode="keyword")[0].article_id
    removed = desk.remove(victim)
    assert removed.id == victim
    assert all(h.article_id != victim for h in desk.search("Blinken land grab", k=10))
    assert desk.stats()["articles"] == 4
    report = desk.ingest([corpus_copy], progress=False)
    assert report.summary()["added"] == 1
    assert desk.stats()["articles"] == 5


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_ingested(desk, corpus_copy: Path) -> None:
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.7\ngarbage")
    make_pdf(corpus_copy / "locked.pdf", ["secret"], password="pw")
    (corpus_copy / "empty.txt").write_text("")
    (corpus_copy / "image.png").write_bytes(b"\x89PNG\r\n")
    (corpus_copy / "latin.txt").write_bytes("na\xefve".encode("latin-1"))
    (corpus_copy / "feed.jsonl").write_text('{"text": "Yen article text."}\nnot json\n')
    make_pdf(corpus_copy / "good.pdf", ["A real PDF article about rice prices in Osaka."])
    report = desk.ingest([corpus_copy, corpus_copy / "missing.txt"], progress=False)
    reasons = {Path(o.path).name: o.detail for o in report.failed}
    assert "corrupt" in reasons["broken.pdf"]
    assert "encrypted" in reasons["locked.pdf"]
    assert "empty" in reasons["empty.txt"]
    assert "unsupported" in reasons["image.png"]
    assert "latin.txt" not in reasons  # Latin-1 is read, not refused
    assert "not JSON" in reasons["feed.jsonl#L2"]
    assert "no such file" in reasons["missing.txt"]
    assert report.summary()["added"] == 8  # 5 samples, good.pdf, latin.txt, feed.jsonl's line
    assert desk.stats()["articles"] == 8
    (hit,) = desk.search("rice prices Osaka", k=1, mode="keyword")
    assert hit.page == 1


def test_a_crash_while_embedding_leaves_the_index_whole(
    desk, corpus_copy: Path, monkeypatch
) -> None:
    desk.ingest([next(corpus_copy.glob("000_*"))], progress=False)
    before = desk.stats()

    def boom(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(desk.embedder, "embed_documents", boom)
    with pytest.raises(RuntimeError):
        desk.ingest([corpus_copy], progress=False)
    after = desk.stats()
    assert (after["articles"], after["chunks"]) == (before["articles"], before["chunks"])
    monkeypatch.undo()
    report = desk.ingest([corpus_copy], progress=False)
    assert report.summary()["added"] == 4


def test_a_failure_inside_the_transaction_rolls_everything_back(
    desk, corpus_copy: Path, monkeypatch
) -> None:
    catalog = desk.index.catalog
    real_insert = catalog._insert
    inserted = []

    def insert_then_fail(item):
        if inserted:
            raise OSError("disk full")
        inserted.append(item)
        return real_insert(item)

    monkeypatch.setattr(catalog, "_insert", insert_then_fail)
    with pytest.raises(OSError):
        desk.ingest([corpus_copy], progress=False)
    assert inserted  # the first article was written inside the transaction...
    assert desk.stats()["articles"] == 0  # ...and rolled back with the rest
    assert desk.index.vectors.size == 0
