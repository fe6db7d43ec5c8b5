"""Keywords in PostgreSQL: the keyword analyzer's stems as tsvector (with positions, so term
frequency counts) and BM25 computed in SQL from term counts that triggers keep in step."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from assistant.chunking import indexed_text
from assistant.store.keywords import ANALYZER_VERSION, analyzer

_MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
_MAX_LEXEME_BYTES = 2046
ANALYZER_KEY = "keyword_analyzer"  # meta key: the ANALYZER_VERSION the stored stems were made by
_RESTEM_BATCH = 500


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


def stems_version(conn: Any) -> int:
    """The analyzer version the database's stems were made by (1: before it was recorded)."""
    row = conn.execute("SELECT value FROM meta WHERE key = %s", (ANALYZER_KEY,)).fetchone()
    return int(row[0]) if row else 1


def restem(conn: Any) -> int:
    """Stem every passage again with today's analyzer and recount the BM25 statistics, in one
    transaction, when the database's stems are older (`newsdesk db upgrade`); returns how many
    passages were stemmed again (0: already current). Called with the write lock held."""
    if stems_version(conn) >= ANALYZER_VERSION:
        return 0
    last, restemmed = 0, 0
    while rows := conn.execute(
        "SELECT c.id, a.title, c.ordinal, c.text FROM chunks c "
        "JOIN articles a ON a.id = c.article_id WHERE c.id > %s ORDER BY c.id LIMIT %s",
        (last, _RESTEM_BATCH),
    ).fetchall():
        updates = [
            (*tsvector_of(indexed_text(title, ordinal, text)), chunk_id)
            for chunk_id, title, ordinal, text in rows
        ]
        with conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE chunks SET terms = %s::tsvector, nterms = %s WHERE id = %s", updates
            )
        last, restemmed = rows[-1][0], restemmed + len(rows)
    # The count triggers fire on insert and delete only: count the new stems afresh.
    conn.execute("DELETE FROM term_counts")
    conn.execute(
        "INSERT INTO term_counts (lexeme, passages) "
        "SELECT u.lexeme, count(*) FROM chunks c, unnest(c.terms) u GROUP BY u.lexeme"
    )
    conn.execute(
        "UPDATE keyword_totals SET passages = (SELECT count(*) FROM chunks), "
        "terms = (SELECT coalesce(sum(nterms), 0) FROM chunks)"
    )
    mark_stems_current(conn)
    return restemmed


def mark_stems_current(conn: Any) -> None:
    """Record that the database's stems are today's analyzer's."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (ANALYZER_KEY, str(ANALYZER_VERSION)),
    )
