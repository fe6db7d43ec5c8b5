"""The default answerer of this checkout on held-out text nobody here wrote, for comparing two
commits in one run (copy this file into the other checkout's bench/ and run it there too).

    .venv/bin/python -m bench.compare_answers [--per-source 100] [--skip 0]
        [--rtqa-index DIR --dates 8]

Dev sets of the reader's sources (SQuAD, SQuADShifts' three parts, TimeQA, QED): the first
`--per-source` answerable questions (after the first `--skip`: e.g. `--skip 250` for questions
the answer confidence was not fitted on), each answered by
`make_generator("extractive", Settings())`
from its gold paragraph. With `--rtqa-index` (an index built by `bench.realtimeqa
--keep-index`), RealTime QA questions of `--dates` quiz dates asked open-ended as of their dates.
Reported: short answers given, EM / F1 over all questions, wrong short answers in bold (F1 < 0.5,
or not the right choice), right ones in bold, refused, and (RealTime QA) answers with a "Reports
differ" line. `--foreign` also asks each dev question of another article's paragraph and
reports how many of those were answered (in bold): refusals that should be; so are a source's
own unanswerable questions (TimeQA's: no fact of that period), always reported when it has
some. `--titles` gives each Wikipedia paragraph its article's title, as an ingested article
has one (without it every paragraph is titled "Gold": a question naming the article's subject,
as TimeQA's do, then finds the name only where the paragraph repeats it). `--per-source 0` skips
the dev sets. `--dump FILE` writes each RealTime QA answer (JSON lines) for diffing two commits
question by question; `--dump-dev FILE` each dev answer (with its gold answers).
Only APIs both commits have are used.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from assistant import Newsdesk, Settings
from assistant.answering.factory import make_generator
from assistant.embedding import make_embedder
from assistant.retrieval import Hit
from bench.reader import scores
from bench.rtqa_sample import add_sample_arguments
from training.sources import SOURCES, Paragraph, load

REPO = Path(__file__).resolve().parent.parent


def _gold(context: str, title: str = "Gold") -> Hit:
    return Hit(0, "gold", title, date(2024, 1, 1), "gold", context, 0, len(context), 1.0)


# Sources whose article names are titles a reader would see ("/wiki/Gary_Mills" → "Gary Mills");
# reviews and Reddit posts have none ("Amazon_Reviews_505").
_TITLED = ("squad", "squadshifts-wiki", "timeqa", "qed")


def _title(paragraph: Paragraph, titles: bool) -> str:
    if not titles or paragraph.source not in _TITLED:
        return "Gold"
    return paragraph.article.rsplit("/", 1)[-1].replace("_", " ")


def _foreign(paragraphs: list[Paragraph], own: Paragraph) -> Paragraph:
    """A paragraph of another article half the list away (Reddit's posts share one title:
    another post), which cannot answer the question."""
    start = paragraphs.index(own) + len(paragraphs) // 2
    for step in range(len(paragraphs)):
        other = paragraphs[(start + step) % len(paragraphs)]
        if other.article != own.article:
            return other
    return paragraphs[start % len(paragraphs)]


def dev(
    per_source: int,
    skip: int = 0,
    dump: list[dict[str, object]] | None = None,
    foreign: bool = False,
    titles: bool = False,
) -> dict[str, dict[str, float]]:
    generator = make_generator("extractive", Settings(), make_embedder("minilm"))
    result = {}
    for source, (_, paragraphs) in load(REPO.parent / "shared" / "datasets", list(SOURCES)).items():
        asked = [(p, qa) for p in paragraphs for qa in p.questions if qa.get("answers")]
        em = f1 = given = bold_wrong = bold_right = refused = 0.0
        foreign_answered = foreign_bold = 0.0
        for p, qa in asked[skip : skip + per_source]:
            if foreign:  # asked of another article's paragraph: the answer is refusal
                other = _foreign(paragraphs, p)
                elsewhere = generator.answer(
                    str(qa["question"]),
                    [_gold(other.context, _title(other, titles))],
                )
                foreign_answered += elsewhere.status == "answered"
                foreign_bold += elsewhere.answer.startswith("**")
            answer = generator.answer(str(qa["question"]), [_gold(p.context, _title(p, titles))])
            refused += answer.status == "not_found"
            if dump is not None:
                short = answer.short_answer.text if answer.short_answer else None
                bold = answer.answer.startswith("**")
                dump.append(
                    {
                        "source": source,
                        "question": qa["question"],
                        "short": short,
                        "bold": bold,
                        "status": answer.status,
                        "confidence": answer.confidence,
                        "gold": [a["text"] for a in qa["answers"]][:3],
                        "answer": answer.answer[:400],
                    }
                )
            if answer.short_answer is None:
                continue
            e, f = scores(answer.short_answer.text, tuple(a["text"] for a in qa["answers"]))
            em, f1, given = em + e, f1 + f, given + 1
            bold_wrong += f < 0.5 and answer.answer.startswith("**")
            bold_right += f >= 0.5 and answer.answer.startswith("**")
        n = len(asked[skip : skip + per_source])
        result[source] = {
            "questions": n,
            **{
                k: round(100 * v / n, 1)
                for k, v in (
                    ("short_given", given),
                    ("em", em),
                    ("f1", f1),
                    ("wrong_in_bold", bold_wrong),
                    ("right_in_bold", bold_right),
                    ("refused", refused),
                )
            },
        }
        if foreign:
            result[source]["foreign_answered"] = round(100 * foreign_answered / n, 1)
            result[source]["foreign_bold"] = round(100 * foreign_bold / n, 1)
        unanswerable = [
            (p, qa) for p in paragraphs for qa in p.questions if qa.get("is_impossible")
        ]
        if unanswerable[skip : skip + per_source]:  # the source's own (TimeQA: no such period)
            answers = [
                generator.answer(str(qa["question"]), [_gold(p.context, _title(p, titles))])
                for p, qa in unanswerable[skip : skip + per_source]
            ]
            result[source]["unanswerable_questions"] = len(answers)
            result[source]["unanswerable_answered"] = round(
                100 * sum(a.status == "answered" for a in answers) / len(answers), 1
            )
            result[source]["unanswerable_bold"] = round(
                100 * sum(a.answer.startswith("**") for a in answers) / len(answers), 1
            )
        print(source, json.dumps(result[source]), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-source", type=int, default=100)
    parser.add_argument("--skip", type=int, default=0, help="dev questions passed over first")
    parser.add_argument("--rtqa-index", type=Path, default=None)
    add_sample_arguments(parser, 8)
    parser.add_argument("--dump", type=Path, default=None, help="RealTime QA answers (JSON lines)")
    parser.add_argument("--dump-dev", type=Path, default=None, help="dev answers (JSON lines)")
    parser.add_argument(
        "--foreign",
        action="store_true",
        help="also ask each dev question of another article's paragraph (should be refused)",
    )
    parser.add_argument(
        "--titles",
        action="store_true",
        help="give each paragraph its article's title (as an ingested article has), not 'Gold'",
    )
    args = parser.parse_args()
    answers: list[dict[str, object]] = []
    result = (
        {"dev": dev(args.per_source, args.skip, answers, args.foreign, args.titles)}
        if args.per_source
        else {}
    )
    if args.dump_dev is not None:
        args.dump_dev.write_text("".join(json.dumps(row) + "\n" for row in answers))
    if args.rtqa_index is not None:
        from bench.rtqa_sample import judged, rates, sample

        questions, _ = sample(args.dates, args.offset, args.last)
        desk = Newsdesk.open(Settings(index_dir=args.rtqa_index / "index"), create=False)
        asked = [desk.ask(q["question"], as_of=date.fromisoformat(q["as_of"])) for q in questions]
        dumped = [
            {**judged(q, a), "confidence": a.confidence}
            for q, a in zip(questions, asked, strict=True)
        ]
        if args.dump is not None:
            args.dump.write_text("".join(json.dumps(row) + "\n" for row in dumped))
        result["realtimeqa"] = rates(dumped)
        print("realtimeqa", json.dumps(result["realtimeqa"]), flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
