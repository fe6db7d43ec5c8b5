import json
from pathlib import Path

import numpy as np
import pytest

from assistant.chunking import ChunkingParams
from assistant.errors import IndexCorrupt, IndexMismatch
from assistant.store import NewsIndex
from assistant.store.atomic import atomic_write_bytes
from assistant.store.vectors import IVF, VectorIndex


def open_index(folder: Path, embedder: str = "fake", dim: int = 64, **kw) -> NewsIndex:
    return NewsIndex.open(folder, embedder, dim, ChunkingParams(60, 15), **kw)


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    atomic_write_bytes(target, b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    from assistant.store.atomic import atomic_write

    target = tmp_path / "f"
    atomic_write_bytes(target, b"old")

    def explode(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, explode)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_new_index_writes_a_manifest_and_only_safe_formats(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    folder = desk.index.folder
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["schema_version"] == 1
    assert manifest["embedder"] == "fake-bag-of-words"
    assert manifest["dimension"] == 64
    assert manifest["chunking"]["max_tokens"] == 60
    assert manifest["counts"]["articles"] == 5
    assert manifest["vectors_generation"] >= 1
    names = {p.name for p in folder.iterdir()}
    assert {"manifest.json", "catalog.sqlite", "vectors.faiss"} <= names
    for path in folder.iterdir():
        assert not path.read_bytes().startswith(b"\x80"), f"{path} looks like a pickle"


def test_other_embedder_is_a_clear_error(tmp_path: Path) -> None:
    open_index(tmp_path / "ix").close()
    with pytest.raises(IndexMismatch, match=r"built with embedder 'fake'.*ingest"):
        open_index(tmp_path / "ix", embedder="other")
    with pytest.raises(IndexMismatch, match="64 dimensions"):
        open_index(tmp_path / "ix", dim=32)


def test_other_schema_version_is_a_clear_error(tmp_path: Path) -> None:
    open_index(tmp_path / "ix").close()
    manifest = tmp_path / "ix" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["schema_version"] = 99
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexMismatch, match="schema version 99"):
        open_index(tmp_path / "ix")


def test_garbled_manifest_and_missing_index(tmp_path: Path) -> None:
    (tmp_path / "ix").mkdir()
    (tmp_path / "ix" / "manifest.json").write_text("{nope")
    with pytest.raises(IndexCorrupt, match="cannot read"):
        open_index(tmp_path / "ix")
    with pytest.raises(IndexCorrupt, match="newsdesk ingest"):
        open_index(tmp_path / "absent", create=False)


def test_stale_or_missing_vector_file_is_rebuilt_from_sqlite(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    expected = [h.chunk_id for h in desk.search("luxury exports", k=3, mode="dense")]
    folder = desk.index.folder
    desk.close()
    (folder / "vectors.faiss").unlink()  # as if the process died between the two writes
    reopened = open_index(folder, embedder="fake-bag-of-words")
    assert reopened.vectors.size == reopened.catalog.counts()["chunks"]
    assert (folder / "vectors.faiss").exists()
    from assistant.desk import Newsdesk
    from tests.conftest import FakeEmbedder

    again = Newsdesk(desk.settings, FakeEmbedder(), reopened)
    assert [h.chunk_id for h in again.search("luxury exports", k=3, mode="dense")] == expected


def test_ivf_index_over_threshold_keeps_recall_against_flat() -> None:
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(50, 32))
    vectors = (centres[rng.integers(0, 50, 6000)] + 0.3 * rng.normal(size=(6000, 32))).astype(
        "float32"
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(10, 6010, dtype=np.int64)
    flat = VectorIndex.build(ids, vectors, 32, ann_threshold=100_000, nprobe=16)
    ivf = VectorIndex.build(ids, vectors, 32, ann_threshold=1_000, nprobe=16)
    assert ivf.info.kind == IVF and ivf.info.nlist > 0
    recall = []
    for query in vectors[:50]:
        exact = {i for i, _ in flat.search(query, 10)}
        approx = {i for i, _ in ivf.search(query, 10)}
        recall.append(len(exact & approx) / 10)
    assert np.mean(recall) >= 0.9
    allowed = ids[::500]  # twelve ids spread over many lists: a filter must still find them all
    found = {i for i, _ in ivf.search(vectors[0], 20, allowed)}
    assert found == set(allowed.tolist())
    ivf.remove(ids[:1])
    assert ivf.size == 5999


def test_two_writers_on_one_folder_never_lose_vectors(tmp_path: Path) -> None:
    """The app and a CLI ingest can write the same index: the later writer sees the other's
    commit and rebuilds its vectors instead of saving a FAISS file that lacks them."""
    from assistant.articles import Article
    from assistant.chunking import Chunk
    from assistant.store import IndexedArticle

    def item(name: str, seed: int) -> IndexedArticle:
        article = Article(name, name, f"Text of {name}.", None, name)
        vector = np.random.default_rng(seed).normal(size=(1, 64)).astype("float32")
        vector /= np.linalg.norm(vector)
        return IndexedArticle(
            article, [Chunk(name, 0, 0, len(article.text), None, article.text)], vector
        )

    first = open_index(tmp_path / "ix")
    second = open_index(tmp_path / "ix")
    first.apply(add=[item("a" * 16, 1)])
    second.apply(add=[item("b" * 16, 2)])  # loaded before the first commit
    assert second.vectors.size == 2
    fresh = open_index(tmp_path / "ix")
    assert fresh.vectors.size == fresh.catalog.counts()["chunks"] == 2
    names = {p.name for p in (tmp_path / "ix").iterdir()}
    assert "vectors.faiss" in names


def test_garbage_catalog_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "idx"
    open_index(folder).close()
    (folder / "catalog.sqlite").write_bytes(b"this is not a database" * 100)
    for name in ("catalog.sqlite-wal", "catalog.sqlite-shm"):
        (folder / name).unlink(missing_ok=True)
    with pytest.raises(IndexCorrupt, match="not a readable newsdesk catalog"):
        open_index(folder)


def test_missing_manifest_is_rebuilt_from_the_catalog(
    desk, corpus_copy: Path, settings, fake_embedder
) -> None:
    from assistant.desk import Newsdesk

    desk.ingest([corpus_copy], progress=False)
    before = desk.search("luxury export ban", k=3)
    desk.close()
    (settings.index_dir / "manifest.json").unlink()
    reopened = Newsdesk.open(settings, create=False, embedder=fake_embedder)
    assert reopened.stats()["articles"] == 5
    assert reopened.index.manifest.chunking == desk.index.manifest.chunking
    assert [h.chunk_id for h in reopened.search("luxury export ban", k=3)] == [
        h.chunk_id for h in before
    ]
    assert (settings.index_dir / "manifest.json").exists()


def test_empty_catalog_beside_a_manifest_is_not_an_empty_index(desk, corpus_copy: Path) -> None:
    desk.ingest([corpus_copy], progress=False)
    folder = desk.index.folder
    desk.close()
    for name in ("catalog.sqlite-wal", "catalog.sqlite-shm"):
        (folder / name).unlink(missing_ok=True)
    (folder / "catalog.sqlite").write_bytes(b"")
    with pytest.raises(IndexCorrupt, match=r"0 bytes.*5 articles"):
        open_index(folder)


def test_temp_files_left_by_a_kill_are_removed_on_open(tmp_path: Path) -> None:
    folder = tmp_path / "idx"
    open_index(folder).close()
    leftover = folder / ".vectors.faiss.abc123.tmp"
    leftover.write_bytes(b"half a file")
    open_index(folder).close()
    assert not leftover.exists()
