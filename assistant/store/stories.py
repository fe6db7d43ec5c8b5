"""Stories: syndicated copies, light rewrites and updated versions of one report, grouped.

Each article gets a MinHash signature (datasketch) of its word 3-shingles. Locality-sensitive
hashing splits the signature into bands; two articles that share a band bucket are candidates, so
adding one article looks up a handful of rows, never the whole archive. A candidate joins the
article's story when its estimated shingle Jaccard and how well their passage vectors match
(`passage_match`) both clear the thresholds below (calibrated by `bench/stories.py`; see
BENCHMARKS.md). Links are stored, so removing an article re-forms its story from the links left.
A story's id is the smallest article id among its members: the same members give the same id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from hashlib import blake2b
from typing import Any

import numpy as np

from assistant.uploads import json_source

PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # LSH catches pairs from Jaccard ~0.42 up with good odds: (1/32)^(1/4)
SHINGLE_WORDS = 3
MIN_JACCARD = 0.3
MIN_COSINE = 0.75
_SEED = 7
_WORD = re.compile(r"\w+")

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL, signature BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS story_members_by_story ON story_members(story_id);
CREATE TABLE IF NOT EXISTS story_bands (
    band INTEGER NOT NULL, bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE);
CREATE INDEX IF NOT EXISTS story_bands_by_bucket ON story_bands(band, bucket);
CREATE INDEX IF NOT EXISTS story_bands_by_article ON story_bands(article_id);
CREATE TABLE IF NOT EXISTS story_links (
    a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    jaccard REAL NOT NULL, cosine REAL NOT NULL, PRIMARY KEY (a, b));
CREATE INDEX IF NOT EXISTS story_links_by_b ON story_links(b);
"""


@dataclass(frozen=True)
class Copy:
    """One article of a story: where it ran and when."""

    article_id: str
    source: str
    published: date | None
    title: str = ""

    def newest_first(self) -> tuple[bool, int, str]:
        """Sort key: newest first, undated last, then by id."""
        day = self.published.toordinal() if self.published else 0
        return (self.published is None, -day, self.article_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an entry of `also_in`)."""
        return {
            "article_id": self.article_id,
            **json_source(self.source),
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
        }


@dataclass(frozen=True)
class Thresholds:
    """When two articles are copies of one report."""

    jaccard: float = MIN_JACCARD
    cosine: float = MIN_COSINE


def shingles(text: str) -> set[bytes]:
    """Lower-cased word 3-grams; a text shorter than that is its words."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> np.ndarray:
    """The MinHash signature (PERMUTATIONS uint64 values) of a text's shingles."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    minhash.update_batch(list(shingles(text)))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def band_buckets(sig: np.ndarray) -> list[int]:
    """One signed 64-bit bucket per band (SQLite integers are signed)."""
    rows = np.ascontiguousarray(sig, dtype="<u8").reshape(BANDS, ROWS)
    return [
        int.from_bytes(blake2b(row.tobytes(), digest_size=8).digest(), "little", signed=True)
        for row in rows
    ]


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The Jaccard similarity of two texts' shingles, estimated from their signatures."""
    return float(np.mean(first == second))


def passage_match(first: np.ndarray, second: np.ndarray) -> float:
    """How well one article's passages are found in the other's: the mean, over the passages
    of either article, of each one's best cosine in the other; the better direction counts, so
    that an update (the report plus a paragraph) matches the report it extends."""
    if not len(first) or not len(second):
        return 0.0
    similarity = np.asarray(first, dtype=np.float32) @ np.asarray(second, dtype=np.float32).T
    return float(max(similarity.max(axis=1).mean(), similarity.max(axis=0).mean()))


class StoryBook:
    """Story membership in the catalog's database (SQLite, or PostgreSQL through a `?`-style
    connection); called inside the catalog's writes. `vectors_of` gives an article's stored
    passage vectors."""

    def __init__(
        self,
        db: Any,
        vectors_of: Callable[[str], np.ndarray],
        thresholds: Thresholds | None = None,
    ) -> None:
        self._db = db
        self._vectors_of = vectors_of
        self.thresholds = thresholds or Thresholds()

    def join(self, article_id: str, text: str, vectors: np.ndarray) -> str:
        """File a new article under its story (merging stories it links); returns the story id."""
        sig = signature(text)
        buckets = band_buckets(sig)
        linked = self._linked_candidates(article_id, sig, vectors, buckets)
        self._db.execute(
            "INSERT INTO story_members(article_id, story_id, signature) VALUES (?,?,?) "
            "ON CONFLICT(article_id) DO UPDATE "
            "SET story_id=excluded.story_id, signature=excluded.signature",
            (article_id, article_id, sig.tobytes()),
        )
        self._db.executemany(
            "INSERT INTO story_bands(band, bucket, article_id) VALUES (?,?,?)",
            [(band, bucket, article_id) for band, bucket in enumerate(buckets)],
        )
        self._db.executemany(
            "INSERT INTO story_links(a, b, jaccard, cosine) VALUES (?,?,?,?) "
            "ON CONFLICT(a, b) DO UPDATE SET jaccard=excluded.jaccard, cosine=excluded.cosine",
            [(min(article_id, o), max(article_id, o), j, c) for o, j, c in linked],
        )
        stories = {article_id} | {self.story_of(other) for other, _, _ in linked}
        story = min(stories)
        self._db.executemany(
            "UPDATE story_members SET story_id=? WHERE story_id=?",
            [(story, old) for old in stories if old != story],
        )
        return story

    def _linked_candidates(
        self, article_id: str, sig: np.ndarray, vectors: np.ndarray, buckets: Sequence[int]
    ) -> list[tuple[str, float, float]]:
        clauses = " OR ".join("(band=? AND bucket=?)" for _ in buckets)
        params = [value for pair in enumerate(buckets) for value in pair]
        rows = self._db.execute(
            "SELECT m.article_id, m.signature FROM story_members m WHERE "
            f"m.article_id IN (SELECT article_id FROM story_bands WHERE {clauses}) "
            "AND m.article_id != ?",
            [*params, article_id],
        ).fetchall()
        linked = []
        for other, other_sig in rows:
            similarity = jaccard(sig, np.frombuffer(other_sig, dtype=np.uint64))
            if similarity < self.thresholds.jaccard:
                continue
            cosine = passage_match(vectors, self._vectors_of(other))
            if cosine >= self.thresholds.cosine:
                linked.append((other, similarity, cosine))
        return linked

    def story_of(self, article_id: str) -> str:
        """The story id of a stored article (its own id when it was never grouped)."""
        row = self._db.execute(
            "SELECT story_id FROM story_members WHERE article_id=?", (article_id,)
        ).fetchone()
        return row[0] if row else article_id

    def members(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        """Article ids of each story."""
        found: dict[str, list[str]] = {}
        wanted = list(dict.fromkeys(story_ids))
        for offset in range(0, len(wanted), 500):
            batch = wanted[offset : offset + 500]
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                f"SELECT story_id, article_id FROM story_members WHERE story_id IN ({marks}) "
                "ORDER BY article_id",
                batch,
            )
            for story, article in rows:
                found.setdefault(story, []).append(article)
        return found

    def re_form(self, story_ids: Iterable[str]) -> None:
        """Split stories whose members no longer link up (after a removal) into components."""
        for story, members in self.members(story_ids).items():
            placed = set(members)
            marks = ",".join("?" * len(members))
            links = self._db.execute(
                f"SELECT a, b FROM story_links WHERE a IN ({marks}) AND b IN ({marks})",
                [*members, *members],
            ).fetchall()
            root = components(placed, links)
            self._db.executemany(
                "UPDATE story_members SET story_id=? WHERE article_id=?",
                [(root[member], member) for member in members if root[member] != story],
            )

    def signatures(self) -> dict[str, np.ndarray]:
        """Every grouped article's MinHash signature (for calibration)."""
        return {
            article: np.frombuffer(blob, dtype=np.uint64)
            for article, blob in self._db.execute("SELECT article_id, signature FROM story_members")
        }

    def count(self) -> int:
        """How many stories the stored articles make (an ungrouped article is one)."""
        row = self._db.execute(
            "SELECT COUNT(DISTINCT COALESCE(m.story_id, a.id)) FROM articles a "
            "LEFT JOIN story_members m ON m.article_id = a.id"
        ).fetchone()
        return int(row[0])

    def ungrouped(self) -> list[str]:
        """Stored articles that have no story yet (indexed before stories existed)."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY a.added_at, a.id"
        )
        return [row[0] for row in rows]


def components(members: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each member's component, named by its smallest member (union-find)."""
    parent = {member: member for member in members}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        if a in parent and b in parent:
            first, second = root(a), root(b)
            if first != second:
                parent[max(first, second)] = min(first, second)
    return {member: root(member) for member in parent}
