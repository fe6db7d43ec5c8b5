"""Real news nobody here wrote: RealTime QA 2024 questions asked open-ended as of their dates.

    .venv/bin/python -m bench.realtimeqa [--dates 4] [--offset 0] [--weights DIR ...]
        [--variant NAME=FIELD=VALUE[,FIELD=VALUE] ...] [--keep-index DIR]

Takes `--dates` quiz dates spread evenly over 2024 (those whose questions have articles), ingests
every article those questions' web searches returned (`../shared/datasets/realtimeqa-2024/`, never
copied into the repository) into a fresh index with the packaged MiniLM, and asks each question
without its choices, as of its date. Reported per reader (the shipped one, then each `--weights`
folder from `python -m training.train_reader --export`), all on the same index in one run:
- `article_in_top5`: one of the question's own articles among the 5 best hits (as of its date);
- `choice_in_short`, `choice_in_answer`: the right choice's text in the short answer / the answer
  (case-insensitive);
- `refused`: "not found";
- `premise_unsupported`: answers that say the articles report the opposite;
- `wrong_in_bold` / `right_in_bold`: a short answer in bold that is not / is the right choice
  (the first is the worst case); `not_sure`: a short answer shown as "Not sure: …";
- `reports_differ`: answers that show a conflict between reports ("Reports differ: …"), each
  listed under `conflicts_shown` with the two values and quotes, to be judged by a person.
`--variant` adds the shipped reader with settings changed (e.g. `before=tagger=none,
min_confidence=0,not_sure_below=0`: no NER check, no confidence), in the same run.
`--keep-index DIR` keeps (or reuses) the ingested index.
Writes bench/results/realtimeqa.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from assistant.desk import Newsdesk
from assistant.reader import READ_TOKENS, READER_DIR, Reader
from assistant.settings import Settings
from bench.rtqa_sample import COUNTS, DATA, REPO, add_sample_arguments, judged, rates, sample


def write_articles(urls: set[str], folder: Path) -> Path:
    """The sample's articles as one JSON Lines file newsdesk ingests (`url` is the source)."""
    target = folder / "realtimeqa.jsonl"
    with (
        gzip.open(DATA / "articles-2024.jsonl.gz", "rt", encoding="utf-8") as source,
        target.open("w", encoding="utf-8") as out,
    ):
        for line in source:
            article = json.loads(line)
            if article["url"] in urls:
                article["published"] = str(article["published"]).replace("/", "-")
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return target


def measure(desk: Newsdesk, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """The counts described in the module docstring, as percentages of the questions."""
    rows: list[dict[str, Any]] = []
    shown: list[dict[str, Any]] = []
    started = time.perf_counter()
    for question in questions:
        as_of = date.fromisoformat(question["as_of"])
        hits = desk.search(question["question"], 5, as_of=as_of, all_copies=True)
        own = set(question["search_results"])
        answer = desk.ask(question["question"], as_of=as_of)
        row = judged(question, answer)
        rows.append(
            {
                **row,
                "article_in_top5": any(hit.source in own for hit in hits),
                "premise_unsupported": answer.premise == "unsupported",
                "not_sure": bool(answer.short_answer) and not row["bold"],
            }
        )
        for conflict in answer.conflicts:
            quotes = {c.n: c.quote for c in answer.citations}
            shown.append(
                {
                    "question": question["question"],
                    "about": conflict.about,
                    "reports": [[r.value, quotes.get(r.citation, "")] for r in conflict.reports],
                }
            )
    total = max(1, len(questions))
    extra = ("article_in_top5", "premise_unsupported", "not_sure")
    return {
        **rates(rows, (*COUNTS, *extra)),
        "seconds_per_question": round((time.perf_counter() - started) / total, 2),
        "conflicts_shown": shown,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_sample_arguments(parser, 4)
    parser.add_argument("--weights", type=Path, nargs="*", default=[], help="more readers")
    parser.add_argument("--variant", nargs="*", default=[], help="NAME=FIELD=VALUE[,…]")
    parser.add_argument("--keep-index", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    questions, urls = sample(args.dates, args.offset, args.last)
    folder = args.keep_index or Path(tempfile.mkdtemp(prefix="newsdesk-realtimeqa-"))
    folder.mkdir(parents=True, exist_ok=True)
    articles = write_articles(urls, folder)
    settings = Settings(index_dir=folder / "index")
    started = time.perf_counter()
    report = Newsdesk.open(settings).ingest([articles], progress=True)
    result: dict[str, Any] = {
        "dates": sorted({q["as_of"] for q in questions}),
        "articles": sum(o.articles for o in report.outcomes if o.status != "failed"),
        "passages": report.chunks_added,
        "ingest_seconds": round(time.perf_counter() - started),
    }
    runs: list[tuple[str, Settings, Path]] = [("shipped", settings, READER_DIR)]
    runs += [(str(w), settings, w) for w in args.weights]
    for variant in args.variant:
        name, _, changes = variant.partition("=")
        fields = dict(pair.split("=", 1) for pair in changes.split(",") if pair)
        runs.append((name, Settings(**{**settings.model_dump(), **fields}), READER_DIR))
    for name, chosen, weights in runs:
        desk = Newsdesk.open(chosen, reader=Reader(weights, READ_TOKENS))
        result[name] = measure(desk, questions)
        print(json.dumps({name: result[name]}), flush=True)
        desk.close()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "realtimeqa.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
