"""SQuAD-style questions → short reading windows for the reader, with the negatives news needs.

A window is a sentence with its neighbours (what the answerer shows the reader). For each
answerable question: the window around the answer (positive, with its span), a window of the same
paragraph that does not hold the answer (negative), now and then the question with one of its
names swapped for a name from another article (negative: the window is about someone else), the
question with its predicate turned into its opposite when the window says the original (negative:
"lifted" is not answered by "banned"), and, for TimeQA, the window that answers the same question
for another period (negative). SQuAD v2 questions marked impossible give negatives too.
News dates an event by its weekday ("the government Friday decided to ban …"), which the
training sources almost never do (18 of ~2,100 "when" answers): with `weekdays`, a "when"
question whose answer is a date also gives a copy of its window with that date written as a
weekday, the weekday its answer (positive; off by default: a reader trained with them was
measured and not shipped, BENCHMARKS.md). Sources are split by article
(`training/sources.py`), never by question. Deterministic for a seed.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.answering.question.predicates import WORDS, predicates
from assistant.sentences import sentence_index, split_sentences, window_around
from training.sources import SQUAD_DEV_ARTICLES, Paragraph, squad_split

DEV_ARTICLES_PER_FILE = SQUAD_DEV_ARTICLES
split = squad_split  # (training paragraphs, development paragraphs) of a SQuAD folder
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
_SWAP_EVERY = 4
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# A date or a year and nothing else: "March 3, 1921", "3 March 1921", "March 1921", "1921".
_DATE_ONLY = re.compile(
    rf"(?:(?:on|in)\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|(?:{_MONTH}\s+)?\d{{4}})"
)
_DAY = re.compile(rf"{_MONTH}\s+\d|\d\s+{_MONTH}")
_WHEN = re.compile(r"^\s*when\b|\bon what (?:day|date)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Example:
    """One training or development example: the answer is window[start:end], or none."""

    question: str
    window: str
    start: int | None
    end: int | None
    answers: tuple[str, ...] = ()  # every reference answer (for EM/F1)
    # positive | other-sentence | swapped-name | impossible | opposite-predicate | other-period
    kind: str = "positive"
    source: str = "squad"


def opposite_question(question: str, window: str) -> str | None:
    """The question with its predicate turned into the opposite ("ban" → "lift"), when the
    window says the original and nothing of the opposite; else None."""
    said = {word.casefold() for word in WORDS.findall(window)}
    for predicate in predicates(question):
        if said.isdisjoint(predicate.forms) or not said.isdisjoint(predicate.opposite_forms):
            continue
        opposite = predicate.opposite
        if predicate.word[:1].isupper():
            opposite = opposite[:1].upper() + opposite[1:]
        return question[: predicate.start] + opposite + question[predicate.end :]
    return None


def examples(
    paragraphs: Sequence[Paragraph], seed: int = 13, weekdays: bool = False
) -> Iterator[Example]:
    """Every example of these paragraphs, in a fixed order for a seed (with `weekdays`, the
    weekday copies too)."""
    rng = random.Random(seed)
    names = sorted({n for p in paragraphs for q in p.questions for n in _names(str(q["question"]))})
    for paragraph in paragraphs:
        context, source = paragraph.context, paragraph.source
        spans = split_sentences(context)
        if not spans:
            continue
        for qa in paragraph.questions:
            question = str(qa["question"]).strip()
            answers = qa.get("answers") or []
            if qa.get("is_impossible") or not answers:
                plausible = qa.get("plausible_answers") or []
                offset = (
                    int(plausible[0]["answer_start"]) if plausible else rng.randrange(len(context))
                )
                low, high = window_around(spans, sentence_index(spans, offset))
                yield Example(question, context[low:high], None, None, (), "impossible", source)
                continue
            first = answers[0]
            start = int(first["answer_start"])
            text = str(first["text"])
            centre = sentence_index(spans, start)
            low, high = window_around(spans, centre)
            low, high = min(low, start), max(high, start + len(text))
            references = tuple(dict.fromkeys(str(a["text"]) for a in answers))
            window = context[low:high]
            span = (start - low, start - low + len(text))
            yield Example(question, window, *span, references, "positive", source)
            weekday = weekday_example(question, window, span) if weekdays else None
            if weekday is not None:
                yield replace(weekday, source=source)
            others = [n for n in range(len(spans)) if abs(n - centre) >= 2]
            if others:
                o_low, o_high = window_around(spans, rng.choice(others))
                if not (o_low <= start < o_high):
                    other = context[o_low:o_high]
                    yield Example(question, other, None, None, (), "other-sentence", source)
            if rng.randrange(_SWAP_EVERY) == 0:
                swapped = _swap_a_name(question, window, names, rng)
                if swapped:
                    yield Example(swapped, window, None, None, (), "swapped-name", source)
            opposite = opposite_question(question, window)
            if opposite:
                yield Example(opposite, window, None, None, (), "opposite-predicate", source)
            for period_context, period_start in paragraph.other_periods.get(question, ())[:1]:
                p_spans = split_sentences(period_context)
                if p_spans:
                    p_low, p_high = window_around(p_spans, sentence_index(p_spans, period_start))
                    period = period_context[p_low:p_high]
                    yield Example(question, period, None, None, (), "other-period", source)


def weekday_example(question: str, window: str, span: tuple[int, int]) -> Example | None:
    """For a "when" question whose answer window[span] is only a date or a year: the window
    with that date written as news writes it, a weekday ("signed on March 3, 1921" → "signed
    Friday" or "signed on Friday"), and the weekday as its answer; else None. The weekday and
    the form follow from a hash of the question (no random state is used up)."""
    start, end = span
    if not _WHEN.search(question) or not _DATE_ONLY.fullmatch(window[start:end]):
        return None
    digest = hashlib.sha256(question.encode()).digest()
    day = _WEEKDAYS[digest[0] % len(_WEEKDAYS)]
    inside = re.match(r"(on|in)\s+", window[start:end], re.IGNORECASE)  # "on March 3"
    before = window[:start] + (inside.group() if inside else "")
    said = re.search(r"\b(on|in)\s+$", before, re.IGNORECASE)
    if said is None and not _DAY.search(window[start:end]):
        return None  # "a 2002 American film": a bare year is no time of day to rewrite
    if said is not None and not (said.group(1) == "on" and digest[1] % 2 == 0):
        before = before[: said.start()]  # bare "Friday"; else "on Friday"
    text = before + day + window[end:]
    new_start = len(before)
    return Example(question, text, new_start, new_start + len(day), (day,), "weekday")


def _swap_a_name(
    question: str, window: str, names: Sequence[str], rng: random.Random
) -> str | None:
    """The question about another name than the window's, or None when it names none of it."""
    mine = [n for n in _names(question) if n in window]
    if not mine or not names:
        return None
    for _ in range(10):
        other = rng.choice(names)
        if other not in window and other not in question:
            return question.replace(mine[0], other, 1)
    return None


def _names(question: str) -> list[str]:
    """Capitalised names in a question, leaving out its first word ("Which", "Her" …)."""
    return [m.group() for m in _NAME.finditer(question) if m.start() > 0]


def by_length(lengths: Sequence[int], indices: Iterable[int]) -> list[int]:
    """`indices` ordered by their length in `lengths` (stable)."""
    return sorted(indices, key=lambda i: lengths[i])


def length_batches(
    lengths: Sequence[int], batch: int, seed: int, chunk: int = 64
) -> list[list[int]]:
    """One pass over examples of these lengths (word pieces, `encoding.piece_counts`) as
    batches of like length, so that a batch pads to less: the examples of every `chunk` batches
    (in the run's order) sorted by length and cut into batches, the batches of a chunk shuffled
    by the seed (`train_reader` gives each epoch its own). Each index is in one batch."""
    rng = random.Random(seed)
    plan: list[list[int]] = []
    for first in range(0, len(lengths), batch * chunk):
        order = by_length(lengths, range(first, min(first + batch * chunk, len(lengths))))
        group = [order[j : j + batch] for j in range(0, len(order), batch)]
        rng.shuffle(group)
        plan.extend(group)
    return plan
