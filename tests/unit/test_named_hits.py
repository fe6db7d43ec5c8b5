"""A question's rare name that the fused hits miss: the keyword ranking of the name brings in
the passage that names it (assistant/answering/question/named_hits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.question.named_hits import NAMED_EXTRA, with_named
from assistant.retrieval import SearchFilters

QUESTION = "What Chinese-style name did Rinchinbal use?"
NAMED = "After the death of Tugh Temur in 1332, Rinchinbal died the same year, aged six."
RULERS = ("Kublai", "Temur", "Kulug", "Buyantu", "Gegeen", "Yesun", "Tugh", "Toghon")
PLACES = ("Khanbaliq", "Shangdu", "Karakorum", "Hangzhou", "Quanzhou", "Yangzhou", "Dadu", "Wuhan")


def common(n: int) -> str:
    """A passage rich in the question's common words, unlike the others but for them."""
    ruler, place = RULERS[n], PLACES[n]
    return (
        f"{ruler} used a Chinese-style name in {place}. Chinese records of {place} use the "
        f"name, and the style of {ruler}'s court in {place} was Chinese. Year {1270 + 7 * n}."
    )


@pytest.fixture
def library(desk, tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(8):
        (folder / f"names-{n}.txt").write_text(f"Names at {PLACES[n]}\n\n{common(n)}\n")
    (folder / "rinchinbal.txt").write_text(f"The last years of the Yuan\n\n{NAMED}\n")
    desk.ingest([folder], progress=False)
    return desk


def test_the_passage_that_names_the_question_s_name_joins_the_hits(library) -> None:
    hits = library.search(QUESTION, k=3)
    assert all("Rinchinbal" not in hit.text for hit in hits)  # fused, it ranks below the rest
    found = with_named(library.searcher, QUESTION, hits, SearchFilters())
    assert found[: len(hits)] == hits
    assert [NAMED in hit.text for hit in found[len(hits) :]] == [True]


def test_nothing_joins_when_every_name_is_in_the_hits_or_nowhere(library) -> None:
    hits = library.search("What happened after the death of Rinchinbal?", k=3)
    assert any("Rinchinbal" in hit.text for hit in hits)
    assert with_named(library.searcher, "Who succeeded Rinchinbal?", hits, SearchFilters()) == hits
    nowhere = library.search("What Chinese-style name did Ayurbarwada use?", k=3)
    asked = "What Chinese-style name did Ayurbarwada use?"
    assert with_named(library.searcher, asked, nowhere, SearchFilters()) == nowhere


def test_at_most_a_few_passages_join(library, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    for n in range(NAMED_EXTRA + 2):
        (folder / f"r{n}.txt").write_text(f"Rinchinbal, note {n}\n\nRinchinbal was young ({n}).\n")
    library.ingest([folder], progress=False)
    hits = [h for h in library.search(QUESTION, k=3) if "Rinchinbal" not in h.text]
    found = with_named(library.searcher, QUESTION, hits, SearchFilters())
    assert len(found) == len(hits) + NAMED_EXTRA
    assert all("Rinchinbal" in hit.text for hit in found[len(hits) :])


def test_the_answerer_reads_the_passage_it_would_otherwise_miss(library, monkeypatch) -> None:
    generator = library.generator()
    read: list[str] = []
    stream = generator.stream

    def spy(question, hits):
        read.extend(hit.text for hit in hits)
        return stream(question, hits)

    monkeypatch.setattr(generator, "stream", spy)
    library.ask(QUESTION, k=3)
    assert any(NAMED in text for text in read)
