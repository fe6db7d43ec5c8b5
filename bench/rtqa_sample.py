"""RealTime QA samples, and their answers by whichever checkout is on the path.

    PYTHONPATH=<checkout> .venv/bin/python bench/rtqa_sample.py --index DIR --dates 12
        [--offset 6] [--dump FILE]

`sample` picks the questions of `--dates` quiz dates (`bench.realtimeqa` and
`bench.compare_answers` use it too). Run as a script, it asks them over an index that
`bench.realtimeqa --keep-index DIR` built, with the `assistant` package of `PYTHONPATH`: an older
checkout (the code issues 19 and 20 were filed on, 3fe0254, has no `--offset`) answers the same
questions over the same index as this one, and is counted the same way. Only the standard library
and `Newsdesk.open` / `Newsdesk.ask` (as old as the project) are used, so that it runs on them.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "datasets" / "realtimeqa-2024"
COUNTS = (
    "choice_in_short",
    "choice_in_answer",
    "wrong_in_bold",
    "right_in_bold",
    "refused",
    "reports_differ",
)


def sample(
    dates: int, offset: int = 0, last: bool = False
) -> tuple[list[dict[str, Any]], set[str]]:
    """The questions of `dates` quiz dates spread over the year, and their articles' URLs.

    `offset` shifts every chosen date that many quiz dates later: a sample of other weeks.
    `last` takes the year's last `dates` quiz dates instead: the spread of `--dates 12` (offsets
    0 to 6) never reaches the last ten, so `--dates 10 --last` is a sample no spread held.
    """
    questions = [
        json.loads(line)
        for line in (DATA / "questions-2024.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    days = sorted({q["as_of"] for q in questions if q["search_results"]})
    step = max(1, len(days) // dates)
    chosen = set(days[-dates:] if last else days[offset::step][:dates])
    picked = [q for q in questions if q["as_of"] in chosen and q["search_results"]]
    return picked, {url for q in picked for url in q["search_results"]}


def add_sample_arguments(parser: argparse.ArgumentParser, dates: int) -> None:
    """The options that choose a sample, the same in every benchmark that asks one."""
    parser.add_argument("--dates", type=int, default=dates, help="quiz dates in the sample")
    parser.add_argument("--offset", type=int, default=0, help="quiz dates to shift the sample")
    parser.add_argument("--last", action="store_true", help="the year's last --dates quiz dates")


# Punctuation aside, except a point or comma between digits ("1.5", "389,833"); a word's dots
# go ("d.c." is "dc").
_NOT_A_WORD = re.compile(r"(?<=\d)[.,](?=\d)|[^\w\s]")
_PERIOD = re.compile(r"(?<!\d)[.,]|[.,](?!\d)")


def folded(text: str) -> str:
    """The text as choices and answers are compared: case, accents and punctuation aside
    ("Beyonce" is "Beyoncé", "Washington, DC" is "washington d.c."; "1.5" stays "1.5")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _NOT_A_WORD.sub(lambda m: m.group() if m.group() in ".," else " ", plain)
    plain = _PERIOD.sub("", plain)
    return " ".join(plain.split())


def _holds(text: str, choice: str, whole: bool = False) -> bool:
    """Whether the choice is written in the text from the start of a word ("us" is not in
    "houston"), and (`whole`) to the end of one."""
    end = r"(?!\w)" if whole else ""
    return bool(choice) and re.search(rf"(?<!\w){re.escape(choice)}{end}", text) is not None


def _names_most_of(choice: str, short: str) -> bool:
    """Whether the short answer is whole words of the choice, at least half of them ("Lions" for
    "detroit lions", "50" for "50 years"; not "New York" for "new york yankees and los angeles
    dodgers")."""
    return _holds(choice, short, whole=True) and 2 * len(short.split()) >= len(choice.split())


def judged(question: dict[str, Any], answer: Any) -> dict[str, Any]:
    """One answer against the question's right choice: what `COUNTS` count, and what to read."""
    choices = [folded(str(c)) for c in question["answer"]]
    short = folded(answer.short_answer.text) if answer.short_answer else ""
    right = any(_holds(short, c) or _names_most_of(c, short) for c in choices)
    bold = answer.answer.startswith("**")
    return {
        "question": question["question"],
        "as_of": question["as_of"],
        "choices": choices,
        "right": right,
        "bold": bold,
        "status": answer.status,
        "answer": answer.answer,
        "published": [str(c.published) for c in answer.citations],
        "choice_in_short": right,
        "choice_in_answer": any(_holds(folded(answer.answer), c) for c in choices),
        "wrong_in_bold": bool(short) and bold and not right,
        "right_in_bold": right and bold,
        "refused": answer.status == "not_found",
        "reports_differ": bool(answer.conflicts),
    }


def rates(rows: list[dict[str, Any]], names: Sequence[str] = COUNTS) -> dict[str, Any]:
    """Each of `names` (true or false per row) as a percentage of the questions."""
    total = max(1, len(rows))
    return {
        "questions": len(rows),
        **{name: round(100 * sum(bool(r[name]) for r in rows) / total, 1) for name in names},
    }


def main() -> None:
    from assistant import Newsdesk, Settings  # the checkout's own, from PYTHONPATH

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="as bench.realtimeqa keeps it")
    add_sample_arguments(parser, 12)
    parser.add_argument("--dump", type=Path, default=None, help="each answer (JSON lines)")
    args = parser.parse_args()
    questions, _ = sample(args.dates, args.offset, args.last)
    desk = Newsdesk.open(Settings(index_dir=args.index / "index"), create=False)
    rows = [
        judged(q, desk.ask(q["question"], as_of=date.fromisoformat(q["as_of"]))) for q in questions
    ]
    if args.dump is not None:
        args.dump.write_text("".join(json.dumps(row) + "\n" for row in rows))
    print(json.dumps(rates(rows)))


if __name__ == "__main__":
    main()
