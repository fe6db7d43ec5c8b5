"""The FAISS side of the index: exact inner product while small, IVF once large.

The file is a cache of the vectors held in SQLite: it can always be rebuilt from them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.store.atomic import atomic_write

FLAT = "flat"
IVF = "ivf"


@dataclass(frozen=True)
class VectorIndexInfo:
    """What the manifest records about the FAISS file."""

    kind: str
    nlist: int = 0
    trained_on: int = 0


class VectorIndex:
    """Chunk ids → unit vectors, searchable by inner product, optionally within a set of ids."""

    def __init__(self, index: faiss.Index, info: VectorIndexInfo, nprobe: int) -> None:
        self._index: Any = index  # faiss's stubs do not know SWIG's numpy overloads
        self.info = info
        self.nprobe = nprobe
        if info.kind == IVF:
            faiss.extract_index_ivf(index).nprobe = nprobe

    @classmethod
    def empty(cls, dimension: int, nprobe: int) -> VectorIndex:
        """A new exact index."""
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dimension)), VectorIndexInfo(FLAT), nprobe)

    @classmethod
    def build(
        cls, ids: np.ndarray, vectors: np.ndarray, dimension: int, ann_threshold: int, nprobe: int
    ) -> VectorIndex:
        """Exact below `ann_threshold` vectors, IVF (trained on these vectors) above."""
        if len(ids) <= ann_threshold:
            index = cls.empty(dimension, nprobe)
        else:
            nlist = int(4 * math.sqrt(len(ids)))
            quantizer = faiss.IndexFlatIP(dimension)
            ivf = faiss.IndexIVFFlat(quantizer, dimension, nlist, faiss.METRIC_INNER_PRODUCT)
            sample = vectors
            if len(vectors) > nlist * 64:
                pick = np.random.default_rng(0).choice(len(vectors), nlist * 64, replace=False)
                sample = vectors[np.sort(pick)]
            ivf.train(np.ascontiguousarray(sample))
            index = cls(ivf, VectorIndexInfo(IVF, nlist, len(ids)), nprobe)
        index.add(ids, vectors)
        return index

    @classmethod
    def load(cls, path: Path, info: VectorIndexInfo, nprobe: int) -> VectorIndex:
        """Read a file written by `save`."""
        return cls(faiss.read_index(str(path)), info, nprobe)

    def save(self, path: Path) -> None:
        """Write atomically."""
        atomic_write(path, lambda tmp: faiss.write_index(self._index, str(tmp)))

    @property
    def size(self) -> int:
        """How many vectors are held."""
        return int(self._index.ntotal)

    def needs_rebuild(self, ann_threshold: int) -> bool:
        """Flat grown past the threshold, or IVF grown 4x past what its lists were trained on."""
        if self.info.kind == FLAT:
            return self.size > ann_threshold
        return self.size > 4 * self.info.trained_on

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given chunk ids."""
        if len(ids):
            self._index.add_with_ids(
                np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64)
            )

    def remove(self, ids: np.ndarray) -> None:
        """Drop the vectors of these chunk ids."""
        if len(ids):
            self._index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best (chunk id, inner product) pairs, only among `allowed` ids when given."""
        if self.size == 0 or k <= 0 or (allowed is not None and len(allowed) == 0):
            return []
        params: Any = None
        if allowed is not None:
            swig: Any = faiss
            selector = swig.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            if self.info.kind == IVF:
                # Filtered: visit every list, or allowed ids outside the probed lists are lost.
                params = swig.SearchParametersIVF(sel=selector, nprobe=self.info.nlist)
            else:
                params = swig.SearchParameters(sel=selector)
        scores, ids = self._index.search(
            np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32),
            min(k, self.size),
            params=params,
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
