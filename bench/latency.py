"""Search and ask latency at 1k, 10k and 100k passages, and memory (1M: bench/scale.py).

    .venv/bin/python -m bench.latency [--sizes 1000 10000 100000] [--out bench/results]

Passages are synthetic (random words, random unit vectors) so that 100k can be built in minutes;
queries go through the real MiniLM, BM25, fusion and SQLite, so the timings are the real path.
Writes bench/results/latency.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant import Newsdesk, Settings
from assistant.articles import Article
from assistant.chunking import Chunk
from assistant.embedding import make_embedder
from assistant.store import IndexedArticle
from bench.squad_open import ReaderClock

REPO = Path(__file__).resolve().parent.parent
_FRESH = itertools.count()
CHUNKS_PER_ARTICLE = 10
QUERIES = [
    "luxury export ban", "sanctions on Belarus", "frozen assets of banks", "peace treaty talks",
    "referendum annexation", "Treasury statement", "military goods exports", "visa ban citizens",
]  # fmt: skip


def synthetic_articles(
    count: int, rng: np.random.Generator, dim: int, first: int = 0
) -> list[IndexedArticle]:
    # Query words sit among the common words, so keyword search has real work to do.
    words = [_pseudo_word(i) for i in range(20_000)]
    vocabulary = words[:50] + " ".join(QUERIES).split() + words[50:]
    weights = 1.0 / np.arange(1, len(vocabulary) + 1)
    weights /= weights.sum()
    words_pool = rng.choice(len(vocabulary), size=200_000, p=weights)
    centres = rng.normal(size=(256, dim)) / np.sqrt(dim)
    articles = []
    for a in range(first, first + count // CHUNKS_PER_ARTICLE):
        sentences = []
        for _ in range(CHUNKS_PER_ARTICLE * 6):
            words = words_pool[rng.integers(len(words_pool) - 20) :][:20]
            sentences.append(" ".join(vocabulary[w] for w in words).capitalize() + ".")
        text = " ".join(sentences)
        article = Article(f"{a:016x}", f"Synthetic article {a}", text, None, f"synthetic/{a}")
        chunks, position = [], 0
        for ordinal in range(CHUNKS_PER_ARTICLE):
            piece = " ".join(sentences[ordinal * 6 : ordinal * 6 + 6])
            start = text.index(piece, position)
            chunks.append(Chunk(article.id, ordinal, start, start + len(piece), None, piece))
            position = start + len(piece)
        # Clustered like real embeddings (topics), not uniform noise.
        topic = centres[rng.integers(len(centres))]
        noise = rng.normal(size=(CHUNKS_PER_ARTICLE, dim)) / np.sqrt(dim)
        vectors = (topic + 0.8 * noise).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        articles.append(IndexedArticle(article, chunks, vectors))
    return articles


def _pseudo_word(number: int) -> str:
    """A letters-only word per number ('ba', 'bb', …), so sentences read as words, not codes."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    word = ""
    number += 26
    while number:
        number, digit = divmod(number, 26)
        word = letters[digit] + word
    return word


def percentiles(samples: list[float]) -> dict[str, float]:
    values = np.asarray(samples) * 1000
    return {
        "p50_ms": round(float(np.percentile(values, 50)), 1),
        "p95_ms": round(float(np.percentile(values, 95)), 1),
    }


def timed(fn: Any, repeats: int) -> list[float]:
    samples = []
    for i in range(repeats):
        query = f"{QUERIES[i % len(QUERIES)]} {next(_FRESH)}"  # never a cached query vector
        started = time.perf_counter()
        fn(query)
        samples.append(time.perf_counter() - started)
    return samples


def timed_pair(fn: Any, baseline: Any, asked: Any, repeats: int) -> tuple[list[float], list[float]]:
    """`timed` of two answerers on the same questions (`asked` of each query), taking turns at
    going first: a slower minute of the machine costs both alike."""
    samples: tuple[list[float], list[float]] = ([], [])
    for i in range(repeats):
        question = asked(f"{QUERIES[i % len(QUERIES)]} {next(_FRESH)}")
        for which in (0, 1) if i % 2 == 0 else (1, 0):
            started = time.perf_counter()
            (fn, baseline)[which](question)
            samples[which].append(time.perf_counter() - started)
    return samples


def measure(size: int, work: Path, embedder: Any, repeats: int) -> dict[str, Any]:
    rng = np.random.default_rng(size)
    settings = Settings(index_dir=work / f"index-{size}", ann_threshold=10**9)
    desk = Newsdesk.open(settings, embedder=embedder)
    started = time.perf_counter()
    articles = synthetic_articles(size, rng, embedder.dimension)
    for first in range(0, len(articles), 500):
        desk.index.apply(add=articles[first : first + 500])
    build_seconds = time.perf_counter() - started
    desk.search("warm up")
    clock = ReaderClock(desk)
    answers = [desk.ask(f"{q} {i}") for i, q in enumerate(QUERIES)]
    result: dict[str, Any] = {
        "chunks": desk.stats()["chunks"],
        "answered_share": sum(a.status == "answered" for a in answers) / len(answers),
        "build_seconds": round(build_seconds, 1),
        "search_hybrid": percentiles(timed(lambda q: desk.search(q, 5), repeats)),
        "search_dense": percentiles(timed(lambda q: desk.search(q, 5, mode="dense"), repeats)),
        "search_keyword": percentiles(timed(lambda q: desk.search(q, 5, mode="keyword"), repeats)),
    }
    clock.seconds = 0.0
    asks = timed(lambda q: desk.ask(q), repeats)
    result["ask_extractive"] = percentiles(asks)
    result["reader_share_of_ask_pct"] = round(100 * clock.seconds / sum(asks), 1)
    # Questions that ask for a kind of thing ("Who …?", "When …?"): the NER runs too.
    # Interleaved with the same questions asked without the further search before refusing
    # (answer_k_before_refusal=0; its own models): what that search costs, in the same run.
    shallow = Newsdesk.open(
        settings.model_copy(update={"answer_k_before_refusal": 0}), embedder=embedder
    )
    shallow.ask("warm up")
    clock.seconds = 0.0
    ner = ReaderClock(desk, "tagger", "entities")
    kinds = itertools.cycle(["Who {}?", "When {}?", "How many {}?", "Which country {}?"])
    typed, unsearched = timed_pair(desk.ask, shallow.ask, lambda q: next(kinds).format(q), repeats)
    shallow.close()
    result["ask_typed_questions"] = percentiles(typed)
    result["ask_typed_without_further_search"] = percentiles(unsearched)
    result["reader_share_of_typed_pct"] = round(100 * clock.seconds / sum(typed), 1)
    result["ner_share_of_typed_pct"] = round(100 * ner.seconds / sum(typed), 1)
    # The answerer before the reader, in the same run: the baseline of the reader's cost.
    hand = Newsdesk.open(settings.model_copy(update={"reader": "none"}), embedder=embedder)
    hand.ask("warm up")
    result["ask_hand_tuned"] = percentiles(timed(lambda q: hand.ask(q), repeats))
    hand.close()
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    desk.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    embedder = make_embedder("minilm")
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsdesk-latency-") as work:
        for size in args.sizes:
            results[str(size)] = measure(size, Path(work), embedder, args.repeats)
            print(size, json.dumps(results[str(size)]), flush=True)
    (args.out / "latency.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
