"""BM25 over chunk texts in a tantivy index on disk (`keywords/` in the index folder).

Like the FAISS files it is a cache of the catalog: each commit is stamped with the catalog
generation and the highest chunk id it holds, so a process that finds it behind (a crash between
the two commits, an index from before it existed) replays what it lacks instead of rebuilding.
Tantivy ranks with Lucene's BM25 (k1 1.2, b 0.75) and block-max WAND, so a query reads a few
posting blocks rather than scoring every matching passage; adding an article writes one small
segment that tantivy merges in the background.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.store.atomic import atomic_write_json

STAMP = "stamp.json"
ANALYZER = "newsdesk_en"
# Bump when the analyzer changes: a local index is rebuilt from its catalog, a PostgreSQL archive
# asks for `newsdesk db upgrade`, which stems its passages again. 2: accents folded.
ANALYZER_VERSION = 2
_WORD = re.compile(r"\w\w+")
_WRITER_HEAP = 64_000_000
_BULK_HEAP = 256_000_000


@dataclass(frozen=True)
class KeywordStamp:
    """Which catalog state the keyword index holds."""

    generation: int = 0
    upto: int = 0  # the highest chunk id added
    analyzer: int = ANALYZER_VERSION


@functools.lru_cache(maxsize=1)
def analyzer() -> Any:
    """The keyword analyzer (both stores use it; `analyzer().analyze(text)` gives the stems)."""
    import tantivy

    # Words of two characters or more (as bm25s counts them), lower-cased, accents folded (a
    # question's "Sao Paulo" or "Ogedei" finds "São Paulo", "Ögedei"), English stop words
    # dropped, Snowball English stems.
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(_WORD.pattern))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


class KeywordIndex:
    """Chunk id → indexed text, searchable by BM25; written only under the index's write lock."""

    def __init__(self, folder: Path) -> None:
        import tantivy

        self._tantivy: Any = tantivy
        self.folder = folder
        self.stamp = self._read_stamp()
        if self.stamp.analyzer != ANALYZER_VERSION and folder.exists():
            shutil.rmtree(folder)
            self.stamp = KeywordStamp()
        folder.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("chunk", indexed=True, fast=True)
        builder.add_text_field("body", tokenizer_name=ANALYZER, index_option="freq")
        self._schema = builder.build()
        self._index = tantivy.Index(self._schema, path=str(folder), reuse=True)
        self._index.register_tokenizer(ANALYZER, analyzer())
        self._index.reload()

    def _read_stamp(self) -> KeywordStamp:
        try:
            data = json.loads((self.folder / STAMP).read_text(encoding="utf-8"))
            return KeywordStamp(int(data["generation"]), int(data["upto"]), int(data["analyzer"]))
        except (OSError, ValueError, KeyError, TypeError):
            return KeywordStamp()

    # --- writes ---------------------------------------------------------------------------
    def apply(
        self,
        add: Iterable[tuple[int, str]],
        remove: Sequence[int],
        generation: int,
        *,
        replace_after: int | None = None,
        bulk: bool = False,
    ) -> None:
        """Add (chunk id, text) pairs and drop chunk ids in one commit, then stamp it.

        `replace_after` first drops every chunk above that id: a replay may find some of them
        already committed by a run that died before writing its stamp.
        """
        tantivy = self._tantivy
        writer = self._index.writer(
            heap_size=_BULK_HEAP if bulk else _WRITER_HEAP, num_threads=0 if bulk else 1
        )
        try:
            if replace_after is not None:
                writer.delete_documents_by_query(
                    tantivy.Query.range_query(
                        self._schema,
                        "chunk",
                        tantivy.FieldType.Integer,
                        replace_after + 1,
                        None,
                    )
                )
            if len(remove):
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self._schema, "chunk", [int(i) for i in remove])
                )
            upto = self.stamp.upto
            for chunk_id, text in add:
                document = tantivy.Document()
                document.add_integer("chunk", int(chunk_id))
                document.add_text("body", text)
                writer.add_document(document)
                upto = max(upto, int(chunk_id))
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self.stamp = KeywordStamp(generation, upto)
        atomic_write_json(
            self.folder / STAMP,
            {"generation": generation, "upto": upto, "analyzer": ANALYZER_VERSION},
        )
        self._index.reload()

    def reload(self) -> None:
        """See commits another process made."""
        self.stamp = self._read_stamp()
        self._index.reload()

    # --- reads ----------------------------------------------------------------------------
    @property
    def size(self) -> int:
        """How many chunks are indexed."""
        return int(self._index.searcher().num_docs)

    def _query(self, text: str) -> Any | None:
        words = [word.lower() for word in _WORD.findall(text)]
        if not analyzer().analyze(" ".join(words)):
            return None  # no word, or only stop words: tantivy refuses an empty query
        # Lower-cased words only: nothing the query parser could read as syntax (AND, OR, :).
        return self._index.parse_query(" ".join(words), ["body"])

    def search(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best (chunk id, BM25 score) pairs, among `allowed` chunk ids when given."""
        parsed = self._query(query)
        if parsed is None or k <= 0 or (allowed is not None and not len(allowed)):
            return []
        if allowed is not None:
            parsed = self._within(parsed, allowed)
        return self._run(parsed, k)

    def scores_of(self, query: str, chunk_ids: Sequence[int]) -> dict[int, float]:
        """BM25 scores of the given chunks for the query (0 where no query word occurs)."""
        scores = dict.fromkeys((int(i) for i in chunk_ids), 0.0)
        parsed = self._query(query)
        if parsed is None or not scores:
            return scores
        found = self._run(self._within(parsed, np.fromiter(scores, dtype=np.int64)), len(scores))
        scores.update(found)
        return scores

    def _within(self, parsed: Any, allowed: np.ndarray) -> Any:
        query = self._tantivy.Query
        members = query.term_set_query(self._schema, "chunk", [int(i) for i in allowed])
        return query.boolean_query(
            [
                (self._tantivy.Occur.Must, query.const_score_query(members, 0.0)),
                (self._tantivy.Occur.Must, parsed),
            ]
        )

    def _run(self, parsed: Any, k: int) -> list[tuple[int, float]]:
        searcher = self._index.searcher()
        hits = searcher.search(parsed, k, count=False).hits
        ids: list[Any] = searcher.fast_field_values("chunk", [address for _, address in hits])
        return [
            (int(i), float(score)) for (score, _), i in zip(hits, ids, strict=True) if score > 0
        ]
