"""Does an anonymously uploaded embedding model behave like the published one? SciFact nDCG@10.

    .venv/bin/python -m bench.check_embedding_model MODEL_DIR [MODEL_DIR ...] [--data DIR]

Each model folder is loaded with sentence-transformers (offline) and scored the way MTEB scores
SciFact (BEIR test split): every abstract embedded whole as "title text" (the model's own
maximum length), every claim embedded, cosine similarity, nDCG@10 over the 300 test claims.
MTEB's published figures: all-MiniLM-L6-v2 64.51, all-mpnet-base-v2 65.57 — run the packaged
MiniLM beside the candidate as the control. Also reported: documents embedded per second.
Writes bench/results/check_embedding_model.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.scifact import load_qrels, ndcg_at_10

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = {"all-MiniLM-L6-v2": 64.51, "all-mpnet-base-v2": 65.57}


def score(folder: Path, data: Path) -> dict[str, Any]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu")
    corpus = [json.loads(line) for line in (data / "corpus.jsonl").read_text().splitlines()]
    queries = {
        q["_id"]: q["text"]
        for q in map(json.loads, (data / "queries.jsonl").read_text().splitlines())
    }
    qrels = load_qrels(data / "qrels" / "test.tsv")
    started = time.perf_counter()
    docs = model.encode(
        [f"{d.get('title', '')} {d['text']}".strip() for d in corpus],
        batch_size=16,
        normalize_embeddings=True,
    )
    seconds = time.perf_counter() - started
    ids = [str(d["_id"]) for d in corpus]
    asked = sorted(qrels)
    claims = model.encode([queries[q] for q in asked], normalize_embeddings=True)
    ranking = np.argsort(-(claims @ docs.T), axis=1)[:, :10]
    ndcg = [
        ndcg_at_10([ids[i] for i in row], qrels[q]) for q, row in zip(asked, ranking, strict=True)
    ]
    return {
        "ndcg_at_10": round(100 * float(np.mean(ndcg)), 2),
        "documents": len(corpus),
        "documents_per_second": round(len(corpus) / seconds, 1),
        "max_seq_length": model.max_seq_length,
        "dimension": int(docs.shape[1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", type=Path, nargs="+")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/datasets/scifact")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results")
    args = parser.parse_args()
    result = {}
    for folder in args.models:
        figures = score(folder, args.data)
        name = str(folder).casefold().replace("-", "_")
        published = next(
            (v for k, v in PUBLISHED.items() if k.casefold().replace("-", "_") in name), None
        )
        result[str(folder)] = {**figures, "published_ndcg_at_10": published}
        print(folder, json.dumps(result[str(folder)]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "check_embedding_model.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
