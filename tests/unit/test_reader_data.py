"""The reader's training data: windows, spans and negatives built from SQuAD-format files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.reader import best_span
from training.reader_data import DEV_ARTICLES_PER_FILE, examples, split

CONTEXT = (
    "Kobe is a port city in Japan. Its port handled record traffic in 2019. "
    "The mayor, Kizo Hisamoto, opened a new terminal in March. "
    "Osaka lies to the east of Kobe. Tourists visit the harbour every summer."
)


def _squad(folder: Path) -> Path:
    def article(title: str, impossible: bool) -> dict:
        qas = [
            {
                "question": "Who opened a new terminal in Kobe?",
                "answers": [{"text": "Kizo Hisamoto", "answer_start": CONTEXT.index("Kizo")}],
            }
        ]
        if impossible:
            qas.append(
                {
                    "question": "Who closed the airport?",
                    "answers": [],
                    "is_impossible": True,
                    "plausible_answers": [
                        {"text": "Osaka", "answer_start": CONTEXT.index("Osaka")}
                    ],
                }
            )
        return {"title": title, "paragraphs": [{"context": CONTEXT, "qas": qas}]}

    for name, dev in DEV_ARTICLES_PER_FILE.items():
        data = [article(f"{name}-{n}", "v2" in name) for n in range(dev + 2)]
        (folder / name).write_text(json.dumps({"data": data}))
    return folder


def test_split_is_by_article(tmp_path: Path) -> None:
    train, dev = split(_squad(tmp_path))
    assert {p.article for p in train}.isdisjoint({p.article for p in dev})
    assert len(dev) == sum(DEV_ARTICLES_PER_FILE.values()) and len(train) == 4


def test_positives_quote_their_answer_and_negatives_do_not_hold_it(tmp_path: Path) -> None:
    train, _ = split(_squad(tmp_path))
    made = list(examples(train, seed=1))
    assert made == list(examples(train, seed=1))  # deterministic
    kinds = {e.kind for e in made}
    assert {"positive", "other-sentence", "impossible"} <= kinds
    for example in made:
        if example.kind == "positive":
            assert example.window[example.start : example.end] == "Kizo Hisamoto"
            assert example.window.count(".") <= 3  # the sentence and its neighbours, no more
        elif example.kind == "other-sentence":
            assert "Kizo Hisamoto" not in example.window and example.start is None
        elif example.kind == "swapped-name":
            assert "Kobe" not in example.question or "Kizo" not in example.question


@pytest.mark.parametrize(
    ("start", "end", "allowed", "expected"),
    [
        ([0, 5, 1, 0], [0, 0, 4, 1], [1, 2, 3], (1, 2)),
        ([0, 1, 5, 0], [0, 9, 0, 0], [1, 2, 3], (1, 1)),  # an end before the start is no span
        ([9, 1, 1], [9, 1, 1], [], None),
    ],
)
def test_best_span_keeps_order_and_stays_in_the_window(start, end, allowed, expected) -> None:
    assert best_span(start, end, allowed) == expected
