"""The reader's training data: windows, spans and negatives built from SQuAD-format files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.reader import best_span
from training.reader_data import DEV_ARTICLES_PER_FILE, examples, length_batches, split
from training.sources import Paragraph

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


def test_a_question_about_the_opposite_of_what_the_window_says_is_a_negative() -> None:
    from training.reader_data import opposite_question

    said = "On Friday, the Japanese government decided to ban exports of luxury items to Russia."
    assert opposite_question("When did Japan ban luxury exports?", said) == (
        "When did Japan lift luxury exports?"
    )
    assert opposite_question("Who banned luxury exports?", said.replace("ban", "banned")) == (
        "Who lifted luxury exports?"
    )
    # The window says both, the question asks both, or the word is no predicate: no negative.
    assert opposite_question("When did Japan ban exports?", said + " It lifted it later.") is None
    assert opposite_question("Did prices rise or fall?", "Prices rose in May.") is None
    assert opposite_question("What marked the end of the war?", "The war ended in 1945.") is None
    assert opposite_question("How were the lost episodes found?", "Episodes were lost.") is None
    assert opposite_question("Who hosted the opening ceremony?", "It opened in May.") is None


def _timeqa(folder: Path, unanswerable: tuple[str, ...] = ()) -> None:
    paras = [
        "The house was built in 1800 . George Peter owned it from 1811 to 1827 .",
        "Later owners followed . Newton Baker owned it from 1916 to 1920 .",
    ]
    george = {"para": 0, "from": 30, "end": 42, "answer": "George Peter"}
    newton = {"para": 1, "from": 24, "end": 36, "answer": "Newton Baker"}
    nothing = {"para": 0, "from": 0, "end": 0, "answer": ""}  # TimeQA's unanswerable
    questions = [
        ["Who owned the house from 1811 to 1827?", [george]],
        ["Who owned the house from 1916 to 1920?", [newton]],
    ] + [[question, [nothing]] for question in unanswerable]
    (folder / "timeqa").mkdir(parents=True)
    for name in ("human_annotated_train.json", "human_annotated_test.json"):
        document = {"index": "x", "type": "P1", "link": f"/wiki/{name}", "paras": paras}
        document["questions"] = questions
        (folder / "timeqa" / name).write_text(json.dumps([document]))


def test_a_window_that_answers_another_period_is_a_negative(tmp_path: Path) -> None:
    from training.sources import timeqa

    _timeqa(tmp_path)
    train, dev = timeqa(tmp_path)
    assert {p.article for p in train} != {p.article for p in dev}  # the two files
    made = list(examples(train, seed=1))
    positives = {e.question: e for e in made if e.kind == "positive"}
    assert positives["Who owned the house from 1811 to 1827?"].window.count("George Peter") == 1
    periods = [e for e in made if e.kind == "other-period"]
    assert {e.question for e in periods} == set(positives)
    for example in periods:
        own = example.question.split("from ")[1]
        assert own.rstrip("?") not in example.window and example.start is None


def test_an_unanswerable_timeqa_question_is_asked_of_another_periods_window(
    tmp_path: Path,
) -> None:
    from training.sources import timeqa

    asked = ("Who owned the house from Jun 1950 to 1960?", "Who painted the house in 1990?")
    _timeqa(tmp_path, asked)
    _, dev = timeqa(tmp_path)
    questions = {str(qa["question"]): (p, qa) for p in dev for qa in p.questions}
    # The same question for another period (the month does not make it another question)...
    paragraph, qa = questions[asked[0]]
    assert qa["is_impossible"] and not qa["answers"] and "owned it from 1811" in paragraph.context
    # ... else the paragraph that answers most; and never an empty answer to learn.
    assert questions[asked[1]][1]["is_impossible"]
    made = list(examples(dev, seed=1))
    assert {e.question for e in made if e.kind == "impossible"} == set(asked)
    assert all(e.window[e.start : e.end] for e in made if e.kind == "positive")


def test_every_source_is_split_by_article_or_paragraph(tmp_path: Path) -> None:
    from training.sources import load

    def squad_file(articles: int, paragraphs: int) -> dict:
        return {
            "data": [
                {
                    "title": f"article {a}",
                    "paragraphs": [
                        {
                            "context": f"{CONTEXT} ({a}.{n})",
                            "qas": [
                                {
                                    "question": "Who?",
                                    "answers": [
                                        {
                                            "text": "Kizo Hisamoto",
                                            "answer_start": CONTEXT.index("Kizo"),
                                        }
                                    ],
                                }
                            ],
                        }
                        for n in range(paragraphs)
                    ],
                }
                for a in range(articles)
            ]
        }

    (tmp_path / "squadshifts").mkdir()
    for name, shape in (
        ("new_wiki_v1.0.json", (16, 2)),
        ("amazon_reviews_v1.0.json", (8, 1)),
        ("reddit_v1.0.json", (1, 16)),
    ):
        (tmp_path / "squadshifts" / name).write_text(json.dumps(squad_file(*shape)))
    found = load(tmp_path, ["squadshifts-wiki", "squadshifts-amazon", "squadshifts-reddit"])
    wiki_train, wiki_dev = found["squadshifts-wiki"]
    assert {p.article for p in wiki_dev} == {"article 7", "article 15"}
    assert {p.article for p in wiki_train}.isdisjoint({p.article for p in wiki_dev})
    assert len(found["squadshifts-amazon"][1]) == 1
    reddit_train, reddit_dev = found["squadshifts-reddit"]
    assert (len(reddit_train), len(reddit_dev)) == (14, 2)
    assert {p.context for p in reddit_train}.isdisjoint({p.context for p in reddit_dev})
    with pytest.raises(ValueError, match="unknown source 'nyt'"):
        load(tmp_path, ["nyt"])


@pytest.mark.parametrize(
    ("question", "window", "answer", "expected"),
    [
        (
            "When was the treaty signed?",
            "The treaty was signed on March 3, 1921 in Riga.",
            "March 3, 1921",
            {"The treaty was signed Friday in Riga.", "The treaty was signed on Friday in Riga."},
        ),
        (
            "When did the port reopen?",
            "In March 2019 the port reopened.",
            "March 2019",
            {"Friday the port reopened."},
        ),
        (
            "when did the strike end?",
            "The strike ended 4 May after talks.",
            "4 May",
            {"The strike ended Friday after talks."},
        ),
    ],
)
def test_a_when_answer_that_is_a_date_is_also_taught_as_news_writes_it_a_weekday(
    question: str, window: str, answer: str, expected: set[str]
) -> None:
    from training.reader_data import weekday_example

    start = window.index(answer)
    made = weekday_example(question, window, (start, start + len(answer)))
    assert made is not None and made.kind == "weekday"
    day = made.window[made.start : made.end]
    assert made.answers == (day,)
    assert day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert made.window.replace(day, "Friday") in expected
    assert made == weekday_example(question, window, (start, start + len(answer)))


def test_weekday_copies_only_when_asked_for_so_the_shipped_readers_data_stays_the_same() -> None:
    context = "The mayor opened a new terminal on March 3, 2019. Osaka lies to the east."
    paragraph = Paragraph(
        "kobe",
        context,
        (
            {
                "question": "When was the new terminal opened?",
                "answers": [{"text": "March 3, 2019", "answer_start": context.index("March")}],
            },
        ),
    )
    plain = list(examples([paragraph], seed=1))
    taught = list(examples([paragraph], seed=1, weekdays=True))
    assert "weekday" not in {e.kind for e in plain}
    assert [e for e in taught if e.kind != "weekday"] == plain
    (weekday,) = [e for e in taught if e.kind == "weekday"]
    assert weekday.window[weekday.start : weekday.end] == weekday.answers[0]


@pytest.mark.parametrize(
    ("question", "window", "answer"),
    [
        ("Who signed the treaty?", "Lenin signed the treaty on March 3, 1921.", "Lenin"),
        ("When was the film made?", "Catch Me is a 2002 American film.", "2002"),  # no time
        ("When was it built?", "It was built during the war.", "during the war"),
    ],
)
def test_no_weekday_copy_when_the_answer_is_no_date_or_the_question_no_when(
    question: str, window: str, answer: str
) -> None:
    from training.reader_data import weekday_example

    start = window.index(answer)
    assert weekday_example(question, window, (start, start + len(answer))) is None


def test_batches_of_like_length_hold_every_example_once_and_pad_less() -> None:
    import random

    rng = random.Random(5)
    lengths = [rng.randrange(5, 128) for _ in range(1000)]
    plan = length_batches(lengths, batch=16, seed=3, chunk=8)
    assert sorted(i for rows in plan for i in rows) == list(range(1000))
    assert all(len(rows) <= 16 for rows in plan) and len(plan) == 63  # ceil(1000 / 16)

    def padded(batches: list[list[int]]) -> int:  # what a batch costs: its longest, times rows
        return sum(max(lengths[i] for i in rows) * len(rows) for rows in batches)

    in_order = [list(range(i, min(i + 16, 1000))) for i in range(0, 1000, 16)]
    assert padded(plan) < 0.7 * padded(in_order)
    # Each chunk of 8 batches keeps its own examples (the run's order is kept at that scale),
    # and the order of batches is the seed's.
    assert all(max(rows) // 128 == min(rows) // 128 for rows in plan)
    assert length_batches(lengths, 16, 3, 8) == plan != length_batches(lengths, 16, 4, 8)
