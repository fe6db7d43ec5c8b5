"""Retrieval quality on SciFact (BEIR test split) and ingest throughput against raw model.encode.

    .venv/bin/python -m bench.scifact [--data ../shared/datasets/scifact] [--out bench/results]

Ingests the 5,183 abstracts through the real pipeline (JSONL loader, cleaning, chunking,
embedding, SQLite + FAISS), then scores dense, BM25 and hybrid retrieval at the document level
(a document's score is its best passage's). Writes bench/results/scifact.json.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from assistant import Newsdesk, Settings
from assistant.chunking import indexed_text

REPO = Path(__file__).resolve().parent.parent


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text().splitlines()[1:]:
        query_id, doc_id, score = line.split("\t")
        qrels[query_id][doc_id] = int(score)
    return qrels


def ndcg_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def doc_ranking(desk: Newsdesk, query: str, mode: str) -> list[str]:
    hits = desk.search(query, k=400, mode=mode)  # type: ignore[arg-type]
    seen: dict[str, None] = {}
    for hit in hits:
        seen.setdefault(hit.source.removeprefix("scifact:"), None)
    return list(seen)


def evaluate(desk: Newsdesk, queries: dict[str, str], qrels: dict[str, dict[str, int]], mode: str):
    # Quality only: query vectors are cached after the first run, so no timing here
    # (bench/latency.py measures latency).
    ndcg, recall = [], []
    for query_id, relevant in qrels.items():
        ranked = doc_ranking(desk, queries[query_id], mode)
        ndcg.append(ndcg_at_10(ranked, relevant))
        recall.append(recall_at(ranked, relevant, 100))
    return {
        "ndcg@10": round(sum(ndcg) / len(ndcg), 4),
        "recall@100": round(sum(recall) / len(recall), 4),
    }


def write_jsonl(corpus: Path, target: Path, limit: int | None = None) -> int:
    count = 0
    with corpus.open() as source, target.open("w") as out:
        for line in source:
            doc = json.loads(line)
            record = {"text": doc["text"], "title": doc["title"], "url": f"scifact:{doc['_id']}"}
            out.write(json.dumps(record) + "\n")
            count += 1
            if limit and count >= limit:
                break
    return count


def throughput(desk: Newsdesk, work: Path, corpus: Path, docs: int) -> dict[str, Any]:
    """Ingest `docs` abstracts into a fresh index, then encode the same passages with the model."""
    feed = work / "throughput.jsonl"
    write_jsonl(corpus, feed, docs)
    fresh = Newsdesk.open(Settings(index_dir=work / "throughput-index"), embedder=desk.embedder)
    desk.embedder.embed_documents(["warm up"] * 8)
    started = time.perf_counter()
    report = fresh.ingest([feed], progress=False)
    pipeline_seconds = time.perf_counter() - started
    rows = list(fresh.index.catalog.iter_chunk_texts())
    texts = [indexed_text(title, ordinal, text) for _, title, ordinal, text in rows]
    started = time.perf_counter()
    desk.embedder.embed_documents(texts, batch_size=desk.settings.embed_batch_size)
    model_seconds = time.perf_counter() - started
    chunks = report.chunks_added
    return {
        "documents": docs,
        "chunks": chunks,
        "pipeline_chunks_per_s": round(chunks / pipeline_seconds, 1),
        "model_encode_chunks_per_s": round(len(texts) / model_seconds, 1),
        "pipeline_vs_model": round((chunks / pipeline_seconds) / (len(texts) / model_seconds), 3),
    }


def ivf_recall(desk: Newsdesk, queries: list[str]) -> dict[str, Any]:
    """Recall@10 of the IVF-SQ8 main file (with exact re-scoring) against exact search, on these
    real MiniLM vectors: asking for 10, and asking for the searcher's pool of 100."""
    from assistant.store.vectors import IVF, VectorIndex, VectorIndexInfo, train_main

    dim = desk.embedder.dimension
    ids, matrix = desk.index.catalog.all_vectors(dim)
    row = {int(chunk_id): n for n, chunk_id in enumerate(ids)}

    def exact(chosen: list[int]) -> np.ndarray:
        return matrix[[row[i] for i in chosen]]

    vectors = desk.embedder.embed_documents(queries)
    main, nlist = train_main(dim, len(ids), matrix, iter([(ids, matrix)]))
    info = VectorIndexInfo(IVF, nlist, len(ids), len(ids), int(ids.max()), 0, "")
    result: dict[str, Any] = {"vectors": len(ids), "nlist": nlist, "kind": "IVF-SQ8 + exact"}
    truths = [set(ids[np.argsort(-(matrix @ q))[:10]].tolist()) for q in vectors]
    for nprobe in (8, 16, 32, 64):
        index = VectorIndex(dim, nprobe, info, main)
        for pool in (10, 100):
            found = [
                len(truth & {i for i, _ in index.search(q, pool, exact=exact)[:10]}) / 10
                for q, truth in zip(vectors, truths, strict=True)
            ]
            result[f"nprobe={nprobe} pool={pool}"] = round(sum(found) / len(found), 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/datasets/scifact")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results")
    parser.add_argument("--throughput-docs", type=int, default=600)
    parser.add_argument("--keep-index", type=Path, default=None, help="reuse/keep the index here")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    queries = {
        q["_id"]: q["text"]
        for q in map(json.loads, (args.data / "queries.jsonl").read_text().splitlines())
    }
    qrels = load_qrels(args.data / "qrels/test.tsv")
    work = Path(tempfile.mkdtemp(prefix="newsdesk-scifact-"))
    index_dir = args.keep_index or work / "index"
    desk = Newsdesk.open(Settings(index_dir=index_dir))
    results: dict[str, Any] = {"queries": len(qrels)}
    if not desk.stats()["articles"]:
        feed = work / "scifact.jsonl"
        write_jsonl(args.data / "corpus.jsonl", feed)
        started = time.perf_counter()
        report = desk.ingest([feed], progress=True)
        results["ingest"] = {
            "documents": report.outcomes[0].articles if report.outcomes else 0,
            "chunks": report.chunks_added,
            "seconds": round(time.perf_counter() - started, 1),
        }
    results["throughput"] = throughput(desk, work, args.data / "corpus.jsonl", args.throughput_docs)
    print(json.dumps(results["throughput"]), flush=True)
    configs: dict[str, dict[str, Any]] = {
        "dense": {"mode": "dense"},
        "bm25": {"mode": "keyword"},
        "hybrid rrf": {"mode": "hybrid", "fusion": "rrf"},
    }
    for weight in (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8):
        configs[f"hybrid convex w={weight}"] = {
            "mode": "hybrid",
            "fusion": "convex",
            "dense_weight": weight,
        }
    default = Settings()
    results["default"] = {"fusion": default.fusion, "dense_weight": default.dense_weight}
    results["retrieval"] = {}
    for name, config in configs.items():
        desk.settings = Settings(
            index_dir=index_dir,
            **{k: v for k, v in config.items() if k != "mode"},
        )
        desk.searcher.settings = desk.settings
        scores = evaluate(desk, queries, qrels, config["mode"])
        results["retrieval"][name] = scores
        print(f"{name:24s} {json.dumps(scores)}", flush=True)
    results["ivf_recall"] = ivf_recall(desk, list(queries[q] for q in qrels))
    print(json.dumps(results["ivf_recall"]), flush=True)
    (args.out / "scifact.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.keep_index is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
