"""Questions asked over real-news libraries as a user would, kept so that any commit can be
asked them again: the wrong answers in bold that moved this session's rules came from them.

    .venv/bin/python -m bench.real_news_askings --out DIR [--libraries bird_flu …]
    .venv/bin/python -m bench.real_news_askings --compare OLD_DIR NEW_DIR

Each library is built from RealTime QA 2024 beside the repository (its articles are never
copied here: `tests/data/real_news/*.urls` and `bench/data/askings/*.urls` list them), into
DIR/<library>-index once; each line "YYYY-MM-DD question" of `bench/data/askings/<library>.txt`
is asked as of its date, and each answer written to DIR/<library>.jsonl (question, date, status,
whether in bold, the answer). Prints per library the askings, answers in bold and refusals;
`--compare` prints every answer that changed between two runs. Whether a bold answer is right
is for a person to read: the answers are there to read.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from assistant import Newsdesk, Settings
from tests.real_news import (
    ATTEMPTS,
    BERYL_SYRIA,
    BIRD_FLU,
    ECLIPSE,
    MILTON_ALASKA,
    MIXED,
    NAVALNY_KOREA,
    POLARIS,
    SUPERBOWL_OSCARS,
    UNITEDHEALTHCARE,
    write_articles,
)

REPO = Path(__file__).resolve().parent.parent
ASKINGS = REPO / "bench" / "data" / "askings"
LIBRARIES = {
    "bird_flu": (BIRD_FLU,),
    "milton_alaska": (MILTON_ALASKA,),
    "attempts_polaris": (ATTEMPTS, POLARIS),
    "olympics": (ASKINGS / "olympics_2024.urls",),
    "unitedhealthcare": (UNITEDHEALTHCARE,),
    "beryl_syria": (BERYL_SYRIA,),
    "eclipse": (ECLIPSE,),
    "navalny_korea": (NAVALNY_KOREA,),
    "mixed": (MIXED,),
    "starliner_bridge": (ASKINGS / "starliner_bridge_2024.urls",),
    "superbowl_oscars": (SUPERBOWL_OSCARS,),
}


def askings(library: str) -> list[tuple[date, str]]:
    """The (as-of date, question) lines of a library's file; "#" lines are comments."""
    lines = (ASKINGS / f"{library}.txt").read_text(encoding="utf-8").splitlines()
    found = []
    for line in lines:
        if line.strip() and not line.startswith("#"):
            day, question = line.split(" ", 1)
            found.append((date.fromisoformat(day), question.strip()))
    return found


def index(library: str, folder: Path) -> Path:
    """The library's index in `folder`, built from its URL lists unless it is there."""
    target = folder / f"{library}-index"
    if (target / "manifest.json").exists():
        return target
    files = []
    for urls in LIBRARIES[library]:
        files.append(folder / f"{urls.stem}.jsonl")
        write_articles(urls, files[-1])
    desk = Newsdesk.open(Settings(index_dir=target))
    desk.ingest(files, progress=False)
    desk.close()
    return target


def ask_all(library: str, folder: Path) -> list[dict[str, Any]]:
    desk = Newsdesk.open(Settings(index_dir=index(library, folder)))
    rows = []
    for day, question in askings(library):
        answer = desk.ask(question, as_of=day)
        rows.append(
            {
                "as_of": day.isoformat(),
                "question": question,
                "status": answer.status,
                "bold": answer.answer.startswith("**"),
                "answer": answer.answer,
            }
        )
    desk.close()
    return rows


def compare(old: Path, new: Path) -> None:
    for library in LIBRARIES:
        before, after = old / f"{library}.jsonl", new / f"{library}.jsonl"
        if not (before.exists() and after.exists()):
            continue
        pairs = zip(_rows(before), _rows(after), strict=True)
        changed = [(a, b) for a, b in pairs if a["answer"] != b["answer"]]
        print(f"{library}: {len(changed)} changed")
        for a, b in changed:
            print(f"  [{a['as_of']}] {a['question']}")
            print(f"    old: {a['answer'][:160]!r}")
            print(f"    new: {b['answer'][:160]!r}")


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="folder for the indexes and the answers")
    parser.add_argument("--libraries", nargs="*", choices=sorted(LIBRARIES), default=None)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    if args.out is None:
        parser.error("--out DIR is needed to ask")
    args.out.mkdir(parents=True, exist_ok=True)
    for library in args.libraries or sorted(LIBRARIES):
        rows = ask_all(library, args.out)
        (args.out / f"{library}.jsonl").write_text(
            "".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8"
        )
        bold = sum(row["bold"] for row in rows)
        refused = sum(row["status"] == "not_found" for row in rows)
        print(f"{library}: {len(rows)} askings, {bold} in bold, {refused} refused", flush=True)


if __name__ == "__main__":
    main()
