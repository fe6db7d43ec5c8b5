"""One contract, two stores: everything here runs on the index folder and on PostgreSQL.

Search, ingest, removal, stories, filters, the LangChain retriever, several processes sharing one
store and two ingests at once must behave the same whichever store the settings name.
"""

from __future__ import annotations

import multiprocessing
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexMismatch
from assistant.settings import Settings
from tests.conftest import TIME_CORPUS, FakeEmbedder

JAPAN = "Japan ban on exports of luxury goods to Russia"


def _names(hits) -> list[str]:
    return [Path(h.source).name for h in hits]


def test_ingest_search_and_ask_over_the_sample_corpus(open_desk, corpus_copy) -> None:
    desk = open_desk()
    report = desk.ingest([corpus_copy], progress=False)
    assert [o.status for o in report.outcomes] == ["added"] * 5
    stats = desk.stats()
    assert (stats["articles"], stats["files"]) == (5, 5)
    assert stats["chunks"] == report.chunks_added > 5
    assert (stats["published_from"], stats["published_to"]) == ("2022-02-25", "2024-11-24")
    for mode in ("hybrid", "dense", "keyword"):
        hits = desk.search(JAPAN, k=3, mode=mode)
        assert _names(hits)[0] == "002_f04dc1754ce9e86a.txt", mode
        for hit in hits:
            article = desk.article(hit.article_id)
            assert article.text[hit.start : hit.end] == hit.text
    answer = desk.ask("When did Japan ban luxury exports?")
    assert answer.status == "answered"
    assert answer.citations[0].published == date(2022, 3, 25)


def test_filters_by_date_and_source_leave_out_what_they_should(open_desk, corpus_copy) -> None:
    desk = open_desk()
    desk.ingest([corpus_copy], progress=False)
    for mode in ("hybrid", "dense", "keyword"):
        late = desk.search(JAPAN, k=5, mode=mode, published_after=date(2022, 3, 1))
        assert late and all(h.published >= date(2022, 3, 1) for h in late), mode
        early = desk.search(JAPAN, k=5, mode=mode, published_before=date(2022, 2, 28))
        assert early and all(h.published <= date(2022, 2, 28) for h in early), mode
        one = desk.search(JAPAN, k=5, mode=mode, sources=["001_D17F"])
        assert one and set(_names(one)) == {"001_d17f7d85b6ab406c.txt"}, mode
        assert desk.search(JAPAN, k=5, mode=mode, sources=["no such source"]) == []
        as_of = desk.search(JAPAN, k=5, mode=mode, as_of=date(2022, 3, 1))
        assert as_of and all(h.published is None or h.published <= date(2022, 3, 1) for h in as_of)


def test_keyword_scores_agree_with_keyword_search(open_desk, corpus_copy) -> None:
    desk = open_desk()
    desk.ingest([corpus_copy], progress=False)
    store = desk.index
    found = store.keyword_search("luxury exports Belarus", 10)
    assert len(found) >= 3
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    scores = store.keyword_scores("luxury exports Belarus", [i for i, _ in found] + [10**9])
    for chunk_id, score in found:
        assert scores[chunk_id] == pytest.approx(score, rel=1e-4)
    assert scores[10**9] == 0.0
    assert store.keyword_search("the and of", 10) == []  # only stop words


def test_keyword_search_folds_accents_either_way(open_desk, tmp_path) -> None:
    folder = tmp_path / "accents"
    folder.mkdir()
    (folder / "summit.md").write_text(
        "# Summit in São Paulo\n\nPublished: 2024-05-02\n\nÖgedei's heirs and President "
        "Andrés Manuel López Obrador met in São Paulo on Thursday.\n",
        encoding="utf-8",
    )
    (folder / "market.md").write_text(
        "# Market report\n\nPublished: 2024-05-03\n\nCafe owners in Zurich raised prices "
        "again on Friday.\n",
        encoding="utf-8",
    )
    desk = open_desk()
    desk.ingest([folder], progress=False)
    for query, wanted in [
        ("Sao Paulo summit", "summit.md"),
        ("Lopez Obrador", "summit.md"),
        ("Ogedei", "summit.md"),
        ("café owners in Zürich", "market.md"),
    ]:
        hits = desk.search(query, k=1, mode="keyword")
        assert _names(hits) == [wanted], query


def test_dense_search_matches_exact_search(open_desk, corpus_copy, fake_embedder) -> None:
    desk = open_desk()
    desk.ingest([corpus_copy], progress=False)
    store = desk.index
    ids = sorted(store.chunks(range(1, 1000)))
    matrix = store.exact_vectors(ids)
    assert matrix.shape == (len(ids), fake_embedder.dimension)
    for query in ("sanctions on Belarus", "nuclear missile test", "luxury cars"):
        vector = fake_embedder.embed_query(query)
        exact = sorted(zip(ids, (matrix @ vector).tolist(), strict=True), key=lambda p: -p[1])[:5]
        found = store.dense_search(vector, 5)
        assert [i for i, _ in found] == [i for i, _ in exact]
        assert [s for _, s in found] == pytest.approx([s for _, s in exact], abs=1e-5)


def test_reingest_update_and_remove(open_desk, corpus_copy) -> None:
    desk = open_desk()
    desk.ingest([corpus_copy], progress=False)
    again = desk.ingest([corpus_copy], progress=False)
    assert {o.status for o in again.outcomes} == {"unchanged"}
    assert again.chunks_added == 0
    changed = corpus_copy / "000_d28dd8b7ded27f0b.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new closing line.\n")
    updated = desk.ingest([corpus_copy], progress=False)
    assert [o.status for o in updated.outcomes if o.status != "unchanged"] == ["updated"]
    assert desk.stats()["articles"] == 5
    target = desk.search(JAPAN, k=1)[0]
    desk.remove(target.article_id)
    assert target.article_id not in {a.id for a in desk.articles()}
    assert all(h.article_id != target.article_id for h in desk.search(JAPAN, k=5))
    assert desk.stats()["articles"] == 4
    back = desk.ingest([corpus_copy], progress=False)  # its file was marked stale: it returns
    assert desk.stats()["articles"] == 5
    assert "added" in {o.status for o in back.outcomes}


def test_stories_group_copies_on_either_store(open_desk, tmp_path) -> None:
    desk = open_desk()
    folder = tmp_path / "news_over_time"
    shutil.copytree(TIME_CORPUS, folder)
    desk.ingest([folder], progress=False)
    stats = desk.stats()
    assert (stats["articles"], stats["stories"]) == (11, 8)
    hits = desk.search("harbour workers strike over pay", k=5)
    strike = [h for h in hits if Path(h.source).name.endswith("_strike.md")]
    assert len(strike) == 1
    assert len(strike[0].also_in) == 2
    desk.remove(next(a.id for a in desk.articles() if Path(a.source).name == "coastal_strike.md"))
    assert desk.stats()["stories"] == 8


def test_a_second_process_sees_ingests_and_removals_at_once(open_desk, corpus_copy) -> None:
    writer, reader = open_desk(), open_desk()
    assert reader.search(JAPAN, k=3) == []
    writer.ingest([corpus_copy / "002_f04dc1754ce9e86a.txt"], progress=False)
    assert _names(reader.search(JAPAN, k=3)) == ["002_f04dc1754ce9e86a.txt"]
    assert len(reader.articles()) == 1
    reader.remove(reader.articles()[0].id)
    assert writer.search(JAPAN, k=3) == []
    assert writer.stats()["articles"] == 0


def _ingest_in_process(settings: Settings, paths: list[str]) -> None:
    from assistant.desk import Newsdesk

    desk = Newsdesk.open(settings, embedder=FakeEmbedder())
    try:
        desk.ingest([Path(p) for p in paths], progress=False)
    finally:
        desk.close()


@pytest.mark.slow
def test_two_ingests_at_once_lose_nothing(store_settings, open_desk, tmp_path) -> None:
    """Two processes ingest at once: the files only one brings and the files both bring are all
    stored, each article once, with all its passages."""
    first, second = tmp_path / "first", tmp_path / "second"
    shared = sorted(TIME_CORPUS.iterdir())
    for folder, own in ((first, shared[:4]), (second, shared[4:8])):
        folder.mkdir()
        for path in [*own, *shared[8:]]:  # the last three in both folders
            shutil.copy(path, folder / path.name)
    open_desk()  # create the store first, as the first `newsdesk ingest` would
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        runs = [
            pool.apply_async(_ingest_in_process, (store_settings, [str(folder)]))
            for folder in (first, second)
        ]
        for run in runs:
            run.get(timeout=300)
    desk = open_desk()
    articles = desk.articles()
    assert sorted({Path(a.source).name for a in articles}) == sorted(p.name for p in shared)
    assert len(articles) == len(shared)  # the shared ones once, whichever process stored them
    assert all(a.chunks > 0 for a in articles)
    assert sum(a.chunks for a in articles) == desk.stats()["chunks"]
    assert desk.stats()["files"] == 14  # 4 + 4 own files, 3 shared files under two paths each


def test_an_ingest_reports_only_what_it_stored_when_another_stored_it_first(
    open_desk, corpus_copy, tmp_path
) -> None:
    first, second = open_desk(), open_desk()
    copy = tmp_path / "same-articles"
    shutil.copytree(corpus_copy, copy)
    # The second read its files before the first committed the same articles.
    second.index.has_article = lambda article_id: False  # type: ignore[method-assign]
    mine = first.ingest([corpus_copy], progress=False)
    theirs = second.ingest([copy], progress=False)
    assert mine.summary()["added"] == 5 and mine.chunks_added > 0
    assert [o.status for o in theirs.outcomes] == ["unchanged"] * 5
    assert {o.detail for o in theirs.outcomes} == {
        "already stored (by another ingest at the same time)"
    }
    assert theirs.chunks_added == 0
    assert second.stats()["articles"] == 5 and second.stats()["chunks"] == mine.chunks_added


def test_langchain_retriever_returns_cited_documents(open_desk, corpus_copy) -> None:
    desk = open_desk()
    desk.ingest([corpus_copy], progress=False)
    documents = desk.retriever(k=2).invoke(JAPAN)
    assert len(documents) == 2
    assert documents[0].metadata["published"] == "2022-03-25"
    assert documents[0].page_content


def test_a_store_of_another_embedder_is_refused(open_desk, corpus_copy, store_settings) -> None:
    from assistant.desk import Newsdesk

    desk = open_desk()
    desk.ingest([corpus_copy / "002_f04dc1754ce9e86a.txt"], progress=False)

    class Other(FakeEmbedder):
        id = "another-embedder"

    with pytest.raises(IndexMismatch, match="another-embedder"):
        Newsdesk.open(store_settings, embedder=Other())


def test_exact_vectors_come_back_in_the_order_asked(open_desk, corpus_copy) -> None:
    desk = open_desk()
    desk.ingest([corpus_copy], progress=False)
    ids = sorted(desk.index.chunks(range(1, 1000)))
    forward = desk.index.exact_vectors(ids)
    backward = desk.index.exact_vectors(ids[::-1])
    assert np.allclose(forward[::-1], backward)
    assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-5)


def test_feeds_live_in_the_store_and_one_process_refreshes_a_feed_at_a_time(open_desk) -> None:
    first, second = open_desk(), open_desk()  # two processes' views of one store
    feeds, other = first.index.feeds, second.index.feeds
    url = "https://news.example/feed.xml"
    assert feeds.add(url, "Example news") and not other.add(url, "again")
    assert [f.title for f in second.feeds()] == ["Example news"]
    assert feeds.claim(url, "process-1", 60)
    assert not other.claim(url, "process-2", 60)  # the other process sees the claim
    feeds.finish(url, "process-1", title="Example", error=None, added=3, etag='"e1"',
                 last_modified=None)  # fmt: skip
    state = second.feeds()[0]
    assert (state.title, state.articles, state.etag) == ("Example", 3, '"e1"')
    assert state.refreshed_at and state.error is None
    assert other.claim(url, "process-2", 60) and not feeds.claim(url, "process-1", 60)
    feeds.remember_page("https://news.example/a", '"p1"', "Mon, 02 Dec 2024 10:00:00 GMT")
    feeds.remember_page("https://news.example/a", '"p2"', None)
    assert other.page("https://news.example/a") == ('"p2"', None)
    assert second.unfollow(url) and first.feeds() == [] and not first.unfollow(url)
