"""Story grouping: precision and recall on a labelled set, and ingest throughput with grouping on
vs off (same files, same run).

    .venv/bin/python -m bench.stories [--bases 120] [--repeats 2] [--out bench/results]

The labelled set is built from public text: the five sample news articles, and "articles" of
three consecutive paragraphs of the SQuAD Wikipedia pages in ../shared/datasets/squad (articles
cut from the same page are same-topic hard negatives). Each base gets 0-3 variants with the edits
syndication makes: another headline, a byline, an outlet's boilerplate before or after, a
trimmed last paragraph, light rewording (attribution verbs, numbers written out, a sentence
dropped or moved), and updated versions (a paragraph added, a figure changed). A base and its
variants are one story; pairs are scored on the groups the real ingest pipeline forms, and on
a grid of thresholds to show where the defaults sit. Writes bench/results/stories.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
from itertools import combinations
from pathlib import Path
from typing import Any

from assistant import Newsdesk, Settings
from assistant.store.stories import MIN_COSINE, MIN_JACCARD, jaccard, passage_match

REPO = Path(__file__).resolve().parent.parent
SQUAD = REPO.parent / "shared" / "datasets" / "squad"
HEADLINE_WORDS = ("Report:", "Update:", "Analysis:", "Exclusive:", "Breaking:")
BYLINES = (
    "By Staff Reporter", "From wire reports", "By Agency correspondent", "News desk",
    "By our correspondent in the region",
)  # fmt: skip
BOILERPLATE = (
    "Subscribe to our newsletter for the day's top stories.",
    "Copyright Wire Service. All rights reserved. This material may not be redistributed.",
    "Read more: the week in review.",
    "Follow us on social media for updates.",
    "This article was first published by our partner agency.",
    "Additional reporting by the regional desk. Editing by the news team.",
)
REWORDS = (
    (r"\bsaid\b", "told reporters"), (r"\bhowever\b", "but"), (r"\balso\b", "additionally"),
    (r"\babout\b", "around"), (r"\bbegan\b", "started"), (r"\blarge\b", "big"),
    (r"\bmany\b", "numerous"), (r"\bshowed\b", "indicated"), (r"\bbecause\b", "as"),
)  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def bases(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(title, text) of the sample news articles and three-paragraph cuts of SQuAD pages."""
    found = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\A\s*date \d{4}-\d{2}-\d{2}\s*", "", text)
        found.append((text.split("\n", 1)[0][:80], text))
    pages = []
    for name in ("train-a-v1.1.json", "train-b-v2.0.json"):
        for page in json.loads((SQUAD / name).read_text(encoding="utf-8"))["data"]:
            paragraphs = [p["context"] for p in page["paragraphs"]]
            for start in range(0, len(paragraphs) - 2, 3):
                cut = "\n\n".join(paragraphs[start : start + 3])
                pages.append((f"{page['title'].replace('_', ' ')} ({start // 3 + 1})", cut))
    rng.shuffle(pages)
    return found + pages[: max(0, count - len(found))]


def variant(text: str, kind: str, rng: random.Random, extra: str) -> str:
    """A copy of `text` as another outlet, a rewrite or an update would print it."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if kind in {"rewrite", "update"}:
        words = paragraphs
        for pattern, replacement in rng.sample(REWORDS, 4):
            words = [re.sub(pattern, replacement, p, count=2) for p in words]
        sentences = [_SENTENCE.split(p) for p in words]
        longest = max(range(len(sentences)), key=lambda i: len(sentences[i]))
        if len(sentences[longest]) > 3:
            dropped = rng.randrange(1, len(sentences[longest]))
            del sentences[longest][dropped]
        paragraphs = [" ".join(s) for s in sentences]
    if kind == "update":
        paragraphs = [
            re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), paragraphs[0], count=1)
        ]
        paragraphs += [p for p in text.split("\n\n")[1:] if p.strip()]
        paragraphs.append("Update: " + extra)
    if kind == "trim" and len(paragraphs) > 2:
        paragraphs = paragraphs[:-1]
    head = [f"{rng.choice(HEADLINE_WORDS)} {rng.choice(BYLINES)}"]
    tail = [rng.choice(BOILERPLATE)]
    return "\n\n".join(head + paragraphs + tail)


def labelled_set(count: int, seed: int) -> list[tuple[str, str, int]]:
    """(title, text, story label) for every base and variant."""
    rng = random.Random(seed)
    found = bases(count, rng)
    documents = []
    kinds = ("syndicate", "trim", "rewrite", "update")
    for label, (title, text) in enumerate(found):
        documents.append((title, text, label))
        for number in range(rng.choice((0, 1, 1, 2, 3))):
            extra = found[(label + 7) % len(found)][1].split("\n\n")[0]
            kind = kinds[(label + number) % len(kinds)]
            documents.append((f"{title} [{kind}]", variant(text, kind, rng, extra), label))
    return documents


def write(documents: list[tuple[str, str, int]], folder: Path) -> list[Path]:
    """One Markdown file per document (front matter title; no dates)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (title, text, _) in enumerate(documents):
        path = folder / f"{number:05d}.md"
        safe = title.replace('"', "'")
        path.write_text(f'---\ntitle: "{safe}"\n---\n\n{text}\n', encoding="utf-8")
        paths.append(path)
    return paths


def pair_scores(predicted: dict[int, str], truth: dict[int, int]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a grouping against the labels."""
    true_pairs = {p for p in combinations(sorted(truth), 2) if truth[p[0]] == truth[p[1]]}
    found = {p for p in combinations(sorted(predicted), 2) if predicted[p[0]] == predicted[p[1]]}
    hit = len(true_pairs & found)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_pairs": len(true_pairs),
        "predicted_pairs": len(found),
    }


def ingest_timed(paths: list[Path], folder: Path, stories: bool) -> tuple[float, Newsdesk]:
    """Seconds to ingest the files into a fresh index, and the open desk."""
    desk = Newsdesk.open(Settings(index_dir=folder, stories=stories))
    desk.embedder.embed_query("load the model before the clock starts")
    started = time.perf_counter()
    desk.ingest(paths, progress=False)
    return time.perf_counter() - started, desk


def threshold_grid(desk: Newsdesk, order: list[str], truth: dict[int, int]) -> list[dict]:
    """Pairwise P/R of single-link pairs at other thresholds (signatures and vectors as stored)."""
    book = desk.index.catalog.stories
    signatures = book.signatures()
    vectors = {article: desk.index.catalog.article_vectors(article) for article in order}
    measured = []
    for a, b in combinations(range(len(order)), 2):
        similarity = jaccard(signatures[order[a]], signatures[order[b]])
        if similarity < 0.1:
            continue
        measured.append((a, b, similarity, passage_match(vectors[order[a]], vectors[order[b]])))
    true_pairs = {p for p in combinations(range(len(order)), 2) if truth[p[0]] == truth[p[1]]}
    grid = []
    for min_jaccard in (0.2, 0.3, 0.4, 0.5):
        for min_cosine in (0.0, 0.6, 0.75, 0.85, 0.9):
            found = {(a, b) for a, b, j, c in measured if j >= min_jaccard and c >= min_cosine}
            hit = len(found & true_pairs)
            grid.append(
                {
                    "min_jaccard": min_jaccard,
                    "min_passage_match": min_cosine,
                    "pair_precision": round(hit / len(found), 4) if found else 1.0,
                    "pair_recall": round(hit / len(true_pairs), 4) if true_pairs else 1.0,
                }
            )
    return grid


def main() -> None:
    """Build the set, ingest it with grouping on and off, score, and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bases", type=int, default=120)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    documents = labelled_set(args.bases, args.seed)
    results: dict[str, Any] = {
        "documents": len(documents),
        "stories": len({label for _, _, label in documents}),
        "defaults": {"min_jaccard": MIN_JACCARD, "min_passage_match": MIN_COSINE},
    }
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        paths = write(documents, root / "files")
        timings: dict[str, list[float]] = {"on": [], "off": []}
        grouped: Newsdesk | None = None
        for repeat in range(args.repeats):
            for mode in ("on", "off") if repeat % 2 == 0 else ("off", "on"):
                seconds, desk = ingest_timed(paths, root / f"{mode}{repeat}", mode == "on")
                timings[mode].append(seconds)
                if mode == "on" and grouped is None:
                    grouped = desk
                else:
                    desk.close()
        assert grouped is not None
        summaries = {Path(a.source).name: a for a in grouped.articles()}
        order = [summaries[p.name].id for p in paths]
        truth = {i: label for i, (_, _, label) in enumerate(documents)}
        predicted = {i: summaries[p.name].story_id for i, p in enumerate(paths)}
        results["grouping"] = pair_scores(predicted, truth)
        results["threshold_grid"] = threshold_grid(grouped, order, truth)
        chunks = grouped.stats()["chunks"]
        grouped.close()
    on, off = min(timings["on"]), min(timings["off"])
    results["ingest"] = {
        "passages": chunks,
        "seconds_grouping_on": [round(t, 2) for t in timings["on"]],
        "seconds_grouping_off": [round(t, 2) for t in timings["off"]],
        "passages_per_s_on": round(chunks / on, 2),
        "passages_per_s_off": round(chunks / off, 2),
        "throughput_ratio_on_vs_off": round(off / on, 4),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stories.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k != "threshold_grid"}, indent=2))


if __name__ == "__main__":
    main()
