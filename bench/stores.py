"""The index folder against PostgreSQL + pgvector, on the same passages, in one run.

    .venv/bin/python -m bench.stores [--passages 100000] [--database-url URL] [--out DIR]

Without --database-url a PostgreSQL 16 + pgvector is started from the pgserver wheel in a
temporary folder (Unix socket). For each store:
1. 100k synthetic passages (bench/latency.py's text and vectors, no model) written through the
   store's own `apply` in batches of 5,000: bulk write passages/s.
2. Hybrid / dense / keyword search and `ask` (fresh query strings, 40 each), p50 / p95.
3. Ingest throughput with the real model: the first --ingest-docs SciFact abstracts through
   `Newsdesk.ingest` (parse, chunk, embed, commit), passages/s.
4. SciFact nDCG@10 (dense, BM25, the default hybrid): the abstracts are embedded once into an
   index folder (kept at --scifact-index), then copied with their vectors into a fresh store of
   each kind, so both rank the very same passages and vectors.
Writes bench/results/stores.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import SecretStr

from assistant import Newsdesk, Settings
from assistant.articles import Article
from assistant.chunking import Chunk
from assistant.embedding import make_embedder
from assistant.store import IndexedArticle
from assistant.store.postgres import create_database
from bench.latency import percentiles, synthetic_articles, timed
from bench.scifact import evaluate, load_qrels, write_jsonl

REPO = Path(__file__).resolve().parent.parent
BATCH_ARTICLES = 500


def start_postgres(folder: Path) -> Any:
    import pgserver

    return pgserver.get_server(folder, cleanup_mode="stop")


def new_database(admin_url: str) -> str:
    return create_database(admin_url, f"bench_{uuid.uuid4().hex[:10]}")


def settings_for(kind: str, work: Path, admin_url: str, **changes: Any) -> Settings:
    if kind == "local":
        return Settings(index_dir=work / f"local-{uuid.uuid4().hex[:6]}", **changes)
    return Settings(database_url=SecretStr(new_database(admin_url)), **changes)


def bulk_and_latency(desk: Newsdesk, passages: int, repeats: int) -> dict[str, Any]:
    rng = np.random.default_rng(passages)
    articles = synthetic_articles(passages, rng, desk.embedder.dimension)
    started = time.perf_counter()
    for first in range(0, len(articles), BATCH_ARTICLES):
        desk.index.apply(add=articles[first : first + BATCH_ARTICLES])
    seconds = time.perf_counter() - started
    desk.search("warm up")
    desk.ask("warm up")
    return {
        "passages": desk.stats()["chunks"],
        "bulk_write_passages_per_s": round(passages / seconds, 1),
        "search_hybrid": percentiles(timed(lambda q: desk.search(q, 5), repeats)),
        "search_dense": percentiles(timed(lambda q: desk.search(q, 5, mode="dense"), repeats)),
        "search_keyword": percentiles(timed(lambda q: desk.search(q, 5, mode="keyword"), repeats)),
        "ask": percentiles(timed(lambda q: desk.ask(q), repeats)),
    }


def ingest_throughput(desk: Newsdesk, feed: Path) -> dict[str, Any]:
    started = time.perf_counter()
    report = desk.ingest([feed], progress=False)
    seconds = time.perf_counter() - started
    return {
        "passages": report.chunks_added,
        "seconds": round(seconds, 1),
        "passages_per_s": round(report.chunks_added / seconds, 1),
    }


def scifact_source(index_dir: Path, data: Path, embedder: Any) -> Newsdesk:
    """SciFact embedded once into an index folder (reused when it already holds it)."""
    desk = Newsdesk.open(Settings(index_dir=index_dir), embedder=embedder)
    if not desk.stats()["articles"]:
        feed = index_dir.parent / "scifact.jsonl"
        write_jsonl(data / "corpus.jsonl", feed)
        desk.ingest([feed], progress=True)
    return desk


def copied_articles(source: Newsdesk) -> list[IndexedArticle]:
    """Every article of an index folder with its chunks and stored vectors."""
    catalog = source.index.catalog  # type: ignore[attr-defined]
    dim = source.embedder.dimension
    rows = catalog._db.execute(
        'SELECT id, article_id, ordinal, start, "end", page, text FROM chunks ORDER BY id'
    ).fetchall()
    by_article: dict[str, list[tuple]] = {}
    for row in rows:
        by_article.setdefault(row[1], []).append(row)
    copies = []
    for article_id, chunk_rows in by_article.items():
        article = catalog.article(article_id)
        assert isinstance(article, Article)
        chunks = [Chunk(r[1], r[2], r[3], r[4], r[5], r[6]) for r in chunk_rows]
        vectors = catalog.vectors([r[0] for r in chunk_rows], dim)
        copies.append(IndexedArticle(article, chunks, np.array(vectors)))
    return copies


def scifact_quality(desk: Newsdesk, articles: list[IndexedArticle], data: Path) -> dict[str, Any]:
    for first in range(0, len(articles), BATCH_ARTICLES):
        desk.index.apply(add=articles[first : first + BATCH_ARTICLES])
    queries = {
        q["_id"]: q["text"]
        for q in map(json.loads, (data / "queries.jsonl").read_text().splitlines())
    }
    qrels = load_qrels(data / "qrels/test.tsv")
    return {
        mode: evaluate(desk, queries, qrels, mode)["ndcg@10"]
        for mode in ("dense", "keyword", "hybrid")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--ingest-docs", type=int, default=600)
    parser.add_argument("--database-url", default=None, help="an existing server's admin URL")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/datasets/scifact")
    parser.add_argument("--scifact-index", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    embedder = make_embedder("minilm")
    results: dict[str, Any] = {"passages": args.passages}
    with tempfile.TemporaryDirectory(prefix="newsdesk-stores-") as temp:
        work = Path(temp)
        server = None if args.database_url else start_postgres(work / "pg")
        admin = args.database_url or server.get_uri()
        feed = work / "ingest.jsonl"
        write_jsonl(args.data / "corpus.jsonl", feed, args.ingest_docs)
        source = scifact_source(
            args.scifact_index or work / "scifact" / "index", args.data, embedder
        )
        articles = copied_articles(source)
        source.close()
        for kind in ("local", "postgres"):
            row: dict[str, Any] = {}
            # The ANN threshold above 100k keeps the local store exact, as a user's 100k index.
            desk = Newsdesk.open(settings_for(kind, work, admin), embedder=embedder)
            row.update(bulk_and_latency(desk, args.passages, args.repeats))
            desk.close()
            desk = Newsdesk.open(settings_for(kind, work, admin), embedder=embedder)
            row["ingest_with_model"] = ingest_throughput(desk, feed)
            desk.close()
            desk = Newsdesk.open(settings_for(kind, work, admin), embedder=embedder)
            row["scifact_ndcg@10"] = scifact_quality(desk, articles, args.data)
            desk.close()
            results[kind] = row
            print(kind, json.dumps(row), flush=True)
        if server is not None:
            server.cleanup()
    local, pg = results["local"], results["postgres"]
    results["postgres_vs_local"] = {
        "search_hybrid_p50": round(
            pg["search_hybrid"]["p50_ms"] / local["search_hybrid"]["p50_ms"], 2
        ),
        "ask_p50": round(pg["ask"]["p50_ms"] / local["ask"]["p50_ms"], 2),
        "ingest_passages_per_s": round(
            pg["ingest_with_model"]["passages_per_s"]
            / local["ingest_with_model"]["passages_per_s"],
            2,
        ),
        "scifact_hybrid_ndcg_diff": round(
            pg["scifact_ndcg@10"]["hybrid"] - local["scifact_ndcg@10"]["hybrid"], 4
        ),
    }
    print(json.dumps(results["postgres_vs_local"]), flush=True)
    (args.out / "stores.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
