"""Keywords in PostgreSQL: the keyword analyzer's stems as tsvector (with positions, so term
frequency counts) and BM25 computed in SQL from term counts that triggers keep in step."""

from __future__ import annotations

from collections import defaultdict

from assistant.store.keywords import analyzer

_MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
_MAX_LEXEME_BYTES = 2046


def quoted(lexeme: str) -> str:
    """A lexeme as a quoted tsvector / tsquery literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _stems(text: str) -> list[str]:
    return [s for s in analyzer().analyze(text) if len(s.encode()) <= _MAX_LEXEME_BYTES]


def tsvector_of(text: str) -> tuple[str, int]:
    """The tsvector literal of a passage's stems (with positions, so term frequency counts) and
    how many stems it has."""
    stems = _stems(text)
    positions: dict[str, list[int]] = defaultdict(list)
    for place, stem in enumerate(stems, start=1):
        positions[stem].append(min(place, _MAX_POSITION))
    literal = " ".join(
        f"{quoted(stem)}:{','.join(map(str, sorted(set(places))[:256]))}"
        for stem, places in positions.items()
    )
    return literal, len(stems)


def query_stems(query: str) -> list[str]:
    """The distinct stems of a query."""
    return list(dict.fromkeys(_stems(query)))


BM25 = """
WITH q AS (
    SELECT t.lexeme, ln(1 + (tot.passages - t.passages + 0.5) / (t.passages + 0.5)) AS idf
    FROM term_counts t, keyword_totals tot
    WHERE t.lexeme = ANY(?) AND t.passages > 0),
dl AS (SELECT greatest(terms::float8 / greatest(passages, 1), 1) AS mean FROM keyword_totals)
SELECT c.id, sum(q.idf * u.tf * 2.2 / (u.tf + 1.2 * (0.25 + 0.75 * c.nterms / dl.mean)))
FROM chunks c JOIN articles a ON a.id = c.article_id CROSS JOIN dl
CROSS JOIN LATERAL (
    SELECT x.lexeme, array_length(x.positions, 1) AS tf
    FROM unnest(ts_filter(setweight(c.terms, 'A', ?), '{{a}}')) x) u
JOIN q ON q.lexeme = u.lexeme
WHERE {match} AND {where}
GROUP BY c.id ORDER BY 2 DESC, c.id LIMIT ?
"""  # Lucene's BM25 as tantivy computes it (k1 1.2, b 0.75); setweight + ts_filter cut each
# passage's tsvector down to the query's stems in C before they are unnested.
CANDIDATE_BUDGET = 10_000  # passages scored per query, at most (see keyword_search)
