"""False premises on text nobody here wrote: the dev sets of every reader training source.

    .venv/bin/python -m bench.premises

For each answerable dev question (SQuAD, SQuADShifts' three parts, TimeQA, QED) and the sentence
that holds its gold answer:
- false alarms: the question as written is flagged as contradicted by its own answer sentence
  (it should never be);
- caught: the question turned into its opposite predicate ("When did Japan ban …?" → "… lift
  …?") where the sentence says the original, flagged as contradicted by that sentence.
No model is involved: this measures `answering/question/predicates.py` itself. Writes
bench/results/premises.json.

    .venv/bin/python -m bench.premises --answerer 200

The same, through the whole default extractive answerer (reader, NER, confidence) from the gold
paragraph, for the first 200 answerable questions of each source: false alarms (a true question
answered with a correction), opposite questions corrected, and opposite questions given a short
answer in bold (a confident answer to what the text contradicts). Copy this file into another
checkout to compare two commits in one run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.answering.question.predicates import contradiction
from assistant.sentences import sentence_index, split_sentences
from training.reader_data import opposite_question
from training.sources import SOURCES, load

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--answerer", type=int, default=0, help="questions per source")
    args = parser.parse_args()
    if args.answerer:
        through_answerer(args.data, args.answerer)
        return
    result: dict[str, dict[str, float | int]] = {}
    examples_of_alarms: list[str] = []
    for source, (_, dev) in load(args.data, list(SOURCES)).items():
        questions = alarms = opposites = caught = 0
        for paragraph in dev:
            spans = split_sentences(paragraph.context)
            for qa in paragraph.questions:
                answers = qa.get("answers") or []
                if not answers or not spans:
                    continue
                span = spans[sentence_index(spans, int(answers[0]["answer_start"]))]
                sentence = paragraph.context[span.start : span.end]
                question = str(qa["question"])
                questions += 1
                if contradiction(question, sentence):
                    alarms += 1
                    examples_of_alarms.append(f"{question} || {sentence[:120]}")
                opposite = opposite_question(question, sentence)
                if opposite:
                    opposites += 1
                    caught += contradiction(opposite, sentence) is not None
        result[source] = {
            "questions": questions,
            "false_alarms": alarms,
            "false_alarm_rate": round(100 * alarms / max(1, questions), 2),
            "opposite_questions": opposites,
            "caught": caught,
            "caught_rate": round(100 * caught / max(1, opposites), 1),
        }
        print(source, json.dumps(result[source]), flush=True)
    for line in examples_of_alarms[:10]:
        print("  false alarm:", line)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "premises.json").write_text(json.dumps(result, indent=2) + "\n")


def through_answerer(data: Path, per_source: int) -> None:
    from datetime import date

    from assistant import Settings
    from assistant.answering.factory import make_generator
    from assistant.embedding import make_embedder
    from assistant.retrieval import Hit

    generator = make_generator("extractive", Settings(), make_embedder("minilm"))
    totals: dict[str, int] = {}
    for source, (_, dev) in load(data, list(SOURCES)).items():
        counts = dict.fromkeys(("questions", "false_alarms", "opposites", "caught", "bold"), 0)
        for paragraph in dev:
            spans = split_sentences(paragraph.context)
            context = paragraph.context
            hit = Hit(0, "gold", "Gold", date(2024, 1, 1), "gold", context, 0, len(context), 1.0)
            for qa in paragraph.questions:
                answers = qa.get("answers") or []
                if not answers or not spans or counts["questions"] >= per_source:
                    continue
                span = spans[sentence_index(spans, int(answers[0]["answer_start"]))]
                question = str(qa["question"])
                counts["questions"] += 1
                counts["false_alarms"] += generator.answer(question, [hit]).premise is not None
                opposite = opposite_question(question, context[span.start : span.end])
                if opposite:
                    answer = generator.answer(opposite, [hit])
                    counts["opposites"] += 1
                    counts["caught"] += answer.premise == "unsupported"
                    counts["bold"] += answer.answer.startswith("**")
        print(source, json.dumps(counts), flush=True)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    print("all", json.dumps(totals), flush=True)


if __name__ == "__main__":
    main()
