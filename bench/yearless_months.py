"""A month named without its year, asked long after: RealTime QA questions with "in <Month>".

    PYTHONPATH=<checkout> .venv/bin/python bench/yearless_months.py --index DIR --dates 12
        [--offset 6 | --last] [--as-of 2026-12-01] [--dump FILE]

A person asking of last year's news names a month and leaves the year out: "Which company
recalled its jets in January?". Each question of a RealTime QA sample that names no time of its
own is asked so — " in <Month>" added, the month of the week the quiz asked about (three days
before its date) — as of `--as-of`, long after it; that month of `--as-of`'s year or the year
before holds none of the sample's articles (all of them are of 2024 or earlier). For reference,
the same question with the month's year ("in January 2024"), as of the same date. Over an index
that `bench.realtimeqa --keep-index DIR` built, with the `assistant` package of `PYTHONPATH` (as
`bench/rtqa_sample.py`: any checkout can be counted the same way). Reported for each form:
`choice_in_short`, `choice_in_answer`, `wrong_in_bold`, `right_in_bold`, `refused` (as the
other RealTime QA benchmarks), and `from_the_month`: the answer's first citation published in
the quiz's month of the quiz's year (or within 30 days after, as reports of it are).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))  # `bench`, after PYTHONPATH

from bench.rtqa_sample import add_sample_arguments, judged, rates, sample

# Time words of the question's own: such questions are left out.
_TIMED = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:19|20)\d{2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today"
    r"|yesterday|tonight|week|month|year|latest|recent(?:ly)?|current(?:ly)?|now|still)\b",
    re.IGNORECASE,
)
REPORTED_WITHIN = timedelta(days=30)


def asked_in(question: str, words: str) -> str | None:
    """The question with the time words before its closing "?" ("…recalled its jets in
    January?"); None when it names a time of its own or does not end with one "?"."""
    text = question.strip()
    if _TIMED.search(text) or not text.endswith("?") or text.count("?") != 1:
        return None
    return f"{text[:-1].rstrip()} {words}?"


def quiz_month(question: dict[str, Any]) -> date:
    """The first day of the month of the week the quiz asked about."""
    day = date.fromisoformat(question["as_of"]) - timedelta(days=3)
    return day.replace(day=1)


def from_month(answer: Any, month: date) -> bool:
    """Whether the answer's first citation was published in the month, or reported within
    REPORTED_WITHIN after it."""
    if not answer.citations or answer.citations[0].published is None:
        return False
    following = (month + timedelta(days=32)).replace(day=1)
    return month <= answer.citations[0].published < following + REPORTED_WITHIN


def main() -> None:
    from assistant import Newsdesk, Settings  # the checkout's own, from PYTHONPATH

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="as bench.realtimeqa keeps it")
    add_sample_arguments(parser, 12)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 12, 1))
    parser.add_argument("--dump", type=Path, default=None, help="each answer (JSON lines)")
    args = parser.parse_args()
    questions, _ = sample(args.dates, args.offset, args.last)
    desk = Newsdesk.open(Settings(index_dir=args.index / "index"), create=False)
    forms: dict[str, list[dict[str, Any]]] = {"month": [], "month_and_year": []}
    for question in questions:
        month = quiz_month(question)
        for form, words in (("month", f"in {month:%B}"), ("month_and_year", f"in {month:%B %Y}")):
            asked = asked_in(question["question"], words)
            if asked is None:
                continue
            answer = desk.ask(asked, as_of=args.as_of)
            row = judged({**question, "question": asked}, answer)
            forms[form].append({**row, "form": form, "from_the_month": from_month(answer, month)})
    if args.dump is not None:
        rows = [row for form in forms.values() for row in form]
        args.dump.write_text("".join(json.dumps(row) + "\n" for row in rows))
    names = ("choice_in_short", "choice_in_answer", "wrong_in_bold", "right_in_bold", "refused")
    report = {form: rates(rows, (*names, "from_the_month")) for form, rows in forms.items()}
    print(json.dumps({"as_of": args.as_of.isoformat(), **report}))


if __name__ == "__main__":
    main()
