"""Stories: copies of one report are grouped at ingest, shown once, and re-formed on removal."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.store.stories import components, jaccard, signature

STORY = "Dockworkers at the Port of Norhaven walked out on Tuesday"


def _sources(hits) -> list[str]:
    return [Path(hit.source).name for hit in hits]


def _story_of(desk, name: str) -> str:
    return next(a.story_id for a in desk.articles() if Path(a.source).name == name)


def test_copies_with_other_boilerplate_estimate_high_and_other_reports_low() -> None:
    body = " ".join(f"word{i} and more text number {i}." for i in range(80))
    copy = "By Wire staff. " + body + " Subscribe to our newsletter for more."
    other = " ".join(f"other{i} words in a different report {i}." for i in range(80))
    assert jaccard(signature(body), signature(copy)) > 0.8
    assert jaccard(signature(body), signature(other)) < 0.1


def test_syndicated_copies_and_an_update_form_stories(time_desk) -> None:
    stories = {
        name: _story_of(time_desk, name)
        for name in (
            "herald_strike.md",
            "coastal_strike.md",
            "valley_strike.md",
            "backlog_first.md",
            "backlog_updated.md",
            "gazette_arrests.md",
            "coastal_arrests.md",
        )
    }
    wire = {stories[n] for n in ("herald_strike.md", "coastal_strike.md", "valley_strike.md")}
    assert len(wire) == 1
    assert stories["backlog_first.md"] == stories["backlog_updated.md"]
    # Two outlets' own reports of one event are not copies of each other.
    assert stories["gazette_arrests.md"] != stories["coastal_arrests.md"]
    assert stories["herald_strike.md"] != stories["backlog_first.md"]
    stats = time_desk.stats()
    assert stats["articles"] == 11
    assert stats["stories"] == 8


def test_search_shows_one_hit_per_story_with_the_other_copies(time_desk) -> None:
    hits = time_desk.search(STORY, k=5)
    names = _sources(hits)
    strike = [n for n in names if n.endswith("_strike.md")]
    assert len(strike) == 1
    first = hits[names.index(strike[0])]
    copies = {"coastal_strike.md", "herald_strike.md", "valley_strike.md"} - {strike[0]}
    assert sorted(Path(c.source).name for c in first.also_in) == sorted(copies)
    assert {c.article_id for c in first.also_in}.isdisjoint({first.article_id})
    record = first.to_dict()
    assert {"article_id", "source", "published"} <= set(record["also_in"][0])
    every = time_desk.search(STORY, k=5, all_copies=True)
    assert sum(n.endswith("_strike.md") for n in _sources(every)) >= 3


def test_removing_the_article_that_joins_a_story_re_forms_it(time_desk, tmp_path) -> None:
    before = _story_of(time_desk, "valley_strike.md")
    removed = next(a for a in time_desk.articles() if Path(a.source).name == "coastal_strike.md")
    time_desk.remove(removed.id)
    left = {_story_of(time_desk, n) for n in ("herald_strike.md", "valley_strike.md")}
    assert len(left) == 1  # still copies of each other
    assert before in left or removed.id == before
    assert time_desk.stats()["stories"] == 8


def test_a_copy_added_later_joins_without_rescanning(time_desk, tmp_path) -> None:
    extra = tmp_path / "late"
    extra.mkdir()
    text = (tmp_path / "news_over_time" / "agreement.md").read_text()
    (extra / "agreement_copy.md").write_text(
        text.replace("By Ines Calder, Harbour Gazette", "From the Valley Times wire desk")
    )
    time_desk.ingest([extra], progress=False)
    assert _story_of(time_desk, "agreement_copy.md") == _story_of(time_desk, "agreement.md")


def test_components_name_each_group_by_its_smallest_member() -> None:
    groups = components(["c", "a", "b", "d"], [("a", "c"), ("d", "b")])
    assert groups == {"a": "a", "c": "a", "b": "b", "d": "b"}


def test_grouping_off_keeps_every_article_its_own_story(settings, fake_embedder, tmp_path):
    from assistant.desk import Newsdesk

    target = tmp_path / "copies"
    shutil.copytree(Path(__file__).parent.parent / "data" / "news_over_time", target)
    desk = Newsdesk.open(settings.model_copy(update={"stories": False}), embedder=fake_embedder)
    desk.ingest([target], progress=False)
    assert desk.stats()["stories"] == 11
    desk.close()
    # Opened again with grouping on, the articles stored meanwhile are grouped.
    desk = Newsdesk.open(settings, embedder=fake_embedder)
    assert desk.stats()["stories"] == 8
    desk.close()


def _row(chunk_id: int, article: str, story: str, day: int, text: str):
    from datetime import date

    from assistant.store import StoredChunk

    return StoredChunk(chunk_id, article, "t", date(2023, 3, day), "s", text, 0, 9, None, story)


def test_one_per_story_takes_the_newest_copy_of_an_equal_passage_at_the_best_rank() -> None:
    from assistant.retrieval.searcher import one_per_story

    rows = {
        1: _row(1, "old", "s1", 1, "Dockworkers walked out."),
        2: _row(2, "other", "s2", 5, "Something else."),
        3: _row(3, "new", "s1", 2, "Dockworkers  walked out."),
        4: _row(4, "old", "s1", 1, "A second passage of the old copy."),
        5: _row(5, "new", "s1", 2, "A second passage of the new copy."),
    }
    scores = {1: 0.9, 2: 0.8, 3: 0.7, 4: 0.6, 5: 0.5}
    assert one_per_story([1, 2, 3, 4, 5], rows, scores) == [3, 2]
    assert one_per_story([1, 2, 3, 4, 5], rows, scores, per_story=3) == [3, 2, 5]
    rows[3] = _row(3, "new", "s1", 2, "Different words in the newer copy.")
    assert one_per_story([1, 2, 3, 4, 5], rows, scores) == [1, 2]
