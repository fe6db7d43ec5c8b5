"""Open retrieval over every SQuAD paragraph we have: `ask` end to end, short answers scored.

    .venv/bin/python -m bench.squad_open [--squad ../shared/datasets/squad] [--limit N]
        [--dump FILE] [--reader-only]

All 1,848 paragraphs of ../shared/datasets/squad/ become articles in one index (real MiniLM
embeddings); the reader's held-out questions (the dev split of training/reader_data.py) are asked
through `Newsdesk.ask`, which retrieves among all paragraphs, reads and answers. Reported, in the
same run, for the default answerer (reader) and for `NEWSDESK_READER=none` (hand-tuned sentence
choice, which has no short answer — its first quote is scored instead):
- short-answer exact match / F1 (official SQuAD normalisation; no answer scores 0),
- how often the first citation quotes the gold answer (evidence found),
- refusals of answerable questions, and of SQuAD v2 unanswerable ones,
- `ask` latency p50/p95 and the reader's share of it.
Writes bench/results/squad_open.json; `--dump FILE` also writes each reader answer (JSON lines:
question, gold answers, short answer, first quote, status, confidence) for diffing two commits
question by question; `--reader-only` skips the hand-tuned run. `--elsewhere N` also asks the
first N questions of SQuADShifts' Wikipedia dev split, whose articles are not in the index: none
can be answered, so each answer given is a refusal missed (`elsewhere`: refused, answered, in
bold).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant import Newsdesk, Settings
from assistant.embedding import make_embedder
from bench.reader import scores
from training.sources import load, squad_split

REPO = Path(__file__).resolve().parent.parent


def feed(squad: Path, target: Path) -> int:
    """Every paragraph as one JSONL article; returns how many."""
    lines = []
    train, dev = squad_split(squad)
    numbers: dict[str, int] = {}
    for paragraph in train + dev:
        number = numbers[paragraph.article] = numbers.get(paragraph.article, 0) + 1
        title = f"{paragraph.article} ({number})"
        lines.append(json.dumps({"title": title, "text": paragraph.context}))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def questions(squad: Path, limit: int | None) -> list[tuple[str, tuple[str, ...]]]:
    """(question, reference answers) of the dev split; () for unanswerable ones."""
    _, dev = squad_split(squad)
    found = []
    for paragraph in dev:
        for qa in paragraph.questions:
            answers = tuple(str(a["text"]) for a in qa.get("answers") or [])
            found.append((str(qa["question"]), () if qa.get("is_impossible") else answers))
    return found[:limit] if limit else found


class ReaderClock:
    """Adds up the time spent in one model of the answerer: its reader (`read`), or its NER
    tagger (`ReaderClock(desk, "tagger", "entities")`)."""

    def __init__(self, desk: Newsdesk, part: str = "reader", method: str = "read") -> None:
        self.seconds = 0.0
        model = getattr(desk.generator(), part, None)
        if model is not None:
            self._time(model, method)
            later = model.later_looks() if part == "reader" else model
            if later is not model:  # a cascade's further windows: its first reader's time too
                self._time(later, method)

    def _time(self, model: Any, method: str) -> None:
        call = getattr(model, method)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        setattr(model, method, timed)


def run(
    desk: Newsdesk,
    asked: list[tuple[str, tuple[str, ...]]],
    dump: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    clock = ReaderClock(desk)
    desk.warm_up()
    clock.seconds = 0.0
    em, f1s, evidence, refused_answerable, refused_impossible, times = [], [], [], 0, 0, []
    answerable = [q for q in asked if q[1]]
    for question, references in asked:
        started = time.perf_counter()
        answer = desk.ask(question)
        times.append(time.perf_counter() - started)
        if dump is not None:
            dump.append(
                {
                    "question": question,
                    "gold": list(references),
                    "short": answer.short_answer.text if answer.short_answer else None,
                    "quote": answer.citations[0].quote if answer.citations else None,
                    "status": answer.status,
                    "confidence": answer.confidence,
                }
            )
        if not references:
            refused_impossible += answer.status == "not_found"
            continue
        refused_answerable += answer.status == "not_found"
        if answer.short_answer is not None:
            predicted = answer.short_answer.text
        elif answer.citations:
            predicted = answer.citations[0].quote  # the hand-tuned answer is a sentence
        else:
            predicted = ""
        exact, overlap = scores(predicted, references)
        em.append(exact)
        f1s.append(overlap)
        quote = answer.citations[0].quote.casefold() if answer.citations else ""
        evidence.append(float(any(r.casefold() in quote for r in references)))
    times.sort()
    impossible = len(asked) - len(answerable)
    return {
        "short_answer_exact_match": round(100 * statistics.fmean(em), 1),
        "short_answer_f1": round(100 * statistics.fmean(f1s), 1),
        "first_quote_holds_answer": round(100 * statistics.fmean(evidence), 1),
        "refused_answerable_pct": round(100 * refused_answerable / max(1, len(answerable)), 1),
        "refused_unanswerable_pct": round(100 * refused_impossible / max(1, impossible), 1),
        "ask_ms_p50": round(1000 * times[len(times) // 2], 1),
        "ask_ms_p95": round(1000 * times[int(len(times) * 0.95)], 1),
        "reader_share_of_ask_pct": round(100 * clock.seconds / sum(times), 1),
    }


def elsewhere(data: Path, limit: int) -> list[str]:
    """The first `limit` questions of SQuADShifts' Wikipedia dev split: other articles."""
    _, dev = load(data, ["squadshifts-wiki"])["squadshifts-wiki"]
    return [str(qa["question"]) for p in dev for qa in p.questions][:limit]


def run_elsewhere(desk: Newsdesk, asked: list[str]) -> dict[str, Any]:
    """How the answerer treats questions the index cannot answer."""
    answers = [desk.ask(question) for question in asked]
    given = [a for a in answers if a.status != "not_found"]
    total = max(1, len(asked))
    return {
        "questions": len(asked),
        "refused_pct": round(100 * (len(asked) - len(given)) / total, 1),
        "answered": len(given),
        "in_bold": sum(a.answer.startswith("**") for a in given),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--squad", type=Path, default=REPO.parent / "shared" / "datasets" / "squad")
    parser.add_argument("--limit", type=int, default=None, help="ask only the first N questions")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--dump", type=Path, default=None, help="each reader answer (JSON lines)")
    parser.add_argument("--reader-only", action="store_true", help="skip the hand-tuned run")
    parser.add_argument("--elsewhere", type=int, default=0, help="questions of other articles")
    args = parser.parse_args()
    dump: list[dict[str, Any]] | None = [] if args.dump else None
    embedder = make_embedder("minilm")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "squad.jsonl"
        paragraphs = feed(args.squad, source)
        settings = Settings(index_dir=Path(work) / "index")
        desk = Newsdesk.open(settings, embedder=embedder)
        started = time.perf_counter()
        desk.ingest([source], progress=True)
        ingest_seconds = time.perf_counter() - started
        asked = questions(args.squad, args.limit)
        result: dict[str, Any] = {
            "paragraphs_indexed": paragraphs,
            "passages": desk.stats()["chunks"],
            "ingest_seconds": round(ingest_seconds, 1),
            "questions": len(asked),
            "unanswerable_questions": sum(1 for _, r in asked if not r),
            "reader": run(desk, asked, dump),
        }
        if args.elsewhere:
            datasets = args.squad.parent
            result["elsewhere"] = run_elsewhere(desk, elsewhere(datasets, args.elsewhere))
        desk.close()
        if not args.reader_only:
            hand = Newsdesk.open(settings.model_copy(update={"reader": "none"}), embedder=embedder)
            result["hand_tuned"] = run(hand, asked)
            hand.close()
    if args.dump is not None and dump is not None:
        args.dump.write_text("".join(json.dumps(row) + "\n" for row in dump), encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "squad_open.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
