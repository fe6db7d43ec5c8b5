"""The FAISS side of the index: exact while small; an IVF-SQ8 main file and an exact delta above.

Every vector is stored once as float32, in the catalog. Up to `ann_threshold` passages they are all
searched exactly in memory. Above it, a main file holds them as 8-bit codes in inverted lists
(a quarter of the float size, memory-mapped, never rewritten by a single ingest); passages added
since it was built sit in a small exact "delta", passages removed since are skipped by id, and
the main candidates are re-scored with their exact vectors. When the delta outgrows its limit,
the main file is rewritten with it (and retrained when it has grown 4x past its training).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.store.atomic import atomic_write

FLAT = "flat"
IVF = "ivf-sq8"
SAMPLE_PER_LIST = 64

Exact = Callable[[Sequence[int]], np.ndarray]  # chunk ids → their float32 vectors, in that order


@dataclass(frozen=True)
class VectorIndexInfo:
    """What the catalog (and the manifest, for people) records about the main file."""

    kind: str = FLAT
    nlist: int = 0
    trained_on: int = 0
    size: int = 0  # vectors in the main file
    upto: int = 0  # the highest chunk id the main file covers; the delta holds those above
    generation: int = 0  # the catalog generation it was built at; removals after it are skipped
    file: str = ""


def _exact_index(dimension: int) -> Any:
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def list_count(size: int) -> int:
    """Inverted lists for an index of `size` vectors: 4·√size."""
    return max(1, int(4 * math.sqrt(size)))


def train_main(
    dimension: int, size: int, sample: np.ndarray, batches: Iterator[tuple[np.ndarray, np.ndarray]]
) -> tuple[Any, int]:
    """A new IVF-SQ8 index with `list_count(size)` lists (fewer when the sample is too small to
    train them: FAISS wants 39 vectors a list), trained on `sample`, holding every batch."""
    nlist = max(1, min(list_count(size), len(sample) // 39))
    index: Any = faiss.index_factory(dimension, f"IVF{nlist},SQ8", faiss.METRIC_INNER_PRODUCT)
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    for ids, vectors in batches:
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)
    return index, nlist


class VectorIndex:
    """Chunk ids → unit vectors, searchable by inner product, optionally within a set of ids."""

    def __init__(
        self,
        dimension: int,
        nprobe: int,
        info: VectorIndexInfo | None = None,
        main: Any = None,
        removed: set[int] | None = None,
    ) -> None:
        self.dimension = dimension
        self.nprobe = nprobe
        self.info = info or VectorIndexInfo()
        self.main: Any = main  # faiss's stubs do not know SWIG's numpy overloads
        self.delta: Any = _exact_index(dimension)
        self.removed: set[int] = set(removed or ())
        if main is not None:
            faiss.extract_index_ivf(main).nprobe = nprobe

    @classmethod
    def open_main(cls, folder: Path, info: VectorIndexInfo, dimension: int, nprobe: int) -> Any:
        """The main file memory-mapped, or None when it is missing or does not match `info`."""
        path = folder / info.file
        if info.kind != IVF or not info.file or not path.exists():
            return None
        try:
            main = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
        except RuntimeError:
            return None
        if int(main.ntotal) != info.size or int(main.d) != dimension:
            return None
        return main

    @staticmethod
    def write_main(path: Path, main: Any) -> None:
        """Write a main file atomically."""
        atomic_write(path, lambda tmp: faiss.write_index(main, str(tmp)))

    @staticmethod
    def load_writable(path: Path) -> Any:
        """A main file read whole into memory, to add the delta to it."""
        return faiss.read_index(str(path))

    @property
    def size(self) -> int:
        """How many vectors are held (main less the removed ones, plus the delta)."""
        main = int(self.main.ntotal) - len(self.removed) if self.main is not None else 0
        return main + int(self.delta.ntotal)

    @property
    def delta_size(self) -> int:
        """How many vectors are held exactly, outside the main file."""
        return int(self.delta.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given chunk ids (to the exact delta)."""
        if len(ids):
            self.delta.add_with_ids(
                np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64)
            )

    def remove(self, ids: np.ndarray) -> None:
        """Drop the vectors of these chunk ids: from the delta, or skipped in the main file."""
        if not len(ids):
            return
        ids = np.asarray(ids, dtype=np.int64)
        in_main = ids[ids <= self.info.upto] if self.main is not None else ids[:0]
        self.removed.update(int(i) for i in in_main)
        self.delta.remove_ids(ids)

    def search(
        self,
        query: np.ndarray,
        k: int,
        allowed: np.ndarray | None = None,
        exact: Exact | None = None,
    ) -> list[tuple[int, float]]:
        """The k best (chunk id, inner product) pairs, only among `allowed` ids when given.

        Candidates from the main file are re-scored with `exact` (their float vectors).
        """
        if self.size == 0 or k <= 0 or (allowed is not None and len(allowed) == 0):
            return []
        vector = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        found = self._search(self.delta, vector, k, allowed, None)
        if self.main is not None:
            approximate = self._search_main(vector, k, allowed)
            if approximate and exact is not None:
                ids = [i for i, _ in approximate]
                approximate = list(
                    zip(ids, (exact(ids) @ vector[0]).astype(float).tolist(), strict=True)
                )
            found.extend(approximate)
        found.sort(key=lambda pair: -pair[1])
        return found[:k]

    def _search_main(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None
    ) -> list[tuple[int, float]]:
        swig: Any = faiss
        nlist = self.info.nlist
        nprobe = self.nprobe
        if allowed is not None:
            # Only a share of each list is allowed: visit proportionally more lists.
            share = max(len(allowed) / max(int(self.main.ntotal), 1), 1e-9)
            nprobe = min(nlist, max(nprobe, math.ceil(nprobe / share)))
            selector = swig.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
        elif self.removed:
            skipped = swig.IDSelectorBatch(np.fromiter(self.removed, dtype=np.int64))
            selector = swig.IDSelectorNot(skipped)  # `skipped` must outlive the search
        else:
            selector = None
        params = swig.SearchParametersIVF(sel=selector, nprobe=nprobe)
        # 8-bit codes blur close scores: take extra candidates for the exact re-scoring.
        return self._search(self.main, vector, 2 * k, None, params)

    @staticmethod
    def _search(
        index: Any, vector: np.ndarray, k: int, allowed: np.ndarray | None, params: Any
    ) -> list[tuple[int, float]]:
        total = int(index.ntotal)
        if total == 0:
            return []
        if allowed is not None and params is None:
            swig: Any = faiss
            params = swig.SearchParameters(sel=swig.IDSelectorBatch(allowed.astype(np.int64)))
        scores, ids = index.search(vector, min(k, total), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
