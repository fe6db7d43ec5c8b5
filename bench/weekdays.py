"""Every weekday a real article names, worked out against its date — to read what a change to
`answering/question/relative_time.py` moves before it ships.

    .venv/bin/python -m bench.weekdays --dump OUT.jsonl            # this checkout's days
    .venv/bin/python -m bench.weekdays --compare OLD.jsonl NEW.jsonl [--show 40] [--seed 0]

The articles are RealTime QA 2024's beside the repository (never copied here). `--dump` writes
one line per sentence that names a bare weekday (its article's date, the sentence, each phrase
with the day it was worked out as); `--compare` counts the mentions whose day changed between two
dumps and prints a random draw of them to read: whether the new day is right is for a person to
judge from the sentence and the article's date.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

from assistant.answering.question.relative_time import time_mentions
from assistant.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO.parent / "shared" / "datasets" / "realtimeqa-2024" / "articles-2024.jsonl.gz"
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def dump(target: Path, source: Path = ARTICLES) -> int:
    """Write the weekday mentions of every article's sentences to `target`; how many sentences
    (each distinct sentence of an article date once)."""
    seen: set[tuple[str, str]] = set()
    with gzip.open(source, "rt", encoding="utf-8") as lines, target.open("w") as out:
        for line in lines:
            record = json.loads(line)
            published = date.fromisoformat(record["published"].replace("/", "-")[:10])
            text = record["text"]
            for span in split_sentences(text):
                sentence = text[span.start : span.end]
                key = (record["published"], sentence)
                if key in seen or not _WEEKDAY.search(sentence):
                    continue
                seen.add(key)
                days = [
                    [m.phrase, m.start, m.first_day.isoformat()]
                    for m in time_mentions(sentence, published)
                    if _WEEKDAY.search(m.phrase)
                ]
                row = {"published": published.isoformat(), "sentence": sentence, "days": days}
                out.write(json.dumps(row) + "\n")
    return len(seen)


def compare(old: Path, new: Path, show: int, seed: int) -> None:
    before, after = _rows(old), _rows(new)
    changed = []
    mentions = 0
    for key, row in after.items():
        was = {(phrase, start): day for phrase, start, day in before.get(key, {}).get("days", [])}
        for phrase, start, day in row["days"]:
            mentions += 1
            if was.get((phrase, start)) != day:
                changed.append((row, phrase, was.get((phrase, start)), day))
    print(f"{mentions} weekday mentions in {len(after)} sentences; {len(changed)} changed")
    for row, phrase, was_day, day in random.Random(seed).sample(changed, min(show, len(changed))):
        print(f"\n[{row['published']}] {phrase!r}: {was_day} → {day}\n  {row['sentence'][:400]}")


def _rows(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {(row["published"], row["sentence"]): row for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dump", type=Path, help="write this checkout's days here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--show", type=int, default=40, help="changed mentions to print")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare, show=args.show, seed=args.seed)
    elif args.dump:
        print(f"{dump(args.dump)} sentences written to {args.dump}")
    else:
        parser.error("--dump OUT or --compare OLD NEW")


if __name__ == "__main__":
    main()
