"""`newsdesk ingest --ray` with 1 and 2 workers against a plain ingest of the same files.

    .venv/bin/python -m bench.ray_ingest [--files 16] [--docs-per-file 100] [--out DIR]

The first files x docs SciFact abstracts, split into JSONL files (Ray hands out whole files), are
ingested with the real MiniLM into a fresh index folder three ways: plain `Newsdesk.ingest`, then
on a local Ray (started by the run, so its start-up counts) with 1 and with 2 workers. Each run
is timed end to end; the stored passages must be the same. Writes bench/results/ray_ingest.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant import Newsdesk, Settings
from assistant.distributed import RayOptions
from assistant.embedding import make_embedder
from bench.scifact import write_jsonl

REPO = Path(__file__).resolve().parent.parent


def split_feed(corpus: Path, folder: Path, files: int, per_file: int) -> None:
    folder.mkdir(parents=True)
    whole = folder.parent / "all.jsonl"
    write_jsonl(corpus, whole, files * per_file)
    lines = whole.read_text().splitlines(keepends=True)
    for number in range(files):
        part = lines[number * per_file : (number + 1) * per_file]
        (folder / f"part-{number:03d}.jsonl").write_text("".join(part))


def run(work: Path, name: str, feed: Path, embedder: Any, ray: RayOptions | None) -> dict[str, Any]:
    desk = Newsdesk.open(Settings(index_dir=work / name), embedder=embedder)
    started = time.perf_counter()
    report = desk.ingest([feed], progress=False, ray=ray)
    seconds = time.perf_counter() - started
    stats = desk.stats()
    desk.close()
    return {
        "seconds": round(seconds, 1),
        "passages": stats["chunks"],
        "articles": stats["articles"],
        "passages_per_s": round(report.chunks_added / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--docs-per-file", type=int, default=100)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/datasets/scifact")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    embedder = make_embedder("minilm")
    embedder.embed_documents(["warm up"] * 8)
    results: dict[str, Any] = {"files": args.files, "docs_per_file": args.docs_per_file}
    with tempfile.TemporaryDirectory(prefix="newsdesk-ray-") as temp:
        work = Path(temp)
        feed = work / "feed"
        split_feed(args.data / "corpus.jsonl", feed, args.files, args.docs_per_file)
        results["plain"] = run(work, "plain", feed, embedder, None)
        print("plain", json.dumps(results["plain"]), flush=True)
        for workers in (1, 2):
            row = run(work, f"ray{workers}", feed, embedder, RayOptions("local", workers))
            row["vs_plain"] = round(results["plain"]["seconds"] / row["seconds"], 2)
            results[f"ray_{workers}_workers"] = row
            print(f"ray {workers}", json.dumps(row), flush=True)
    assert len({results[k]["passages"] for k in ("plain", "ray_1_workers", "ray_2_workers")}) == 1
    (args.out / "ray_ingest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
