from datetime import date
from pathlib import Path

import pytest
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

import assistant
from assistant.retrieval import SearchFilters

HIT_KEYS = {"article_id", "title", "published", "source", "text", "start", "end", "score"}


@pytest.fixture
def loaded(desk, corpus_copy: Path):
    desk.ingest([corpus_copy], progress=False)
    return desk


@pytest.mark.parametrize("mode", ["hybrid", "dense", "keyword"])
def test_every_mode_finds_the_luxury_article_first(loaded, mode) -> None:
    hits = loaded.search("luxury export ban", k=3, mode=mode)
    assert hits[0].published == date(2022, 3, 25)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hits_quote_the_stored_article_exactly(loaded) -> None:
    for hit in loaded.search("Yellen Belarus sovereignty", k=5):
        article = loaded.article(hit.article_id)
        assert article.text[hit.start : hit.end] == hit.text
        assert hit.title == article.title and hit.source == article.source
        assert set(hit.to_dict()) >= HIT_KEYS


def test_date_filter_is_inclusive_and_drops_undated(loaded) -> None:
    hits = loaded.search(
        "sanctions", k=50, published_after=date(2022, 2, 26), published_before=date(2022, 3, 25)
    )
    assert {h.published for h in hits} == {date(2022, 2, 26), date(2022, 3, 25)}
    assert loaded.search("sanctions", k=50, published_after=date(2030, 1, 1)) == []


def test_source_filter_matches_substrings(loaded) -> None:
    hits = loaded.search("sanctions", k=50, sources=["004_defa"])
    assert hits and {h.source.rsplit("/", 1)[-1] for h in hits} == {"004_defa2247f48d320b.txt"}


def test_mmr_spreads_hits_over_articles(loaded) -> None:
    plain = loaded.search("Japan sanctions Russia", k=4, mmr=False)
    diverse = loaded.search("Japan sanctions Russia", k=4, mmr=True)
    assert len(diverse) == 4
    assert len({h.article_id for h in diverse}) >= len({h.article_id for h in plain})


def test_empty_query_and_empty_index(desk) -> None:
    assert desk.search("   ") == []
    assert desk.search("anything") == []


def test_langchain_retriever_inside_an_lcel_chain(loaded) -> None:
    retriever = loaded.retriever(k=2, filters=SearchFilters(published_after=date(2022, 3, 1)))

    def cite(docs):
        return [f"{d.metadata['published']} {d.metadata['article_id']}" for d in docs]

    chain = {"docs": retriever | RunnableLambda(cite), "q": RunnablePassthrough()}
    result = RunnableLambda(lambda q: q.strip()) | chain
    out = result.invoke("  luxury export ban ")
    assert out["q"] == "luxury export ban"
    assert out["docs"][0].startswith("2022-03-25 ")
    docs = retriever.invoke("luxury export ban")
    assert (
        docs[0].page_content
        == loaded.article(docs[0].metadata["article_id"]).text[
            docs[0].metadata["start"] : docs[0].metadata["end"]
        ]
    )


def test_public_api_is_pinned() -> None:
    assert sorted(assistant.__all__) == sorted(
        [
            "Article",
            "ArticleNotFound",
            "Hit",
            "IndexCorrupt",
            "IndexMismatch",
            "IngestReport",
            "Newsdesk",
            "NewsdeskError",
            "NewsdeskRetriever",
            "NothingIngested",
            "SearchFilters",
            "Settings",
            "UnreadableInput",
        ]
    )
    for name in assistant.__all__:
        assert getattr(assistant, name) is not None
