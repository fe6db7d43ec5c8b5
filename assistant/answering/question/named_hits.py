"""Passages that name what the question names, when the best hits do not.

Fused retrieval weighs meaning above words, so a passage that is the only one to name the
question's rare name ("What Chinese-style name did Rinchinbal use?") can rank below five that
speak of the same dynasty without it — and the answerer refuses a question whose names no
passage mentions. Even the keyword ranking of the whole question puts it sixth, below passages
rich in its common words ("Chinese", "name"); the keyword ranking of the missing names alone
finds it, and it joins the hits.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.answering.question.names import missing_entities
from assistant.answering.question.parse import parse_question
from assistant.retrieval import Hit, HybridSearcher, SearchFilters

NAMED_POOL = 20  # keyword hits looked through for the missing names
NAMED_EXTRA = 2  # passages added at most


def with_named(
    searcher: HybridSearcher,
    reading: str,
    hits: list[Hit],
    filters: SearchFilters,
    all_copies: bool | None = None,
) -> list[Hit]:
    """`hits`, then up to NAMED_EXTRA of the best keyword hits for the names of the question
    (`reading`) that no hit names, each naming one of them; `hits` alone when none is missing
    or none is found."""
    if not hits:
        return hits
    parsed = parse_question(reading)
    missing = set(missing_entities(parsed, hits))
    if not missing:
        return hits
    have = {hit.chunk_id for hit in hits}
    found = name_hits(searcher, missing, filters, all_copies)
    extra: list[Hit] = []
    for hit in found:
        if hit.chunk_id in have or not missing - set(missing_entities(parsed, [hit])):
            continue
        extra.append(hit)
        if len(extra) == NAMED_EXTRA:
            break
    return hits + extra


def name_hits(
    searcher: HybridSearcher,
    names: Iterable[str],
    filters: SearchFilters,
    all_copies: bool | None = None,
) -> list[Hit]:
    """The best NAMED_POOL passages of the keyword ranking of `names` alone."""
    query = " ".join(sorted(names))
    return searcher.search(query, NAMED_POOL, filters, mode="keyword", all_copies=all_copies)
