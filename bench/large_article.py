"""Peak memory of ingesting one large article, by size (the per-article limit's figures).

    .venv/bin/python -m bench.large_article [--sizes 1 4.9 48] [--model fake|minilm]

Each size runs in a fresh process: a single-article text file of that many MB (one paragraph
repeated), ingested into an empty index; reported are the process's peak RSS, its RSS before the
ingest, the passages stored and the outcome (a file over NEWSDESK_MAX_ARTICLE_MB, 5 by default,
is refused unread). `--model fake` (the tests' bag-of-words embedder) measures newsdesk's own
memory in seconds; `minilm` adds the model (and takes ~40 s per MB to embed).
Writes bench/results/large_article.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
_PARAGRAPH = (
    "The port authority said on Tuesday that cargo volumes rose by a tenth in March, while the "
    "union asked for more pay. "
)


def one(megabytes: float, model: str) -> dict[str, Any]:
    """Ingest one article of `megabytes` MB in this process; its peak RSS and outcome."""
    import resource
    import tempfile

    from assistant.desk import Newsdesk
    from assistant.errors import NothingIngested
    from assistant.settings import Settings

    folder = Path(tempfile.mkdtemp())
    block = _PARAGRAPH * 4
    text = "A large report\n\n" + "\n\n".join(
        block for _ in range(int(megabytes * 1024 * 1024 / (len(block) + 2)))
    )
    (folder / "large.txt").write_text(text, encoding="utf-8")
    embedder = None
    if model == "fake":
        sys.path.insert(0, str(REPO))
        from tests.conftest import FakeEmbedder

        embedder = FakeEmbedder()
    desk = Newsdesk.open(Settings(index_dir=folder / "index"), embedder=embedder)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        report = desk.ingest([folder / "large.txt"], progress=False)
        outcome = report.outcomes[0]
        stored, detail = report.chunks_added, outcome.detail or outcome.status
    except NothingIngested as error:
        stored, detail = 0, str(error)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "megabytes": megabytes,
        "passages": stored,
        "outcome": detail,
        "rss_before_mb": round(before),
        "peak_rss_mb": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 4.9, 48.0])
    parser.add_argument("--model", choices=["fake", "minilm"], default="fake")
    parser.add_argument("--one", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.model)))
        return
    results = []
    for size in args.sizes:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.large_article",
                "--one",
                str(size),
                "--model",
                args.model,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "large_article.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
