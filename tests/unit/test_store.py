import json
from pathlib import Path

import numpy as np
import pytest

from assistant.chunking import ChunkingParams
from assistant.errors import IndexCorrupt, IndexMismatch
from assistant.store import NewsIndex
from assistant.store.atomic import atomic_write_bytes
from assistant.store.vectors import IVF


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
    assert {"manifest.json", "catalog.sqlite", "keywords"} <= names
    for path in folder.rglob("*"):
        if path.is_file():
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


def _clustered(count: int, seed: int, dim: int = 64) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(40, dim))
    vectors = centres[rng.integers(0, 40, count)] + 0.4 * rng.normal(size=(count, dim))
    vectors = vectors.astype("float32")
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _articles(vectors: np.ndarray, first: int = 0, per_article: int = 10) -> list:
    from assistant.articles import Article
    from assistant.chunking import Chunk
    from assistant.store import IndexedArticle

    items = []
    for a in range(len(vectors) // per_article):
        name = f"{first + a:016x}"
        words = [f"word{(first + a) * per_article + c}" for c in range(per_article)]
        text = " ".join(words)
        chunks, position = [], 0
        for ordinal, word in enumerate(words):
            start = text.index(word, position)
            chunks.append(Chunk(name, ordinal, start, start + len(word), None, word))
            position = start + len(word)
        rows = vectors[a * per_article : (a + 1) * per_article]
        items.append(IndexedArticle(Article(name, name, text, None, name), chunks, rows))
    return items


def _exact_top(index: NewsIndex, query: np.ndarray, k: int) -> list[int]:
    ids, matrix = index.catalog.all_vectors(64)
    return [int(ids[i]) for i in np.argsort(-(matrix @ query), kind="stable")[:k]]


def test_large_index_keeps_recall_with_a_main_file_and_an_exact_delta(tmp_path: Path) -> None:
    index = open_index(tmp_path / "ix", ann_threshold=1_000, stories=False)
    vectors = _clustered(4_000, seed=1)
    index.apply(add=_articles(vectors[:3_000]))  # past the threshold: a main file is trained
    info = index.vectors.info
    assert info.kind == IVF and info.nlist > 0 and info.size == 3_000
    assert (tmp_path / "ix" / info.file).exists()
    index.apply(add=_articles(vectors[3_000:3_400], first=300))  # held exactly, beside it
    assert index.vectors.info.file == info.file and index.vectors.delta_size == 400
    recall = []
    for query in vectors[::80]:
        exact = set(_exact_top(index, query, 10))
        found = {i for i, _ in index.vectors.search(query, 10, exact=index.exact_vectors)}
        recall.append(len(exact & found) / 10)
    assert np.mean(recall) >= 0.95
    # Scores of main-file candidates are exact (re-scored from the catalog), not 8-bit codes.
    best_id, best_score = index.vectors.search(vectors[5], 1, exact=index.exact_vectors)[0]
    assert best_score == pytest.approx(float(index.exact_vectors([best_id])[0] @ vectors[5]))
    ids, _ = index.catalog.all_vectors(64)
    allowed = ids[::300]  # fourteen ids spread over many lists: a filter must still find them all
    found_allowed = {i for i, _ in index.vectors.search(vectors[0], 20, allowed)}
    assert found_allowed == set(allowed.tolist())


def test_removals_are_skipped_then_folded_into_a_new_main_file(tmp_path: Path) -> None:
    index = open_index(tmp_path / "ix", ann_threshold=1_000, stories=False)
    vectors = _clustered(3_000, seed=2)
    index.apply(add=_articles(vectors))
    first_file = index.vectors.info.file
    target = index.vectors.search(vectors[42], 1, exact=index.exact_vectors)[0][0]
    article = index.catalog.chunks([target])[target].article_id
    index.apply(remove=[article])
    assert index.vectors.info.file == first_file  # one removal does not rewrite the main file
    assert target not in {i for i, _ in index.vectors.search(vectors[42], 10)}
    assert index.vectors.size == 2_990 == index.catalog.counts()["chunks"]
    index.close()
    reopened = open_index(tmp_path / "ix", ann_threshold=1_000, stories=False)
    assert target not in {i for i, _ in reopened.vectors.search(vectors[42], 10)}
    # Enough new passages: the delta is folded into a new main file, the old one deleted.
    reopened.apply(add=_articles(_clustered(600, seed=3), first=1_000))
    info = reopened.vectors.info
    assert info.file != first_file and info.size == 3_590 and reopened.vectors.delta_size == 0
    assert not (tmp_path / "ix" / first_file).exists()
    assert target not in {i for i, _ in reopened.vectors.search(vectors[42], 10)}


def test_lost_or_lagging_caches_are_rebuilt_from_the_catalog(desk, corpus_copy: Path) -> None:
    """The keyword index and vector file are caches: a kill between commits, or their loss,
    costs a replay, never a wrong or doubled result."""
    import shutil

    desk.ingest([corpus_copy], progress=False)
    expected = [h.chunk_id for h in desk.search("luxury exports", k=5, mode="keyword")]
    folder = desk.index.folder
    chunks = desk.index.catalog.counts()["chunks"]
    desk.close()
    stamp = folder / "keywords" / "stamp.json"
    data = json.loads(stamp.read_text())
    stamp.write_text(json.dumps({**data, "generation": 0, "upto": 3}))  # committed, not stamped
    from assistant.desk import Newsdesk
    from tests.conftest import FakeEmbedder

    again = Newsdesk.open(desk.settings, embedder=FakeEmbedder())
    assert again.index.keywords.size == chunks  # replayed without doubling
    assert [h.chunk_id for h in again.search("luxury exports", k=5, mode="keyword")] == expected
    again.close()
    shutil.rmtree(folder / "keywords")  # as an index of an earlier newsdesk: no keywords/ ...
    (folder / "vectors.faiss").write_bytes(b"its whole-file vector copy")  # ... and this file
    third = Newsdesk.open(desk.settings, embedder=FakeEmbedder())
    assert not (folder / "vectors.faiss").exists()
    assert third.index.keywords.size == chunks
    assert [h.chunk_id for h in third.search("luxury exports", k=5, mode="keyword")] == expected


def test_keywords_of_an_older_analyzer_are_made_again_on_open(
    settings, tmp_path: Path, monkeypatch
) -> None:
    """An index whose keywords an earlier analyzer made (accents kept) is re-stemmed from the
    catalog when opened, so a question written without accents finds "Zürich"."""
    import tantivy

    from assistant.desk import Newsdesk
    from assistant.store import keywords
    from tests.conftest import FakeEmbedder

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "summit.md").write_text(
        "# Summit\n\nPublished: 2024-05-02\n\nLeaders met in Zürich on Thursday.\n",
        encoding="utf-8",
    )
    first = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"\w\w+"))
        .filter(tantivy.Filter.lowercase())
        .build()
    )
    with monkeypatch.context() as patch:
        patch.setattr(keywords, "ANALYZER_VERSION", 1)
        patch.setattr(keywords, "analyzer", lambda: first)
        old = Newsdesk.open(settings, embedder=FakeEmbedder())
        old.ingest([folder], progress=False)
        assert old.search("Zurich", k=1, mode="keyword") == []
        old.close()
    desk = Newsdesk.open(settings, embedder=FakeEmbedder())
    assert [h.text for h in desk.search("Zurich", k=1, mode="keyword")] == [
        "Summit\n\nLeaders met in Zürich on Thursday."
    ]
    desk.close()


def test_a_lost_main_vector_file_is_rebuilt(tmp_path: Path) -> None:
    index = open_index(tmp_path / "ix", ann_threshold=1_000, stories=False)
    vectors = _clustered(2_000, seed=4)
    index.apply(add=_articles(vectors))
    before = [i for i, _ in index.vectors.search(vectors[7], 5, exact=index.exact_vectors)]
    (tmp_path / "ix" / index.vectors.info.file).unlink()
    index.close()
    reopened = open_index(tmp_path / "ix", ann_threshold=1_000, stories=False)
    assert (tmp_path / "ix" / reopened.vectors.info.file).exists()
    after = [i for i, _ in reopened.vectors.search(vectors[7], 5, exact=reopened.exact_vectors)]
    assert after == before


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
    assert fresh.keywords.size == 2


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


def test_a_truncated_manifest_beside_an_intact_catalog_is_rebuilt_not_fatal(
    desk, corpus_copy: Path, settings, fake_embedder
) -> None:
    from assistant.desk import Newsdesk

    desk.ingest([corpus_copy], progress=False)
    before = [h.chunk_id for h in desk.search("luxury export ban", k=3)]
    desk.close()
    manifest = settings.index_dir / "manifest.json"
    whole = manifest.read_bytes()
    manifest.write_bytes(whole[: len(whole) // 2])  # cut off mid-write
    reopened = Newsdesk.open(settings, create=False, embedder=fake_embedder)
    assert reopened.stats()["articles"] == 5
    assert [h.chunk_id for h in reopened.search("luxury export ban", k=3)] == before
    assert json.loads(manifest.read_text())["embedder"] == fake_embedder.id
    reopened.close()


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


def test_tantivys_temp_files_left_by_a_kill_at_its_commit_are_removed_on_open(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "idx"
    open_index(folder).close()
    keywords = folder / "keywords"
    # What a process killed inside tantivy's commit leaves (seen after kill -9), and ours.
    leftovers = [keywords / ".tmpR4AQyE", keywords / ".stamp.json.x1y2.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b'{"half": ')
    open_index(folder).close()
    assert not any(leftover.exists() for leftover in leftovers)
    assert (keywords / "meta.json").exists()
