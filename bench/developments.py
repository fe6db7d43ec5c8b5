"""Amounts over time on real news: the development lines an answer shows, read by a person.

    .venv/bin/python -m bench.developments --index DIR --dates 12 [--offset 6] [--last] [--show]
    .venv/bin/python -m bench.developments --topics [--show]

The questions of a RealTime QA sample (`bench/rtqa_sample.py`; the index built by
`bench.realtimeqa --keep-index DIR` with the same sample options) that ask for an amount ("How
many …", "How much …", "What percentage …") are asked as of their dates with " over time" added
— words that ask how an amount went (" so far" does too, but also asks for the newest report
alone, which holds one day), so every such question may get a "Reported over time: …" line.
Each line shown is named by the sha1 of its steps (values, days, quotes) and scored against
`bench/data/development_labels.jsonl` (`"right": true` when every step is the same amount of the
same thing, in the order it was reported, each at a right day; labelled by hand after a run with
`--show`, which prints the unlabelled lines). Reports lines shown, labelled, right (precision);
no recall: which of these questions' articles hold a development nobody has counted.

`--topics` asks every amount question of the whole file over its own articles instead (those its
web search returned, ingested into a fresh index a question, as an archive that follows one
story): quiz weeks are single events, and a sample index holds few developing stories.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant import Newsdesk, Settings
from assistant.embedding import make_embedder
from assistant.entities import make_tagger
from assistant.readers import make_reader
from bench.rtqa_sample import DATA, add_sample_arguments, sample

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "bench" / "data" / "development_labels.jsonl"
AMOUNT = re.compile(
    r"\b(?:how (?:many|much)|what (?:percentage|share|proportion|number|amount))\b",
    re.IGNORECASE,
)


def over_time(question: str) -> str:
    """The question asking how the amount went: "How many …?" → "How many … over time?"."""
    return re.sub(r"\s*\?*\s*$", " over time?", question.strip(), count=1)


def key(line: dict[str, Any]) -> str:
    """A shown development's name: sha1 of its steps (value, day, quote), 16 hex digits."""
    text = "\n".join(f"{s['value']}|{s['day']}|{s['quote']}" for s in line["steps"])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def lines(desk: Newsdesk, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each development an answer shows: its question, steps and the quotes they cite."""
    found = []
    for record in questions:
        asked = over_time(record["question"])
        answer = desk.ask(asked, as_of=date.fromisoformat(record["as_of"].replace("/", "-")))
        quotes = {c.n: c.quote for c in answer.citations}
        for development in answer.developments:
            steps = [
                {"value": s.value, "day": s.day.isoformat(), "quote": quotes[s.citation]}
                for s in development.steps
            ]
            line = {"question": asked, "as_of": record["as_of"], "steps": steps}
            found.append({**line, "key": key(line)})
    return found


def topic_lines(questions: list[dict[str, Any]], folder: Path) -> list[dict[str, Any]]:
    """`lines` of each question over an index of its own searched articles."""
    wanted = {url for q in questions for url in q["search_results"]}
    articles: dict[str, str] = {}
    with gzip.open(DATA / "articles-2024.jsonl.gz", "rt", encoding="utf-8") as found:
        for text in found:
            url = json.loads(text)["url"]
            if url in wanted:
                articles[url] = text
    settings = Settings(index_dir=folder / "unused")
    embedder = make_embedder(settings.embedder)
    reader, tagger = make_reader(settings.reader), make_tagger(settings.tagger)
    shown = []
    for record in tqdm(questions, desc="topics", unit="topic"):
        place = Path(tempfile.mkdtemp(dir=folder))
        source = place / "articles.jsonl"
        kept = [articles[u] for u in record["search_results"] if u in articles]
        source.write_text("".join(kept), encoding="utf-8")
        desk = Newsdesk.open(
            Settings(index_dir=place / "index"), embedder=embedder, reader=reader, tagger=tagger
        )
        try:
            desk.ingest([source], progress=False)
            shown.extend(lines(desk, [record]))
        finally:
            desk.close()
            shutil.rmtree(place, ignore_errors=True)
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="a sample's index (bench.realtimeqa)")
    parser.add_argument("--topics", action="store_true", help="each question over its articles")
    add_sample_arguments(parser, 12)
    parser.add_argument("--show", action="store_true", help="print unlabelled lines")
    args = parser.parse_args()
    if args.topics:
        questions = [
            json.loads(text)
            for text in (DATA / "questions-2024.jsonl").read_text(encoding="utf-8").splitlines()
            if text.strip()
        ]
        questions = [q for q in questions if len(q["search_results"]) >= 2]
    elif args.index is None:
        parser.error("--index DIR or --topics")
    else:
        questions, _ = sample(args.dates, args.offset, args.last)
    asked = [q for q in questions if AMOUNT.search(q["question"])]
    labels: dict[str, bool] = {}
    if LABELS.exists():
        for text in LABELS.read_text(encoding="utf-8").splitlines():
            if text.strip():
                record = json.loads(text)
                labels[record["key"]] = bool(record["right"])
    if args.topics:
        with tempfile.TemporaryDirectory() as folder:
            shown = topic_lines(asked, Path(folder))
    else:
        desk = Newsdesk.open(Settings(index_dir=args.index))
        try:
            shown = lines(desk, asked)
        finally:
            desk.close()
    labelled = [line for line in shown if line["key"] in labels]
    right = sum(labels[line["key"]] for line in labelled)
    print(
        json.dumps(
            {
                "questions": len(questions),
                "amount_questions": len(asked),
                "lines": len(shown),
                "labelled": len(labelled),
                "right": right,
                "precision": round(100 * right / len(labelled), 1) if labelled else None,
            }
        )
    )
    if args.show:
        for line in shown:
            if line["key"] not in labels:
                print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
