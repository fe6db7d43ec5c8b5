"""Nothing lost on bad or large input: batches commit as they go, odd names and encodings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.desk import Newsdesk
from assistant.errors import NothingIngested
from assistant.ingest import Ingestor


def _feed(path: Path, count: int) -> Path:
    lines = [
        json.dumps({"title": f"Story {n}", "text": f"Report number {n} about the port of Kobe."})
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_killed_feed_keeps_its_committed_batches_and_a_rerun_resumes(
    desk, tmp_path: Path, fake_embedder, monkeypatch
) -> None:
    feed = _feed(tmp_path / "feed.jsonl", 40)
    ingestor = Ingestor(desk.index, fake_embedder, commit_chunks=10)
    embed = fake_embedder.embed_documents
    calls = {"n": 0}

    def dies_on_third_batch(texts, batch_size=32):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as good as kill -9 for what was committed
        return embed(texts, batch_size)

    monkeypatch.setattr(fake_embedder, "embed_documents", dies_on_third_batch)
    with pytest.raises(KeyboardInterrupt):
        ingestor.ingest([feed], progress=False)
    assert desk.stats()["articles"] == 20  # two batches of 10 committed, not zero
    monkeypatch.setattr(fake_embedder, "embed_documents", embed)
    before = fake_embedder.calls
    report = ingestor.ingest([feed], progress=False)
    assert desk.stats()["articles"] == 40
    assert report.chunks_added == 20  # only what was missing was embedded
    assert fake_embedder.calls - before == 2
    again = ingestor.ingest([feed], progress=False)
    assert again.summary()["unchanged"] == 1 and again.chunks_added == 0


def test_a_small_file_after_a_huge_one_is_committed_before_the_huge_one_ends(
    desk, tmp_path: Path, fake_embedder
) -> None:
    small = tmp_path / "a_small.txt"
    small.write_text("Tokyo raised the price of rice on Tuesday, officials said.")
    feed = _feed(tmp_path / "b_feed.jsonl", 30)
    seen: list[int] = []
    original = desk.index.apply

    def watch(*args, **kwargs):
        stored = original(*args, **kwargs)
        seen.append(desk.stats()["articles"])
        return stored

    desk.index.apply = watch  # type: ignore[method-assign]
    Ingestor(desk.index, fake_embedder, commit_chunks=10).ingest([small, feed], progress=False)
    assert seen[0] <= 11 and len(seen) >= 3  # committed in bounded batches
    assert desk.search("price of rice", k=1, mode="keyword")[0].title.startswith("Tokyo")


def test_a_file_name_that_is_not_utf8_fails_nothing_and_is_read(desk, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/caf\xe9.txt")
    Path(odd).write_text("The café in Osaka reopened after the storm, its owner said.")
    (folder / "good.txt").write_text("Kobe port traffic rose by a tenth in March.")
    report = desk.ingest([folder], progress=False)
    assert report.summary()["added"] == 2 and not report.failed
    names = sorted(o.path.rsplit("/", 1)[-1] for o in report.outcomes)
    assert names == ["caf\\xe9.txt", "good.txt"]
    assert desk.ingest([folder], progress=False).summary()["unchanged"] == 2


def test_two_writers_adding_the_same_articles_both_finish(
    settings, fake_embedder, corpus_copy: Path, monkeypatch
) -> None:
    first = Newsdesk.open(settings, embedder=fake_embedder)
    second = Newsdesk.open(settings, embedder=fake_embedder)
    # The second read its files before the first committed them: it believes none is stored.
    monkeypatch.setattr(second.index.catalog, "has_article", lambda article_id: False)
    first.ingest([corpus_copy], progress=False)
    report = second.ingest([corpus_copy], progress=False)
    assert not report.failed
    assert second.stats()["articles"] == 5
    assert second.stats()["chunks"] == first.stats()["chunks"]
    assert len(second.search("luxury", k=50, mode="dense")) == len(
        {h.chunk_id for h in second.search("luxury", k=50, mode="dense")}
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])
def test_common_encodings_are_read(desk, tmp_path: Path, encoding: str) -> None:
    text = "Le café de Kobe a rouvert vendredi, a déclaré son propriétaire. " * 3
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    report = desk.ingest([path], progress=False)
    assert report.summary()["added"] == 1
    article = desk.article(desk.articles()[0].id)
    assert "Le café de Kobe a rouvert vendredi" in article.text


def test_deeply_nested_html_keeps_its_text(desk, tmp_path: Path) -> None:
    body = "<p>Japan banned luxury exports to Russia on Friday, officials in Tokyo said.</p>"
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><head><title>Deep page</title></head><body>"
        + "<div>" * 300
        + body * 4
        + "</div>" * 300
        + "</body></html>"
    )
    desk.ingest([page], progress=False)
    (hit,) = desk.search("luxury exports Friday", k=1, mode="keyword")
    assert "officials in Tokyo said" in hit.text


def test_a_page_that_needs_javascript_is_a_failure_not_an_article(desk, tmp_path: Path) -> None:
    page = tmp_path / "app.html"
    page.write_text(
        "<html><head><title>News app</title></head><body><div id='root'></div>"
        "<noscript>Enable JavaScript to read this page.</noscript></body></html>"
    )
    with pytest.raises(NothingIngested) as caught:
        desk.ingest([page], progress=False)
    (failure,) = caught.value.report.failed
    assert "JavaScript" in failure.detail
    assert desk.stats()["articles"] == 0


def test_empty_or_missing_inputs_are_said_loudly(desk, tmp_path: Path) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    with pytest.raises(NothingIngested, match="holds no files"):
        desk.ingest([empty], progress=False)
    with pytest.raises(NothingIngested, match="no such file"):
        desk.ingest([tmp_path / "does-not-exist"], progress=False)


def test_an_invalid_jsonl_date_is_a_warning(desk, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Kobe port reopened.", "published": "yesterday-ish"}))
    report = desk.ingest([feed], progress=False)
    (outcome,) = report.outcomes
    assert outcome.status == "added"
    assert any("yesterday-ish" in w and "not a date" in w for w in outcome.warnings)
    assert report.to_dict()["files"][0]["warnings"] == outcome.warnings


def test_removing_one_article_of_a_feed_keeps_the_others_linked(desk, tmp_path: Path) -> None:
    feed = _feed(tmp_path / "feed.jsonl", 3)
    desk.ingest([feed], progress=False)
    victim = desk.search("Report number 1", k=1, mode="keyword")[0].article_id
    desk.remove(victim)
    key = str(feed.resolve())
    assert len(desk.index.catalog.file_articles(key)) == 2
    report = desk.ingest([feed], progress=False)
    assert report.summary()["updated"] == 1 and report.chunks_added == 1
    assert desk.stats()["articles"] == 3
    assert len(desk.index.catalog.file_articles(key)) == 3


def test_retriever_takes_the_same_filters_as_search(desk, corpus_copy: Path) -> None:
    from datetime import date

    desk.ingest([corpus_copy], progress=False)
    cutoff = date(2024, 1, 1)
    retriever = desk.retriever(k=10, published_after=cutoff, sources=["corpus"])
    documents = retriever.invoke("Japan sanctions")
    assert documents
    assert all(d.metadata["published"] >= cutoff.isoformat() for d in documents)
    assert (
        documents
        == [
            d
            for d in desk.retriever(k=10, published_after=cutoff).invoke("Japan sanctions")
            if "corpus" in d.metadata["source"]
        ][: len(documents)]
    )


def test_a_huge_article_never_takes_down_the_files_before_it(
    desk, tmp_path: Path, fake_embedder, monkeypatch
) -> None:
    small = tmp_path / "a_small.txt"
    small.write_text("Tokyo raised the price of rice on Tuesday, officials said.")
    huge = tmp_path / "b_huge.txt"
    huge.write_text("Kobe port traffic rose again in March, officials said. " * 400)
    embed = fake_embedder.embed_documents

    def dies_on_the_huge_one(texts, batch_size=32):
        if any("Kobe" in t for t in texts):
            raise KeyboardInterrupt
        return embed(texts, batch_size)

    monkeypatch.setattr(fake_embedder, "embed_documents", dies_on_the_huge_one)
    with pytest.raises(KeyboardInterrupt):
        Ingestor(desk.index, fake_embedder, commit_chunks=10).ingest([small, huge], progress=False)
    (stored,) = desk.articles()  # the small file was committed before the huge one began
    assert "price of rice" in desk.article(stored.id).text


def test_a_literal_backslash_name_and_a_latin1_name_are_two_articles(desk, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt")).write_text(
        "The café in Osaka reopened after the storm, its owner said."
    )
    (folder / "caf\\xe9.txt").write_text("The bakery in Nantes closed for good on Friday.")
    first = desk.ingest([folder], progress=False)
    assert first.summary()["added"] == 2 and not first.failed
    assert len({o.path for o in first.outcomes}) == 2
    again = desk.ingest([folder], progress=False)
    assert again.summary()["unchanged"] == 2
    assert len(desk.articles()) == 2


def test_a_catalog_key_leads_back_to_its_file(tmp_path: Path) -> None:
    from assistant.ingest import key_path, path_key

    for raw in (b"caf\xe9.txt", b"caf\\xe9.txt", b"a\\\\b.md", "café.txt".encode()):
        path = Path(os.fsdecode(bytes(tmp_path) + b"/" + raw))
        key = path_key(path)
        key.encode("utf-8")  # always storable as text
        assert os.fsencode(key_path(key)) == os.fsencode(path)


def test_an_article_over_the_size_limit_is_refused_and_the_rest_kept(
    settings, fake_embedder, tmp_path: Path, monkeypatch
) -> None:
    from tests.helpers import make_pdf

    limit = 0.01  # MB: about 10 KB
    desk = Newsdesk.open(
        settings.model_copy(update={"max_article_mb": limit}), embedder=fake_embedder
    )
    folder = tmp_path / "in"
    folder.mkdir()
    sentence = "Kobe port traffic rose again in March, officials said. "
    (folder / "big.txt").write_text(sentence * 400)  # ~22 KB
    (folder / "big.html").write_text(f"<html><body><p>{sentence * 400}</p></body></html>")
    (folder / "small.md").write_text("# Rice\n\nTokyo raised the price of rice on Tuesday.\n")
    lines = [{"title": "Short", "text": sentence}, {"title": "Long", "text": sentence * 400}]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    make_pdf(folder / "long.pdf", ["\n".join([sentence] * 60)] * 4, title="Long PDF")
    opened: list[str] = []
    real_read = Path.read_bytes

    def watched(path: Path) -> bytes:
        opened.append(path.name)
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", watched)
    report = desk.ingest([folder], progress=False)
    failed = {o.path.rsplit("/", 1)[-1]: o.detail for o in report.failed}
    assert set(failed) == {"big.txt", "big.html", "feed.jsonl#L2", "long.pdf"}
    for reason in failed.values():
        assert "too large for one article" in reason
        assert "the limit is 0.01 MB (NEWSDESK_MAX_ARTICLE_MB)" in reason
    assert "big.txt" not in opened and "big.html" not in opened  # refused unread
    assert sorted(a.title for a in desk.articles()) == ["Rice", "Short"]
    desk.close()


def test_html_nested_beyond_the_parser_is_refused_for_that_reason(desk, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    body = "<p>Japan banned luxury exports to Russia on Friday, officials in Tokyo said.</p>"
    deep = 100_000
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * deep + body + "</div>" * deep + "</body></html>"
    )
    (folder / "quotes.md").write_text("# Quotes\n\n" + ">" * 3000 + " Japan banned it.\n")
    (folder / "fine.txt").write_text("Kobe port traffic rose by a tenth in March.")
    report = desk.ingest([folder], progress=False)
    failed = {Path(o.path).name: o.detail for o in report.failed}
    assert set(failed) == {"deep.html"}
    assert "nests elements more than 2048 levels deep" in failed["deep.html"]
    assert report.summary()["added"] == 2  # Markdown's own nesting limit keeps it readable
