"""A million passages on one machine: open, search, ask, add one article, memory, recall.

    .venv/bin/python -m bench.scale [--passages 1000000] [--index /tmp/newsdesk-1m] [--out DIR]

1. Builds the index in bulk without the model (synthetic text and clustered unit vectors, as
   bench/latency.py), through the real write path: `NewsIndex.apply` in batches of 5,000
   passages, so the keyword index, stories, the main vector file and its merges are the ones a
   user's ingest makes. Kept at --index for reruns.
2. In a fresh process (so that its peak RSS is the app's, not the builder's): opens the index
   the way the app does (MiniLM loaded), then times hybrid / dense / keyword search and `ask`
   (fresh query strings, 40 each), adding one real article (the sample corpus, each with a
   distinguishing line) through `ingest` ten times, dense recall@10 of the searcher's pool
   against exact search over every stored vector, and the peak RSS.
Writes bench/results/scale.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.latency import QUERIES, percentiles, synthetic_articles, timed

REPO = Path(__file__).resolve().parent.parent
BATCH_ARTICLES = 500


def build(index_dir: Path, passages: int) -> dict[str, Any]:
    """Fill a new index with `passages` synthetic passages through the real write path."""
    from assistant import Newsdesk, Settings

    # Opened as the app opens it; the MiniLM embedder loads its model only when first used.
    desk = Newsdesk.open(Settings(index_dir=index_dir))
    index = desk.index
    rng = np.random.default_rng(passages)
    started = time.perf_counter()
    step = BATCH_ARTICLES * 10
    for first in range(0, passages, step):
        articles = synthetic_articles(
            min(step, passages - first), rng, desk.embedder.dimension, first=first // 10
        )
        index.apply(add=articles)
        done = first + step
        if done % 100_000 == 0:
            print(f"built {done:,} passages in {time.perf_counter() - started:.0f} s", flush=True)
    seconds = time.perf_counter() - started
    stats = index.stats()
    index.close()
    return {"passages": stats["chunks"], "build_seconds": round(seconds, 1)}


def serve_measure(index_dir: Path, repeats: int) -> dict[str, Any]:
    """Everything a user of the app would time, in this (fresh) process."""
    from assistant import Newsdesk, Settings
    from assistant.embedding import make_embedder

    embedder = make_embedder("minilm")
    embedder.embed_query("warm up")
    started = time.perf_counter()
    desk = Newsdesk.open(Settings(index_dir=index_dir), create=False, embedder=embedder)
    open_seconds = time.perf_counter() - started
    desk.search("warm up")
    result: dict[str, Any] = {
        "passages": desk.stats()["chunks"],
        "open_seconds": round(open_seconds, 2),
        "search_hybrid": percentiles(timed(lambda q: desk.search(q, 5), repeats)),
        "search_dense": percentiles(timed(lambda q: desk.search(q, 5, mode="dense"), repeats)),
        "search_keyword": percentiles(timed(lambda q: desk.search(q, 5, mode="keyword"), repeats)),
        "ask": percentiles(timed(lambda q: desk.ask(q), repeats)),
    }
    result["add_one_article"] = add_articles(desk, 10)
    result["dense_recall@10"] = dense_recall(desk, 20)
    result["vector_index"] = desk.stats()["vector_index"]
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    desk.close()
    return result


def add_articles(desk: Any, count: int) -> dict[str, Any]:
    """Ingest `count` real articles one at a time (each a sample article made distinct)."""
    corpus = sorted(desk.settings.corpus_dir.glob("*.txt"))
    samples = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-add-") as work:
        for n in range(count):
            source = corpus[n % len(corpus)]
            path = Path(work) / f"added-{n}-{source.name}"
            path.write_text(source.read_text() + f"\n\nCorrection number {n} {time.time()}.\n")
            started = time.perf_counter()
            desk.ingest([path], progress=False)
            samples.append(time.perf_counter() - started)
    return {**percentiles(samples), "max_ms": round(max(samples) * 1000, 1)}


def dense_recall(desk: Any, queries: int) -> float:
    """Recall@10 of dense search against an exact scan of every stored vector."""
    dim = desk.embedder.dimension
    vectors = desk.embedder.embed_documents([f"{QUERIES[i % 8]} {i}" for i in range(queries)])
    best: list[list[tuple[float, int]]] = [[] for _ in range(queries)]
    for ids, matrix in desk.index.catalog.iter_vectors(dim):
        scores = matrix @ vectors.T
        for q in range(queries):
            top = np.argpartition(-scores[:, q], 10)[:10]
            best[q] = sorted(best[q] + [(float(scores[i, q]), int(ids[i])) for i in top])[-10:]
    found = []
    for q in range(queries):
        exact = {chunk_id for _, chunk_id in best[q]}
        hits = desk.index.vectors.search(
            vectors[q], desk.settings.candidates, exact=desk.index.exact_vectors
        )
        found.append(len(exact & {i for i, _ in hits[:10]}) / 10)
    return round(float(np.mean(found)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--index", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-1m")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        print(json.dumps(serve_measure(args.index, args.repeats)))
        return
    result: dict[str, Any] = {}
    if not (args.index / "catalog.sqlite").exists():
        result["build"] = build(args.index, args.passages)
        print(json.dumps(result["build"]), flush=True)
    measured = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--measure-only", "--index", str(args.index),
         "--repeats", str(args.repeats)],
        check=True, capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    result["serve"] = json.loads(measured.stdout.strip().splitlines()[-1])
    print(json.dumps(result["serve"]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
