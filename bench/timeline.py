"""Timeline quality on the eval files' `kind: "timeline"` items: event recall and pairwise order.

    .venv/bin/python -m bench.timeline [--out bench/results]

For each item, the expected events (in their true order) are looked up in the built timeline.
Event recall is the share found; pairwise order accuracy is, over every pair of found expected
events, the share the timeline puts in the same order. Also reported: whether each timeline's
dates are non-decreasing, the share of events per `date_basis`, and the time to build one.
Writes bench/results/timeline.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

from assistant import Newsdesk, Settings
from assistant.evaluation import load_questions

REPO = Path(__file__).resolve().parent.parent
SETS = (
    (
        REPO / "tests" / "data" / "news_over_time_qa.jsonl",
        REPO / "tests" / "data" / "news_over_time",
    ),
    (REPO / "tests" / "data" / "sample_time_qa.jsonl", REPO / "corpus"),
)


def _day(record: dict, key: str) -> date | None:
    return date.fromisoformat(record[key]) if record.get(key) else None


def score_item(record: dict, texts: list[str]) -> tuple[int, int, int, int]:
    """(expected, found, pairs in order, pairs) for one timeline item."""
    positions = []
    for expected in record["events"]:
        options = [o.casefold() for o in (expected if isinstance(expected, list) else [expected])]
        found = [i for i, text in enumerate(texts) if any(o in text for o in options)]
        if found:
            positions.append(found[0])
    pairs = list(combinations(positions, 2))
    in_order = sum(1 for a, b in pairs if a <= b)
    return len(record["events"]), len(positions), in_order, len(pairs)


def main() -> None:
    """Build each item's timeline with the real model and score it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    items, totals = [], Counter()
    bases: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for number, (questions, corpus) in enumerate(SETS):
            desk = Newsdesk.open(Settings(index_dir=Path(scratch) / str(number)))
            desk.ingest([corpus], progress=False)
            desk.timeline("warm up", as_of=date.today())
            for record in load_questions(questions):
                if record.get("kind") != "timeline":
                    continue
                started = time.perf_counter()
                timeline = desk.timeline(
                    record.get("topic") or record["question"],
                    as_of=_day(record, "as_of"), after=_day(record, "after"),
                    before=_day(record, "before"),
                )  # fmt: skip
                seconds = time.perf_counter() - started
                texts = [e.text.casefold() for e in timeline.events]
                expected, found, in_order, pairs = score_item(record, texts)
                dates = [e.date for e in timeline.events]
                bases.update(e.date_basis for e in timeline.events)
                totals.update(expected=expected, found=found, in_order=in_order, pairs=pairs)
                items.append(
                    {
                        "id": record["id"],
                        "topic": timeline.topic,
                        "events": len(timeline.events),
                        "undated": len(timeline.undated),
                        "expected": expected,
                        "found": found,
                        "pairwise_in_order": f"{in_order}/{pairs}",
                        "dates_non_decreasing": dates == sorted(dates),
                        "seconds": round(seconds, 2),
                    }
                )
            desk.close()
    results = {
        "items": items,
        "event_recall": round(totals["found"] / totals["expected"], 4),
        "pairwise_order_accuracy": round(totals["in_order"] / max(1, totals["pairs"]), 4),
        "date_basis_share": {k: v for k, v in bases.most_common()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "timeline.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
