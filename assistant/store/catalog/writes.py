"""The catalog's one write: articles in, articles out, files recorded, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np

from assistant.store.catalog.passages import PassageRecords
from assistant.store.catalog.records import STALE, FileRecord, IndexedArticle, now


class CatalogWrites(PassageRecords):
    """`apply` and the hooks a store on another database overrides."""

    def apply(
        self,
        add: Sequence[IndexedArticle],
        remove: Sequence[str],
        files: Sequence[FileRecord],
    ) -> tuple[list[int], list[tuple[int, np.ndarray]], int, set[str]]:
        """Store new articles, drop removed ones and orphans, record files; all or nothing.

        An article another writer stored meanwhile is kept as it is. Returns (chunk ids removed,
        (chunk id, vector) of every chunk added, the new generation, ids of the articles this
        call stored).
        """
        db = self._db
        self._begin_write()
        try:
            complete = [record for record in files if record.complete]
            previously_linked: set[str] = set(remove)
            for record in complete:
                previously_linked |= self.file_articles(record.path)
            removed = self._delete_articles(remove)
            added: list[tuple[int, np.ndarray]] = []
            stored: set[str] = set()
            for item in add:
                if item.article.id in stored or self.has_article(item.article.id):
                    continue  # stored by another writer since this one read its files
                added.extend(self._insert(item))
                stored.add(item.article.id)
            for record in files:
                if record.complete:
                    db.execute("DELETE FROM file_articles WHERE path=?", (record.path,))
                    db.execute(
                        "INSERT INTO files(path, sha256, ingested_at) VALUES (?,?,?) "
                        "ON CONFLICT(path) DO UPDATE "
                        "SET sha256=excluded.sha256, ingested_at=excluded.ingested_at",
                        (record.path, record.sha256, now()),
                    )
                else:
                    db.execute(
                        "INSERT INTO files(path, sha256, ingested_at) VALUES (?,?,?) "
                        "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256",
                        (record.path, STALE, now()),
                    )
                db.executemany(
                    "INSERT INTO file_articles(path, article_id) "
                    "SELECT ?, id FROM articles WHERE id=? ON CONFLICT DO NOTHING",
                    [(record.path, article_id) for article_id in record.article_ids],
                )
            orphans = [
                article_id
                for article_id in previously_linked - set(remove)
                if db.execute(
                    "SELECT 1 FROM file_articles WHERE article_id=?", (article_id,)
                ).fetchone()
                is None
            ]
            removed.extend(self._delete_articles(orphans))
            generation = self.generation + 1
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(generation),),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return removed, added, generation, stored

    def _delete_articles(self, article_ids: Sequence[str]) -> list[int]:
        removed: list[int] = []
        stories = {self.stories.story_of(article_id) for article_id in article_ids}
        generation = self.generation + 1  # the one this transaction commits
        for article_id in article_ids:
            rows = self._db.execute("SELECT id FROM chunks WHERE article_id=?", (article_id,))
            ids = [row[0] for row in rows]
            removed.extend(ids)
            self._record_removed(ids, generation)
            # Mark its files stale, so that ingesting them again brings the article back; the
            # other articles of a file (a JSONL feed) keep their link to it.
            self._db.execute(
                "UPDATE files SET sha256=? WHERE path IN "
                "(SELECT path FROM file_articles WHERE article_id=?)",
                (STALE, article_id),
            )
            self._db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        self.stories.re_form(stories)
        return removed

    def _record_removed(self, chunk_ids: Sequence[int], generation: int) -> None:
        """Note removed chunks, so that the keyword and vector files (caches) catch up."""
        self._db.executemany(
            "INSERT INTO removed_chunks(id, generation) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET generation=excluded.generation",
            [(chunk_id, generation) for chunk_id in chunk_ids],
        )

    def _insert(self, item: IndexedArticle) -> list[tuple[int, np.ndarray]]:
        article = item.article
        self._db.execute(
            "INSERT INTO articles(id, title, published, source, text, page_starts, added_at) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                article.id,
                article.title,
                article.published.isoformat() if article.published else None,
                article.source,
                article.text,
                json.dumps(list(article.page_starts)),
                now(),
            ),
        )
        ids = self._insert_chunks(item)
        if self.group_stories and len(item.vectors):
            self.stories.join(article.id, article.text, item.vectors)
        return ids

    def _insert_chunks(self, item: IndexedArticle) -> list[tuple[int, np.ndarray]]:
        ids: list[tuple[int, np.ndarray]] = []
        for chunk, vector in zip(item.chunks, item.vectors, strict=True):
            cursor = self._db.execute(
                'INSERT INTO chunks(article_id, ordinal, start, "end", page, text, vector) '
                "VALUES (?,?,?,?,?,?,?)",
                (
                    chunk.article_id,
                    chunk.ordinal,
                    chunk.start,
                    chunk.end,
                    chunk.page,
                    chunk.text,
                    np.ascontiguousarray(vector, dtype=np.float32).tobytes(),
                ),
            )
            assert cursor.lastrowid is not None
            ids.append((cursor.lastrowid, vector))
        return ids
