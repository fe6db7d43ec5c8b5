"""SQuAD-style questions → short reading windows for the reader, with the negatives news needs.

A window is a sentence with its neighbours (what the answerer shows the reader). For each
answerable question: the window around the answer (positive, with its span), a window of the same
paragraph that does not hold the answer (negative), now and then the question with one of its
names swapped for a name from another article (negative: the window is about someone else), the
question with its predicate turned into its opposite when the window says the original (negative:
"lifted" is not answered by "banned"), and, for TimeQA, the window that answers the same question
for another period (negative). SQuAD v2 questions marked impossible give negatives too. Sources
are split by article (`training/sources.py`), never by question. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.sentences import sentence_index, split_sentences, window_around
from training.sources import SQUAD_DEV_ARTICLES, Paragraph, squad_split

DEV_ARTICLES_PER_FILE = SQUAD_DEV_ARTICLES
split = squad_split  # (training paragraphs, development paragraphs) of a SQuAD folder
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
_SWAP_EVERY = 4
# A predicate and its opposite in the same forms (base, -s, past, participle, -ing): a window
# that says one does not answer a question about the other ("When did Japan lift its ban?").
_LIFT = ("lift", "lifts", "lifted", "lifted", "lifting")
_END = ("end", "ends", "ended", "ended", "ending")
_LOSE = ("lose", "loses", "lost", "lost", "losing")
_REJECT = ("reject", "rejects", "rejected", "rejected", "rejecting")
_OPPOSITES = (
    (("ban", "bans", "banned", "banned", "banning"), _LIFT),
    (("impose", "imposes", "imposed", "imposed", "imposing"), _LIFT),
    (("rise", "rises", "rose", "risen", "rising"), ("fall", "falls", "fell", "fallen", "falling")),
    (
        ("increase", "increases", "increased", "increased", "increasing"),
        ("decrease", "decreases", "decreased", "decreased", "decreasing"),
    ),
    (
        ("join", "joins", "joined", "joined", "joining"),
        ("leave", "leaves", "left", "left", "leaving"),
    ),
    (("win", "wins", "won", "won", "winning"), _LOSE),
    (("gain", "gains", "gained", "gained", "gaining"), _LOSE),
    (
        ("open", "opens", "opened", "opened", "opening"),
        ("close", "closes", "closed", "closed", "closing"),
    ),
    (("start", "starts", "started", "started", "starting"), _END),
    (("begin", "begins", "began", "begun", "beginning"), _END),
    (("accept", "accepts", "accepted", "accepted", "accepting"), _REJECT),
    (("approve", "approves", "approved", "approved", "approving"), _REJECT),
    (("buy", "buys", "bought", "bought", "buying"), ("sell", "sells", "sold", "sold", "selling")),
    (("hire", "hires", "hired", "hired", "hiring"), ("fire", "fires", "fired", "fired", "firing")),
    (
        ("raise", "raises", "raised", "raised", "raising"),
        ("lower", "lowers", "lowered", "lowered", "lowering"),
    ),
    (
        ("support", "supports", "supported", "supported", "supporting"),
        ("oppose", "opposes", "opposed", "opposed", "opposing"),
    ),
)  # fmt: skip
_AUXILIARY = re.compile(r"\b(?:did|does|do|to|will|would|can|could|should|may|might)\b", re.I)
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|of|these|those|this|that|have|has|had|no|any|some|more)"
    r"\s+$",
    re.I,
)
_PARTICLE = re.compile(r"^\s+(?:down|up|off|out|over|with)\b", re.I)
_WORDS = re.compile(r"[A-Za-z]+")


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


def _opposite_forms() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Each form → (its opposite in the same form, its own forms, the opposite's forms)."""
    found: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for one, other in _OPPOSITES:
        for a, b in ((one, other), (other, one)):
            for form, opposite in zip(a, b, strict=True):
                found.setdefault(form, (opposite, a, b))
    return found


_OPPOSITE = _opposite_forms()
_VERB = re.compile(r"\b(" + "|".join(sorted(_OPPOSITE, key=len, reverse=True)) + r")\b", re.I)


def opposite_question(question: str, window: str) -> str | None:
    """The question with its predicate turned into the opposite ("ban" → "lift"), when the
    window says the original and nothing of the opposite; else None."""
    said = {word.casefold() for word in _WORDS.findall(window)}
    for match in _VERB.finditer(question):
        word = match.group(1)
        opposite, own, other = _OPPOSITE[word.casefold()]
        before = question[: match.start()]
        if word.casefold() == own[0] and not _AUXILIARY.search(before):
            continue  # a base form is a verb only after "did", "to" …: "the end of" is not
        if word.casefold().endswith("ing") or (word[:1].isupper() and match.start() > 0):
            continue  # "the opening credits", "Rise of the Eleventh": no predicate
        if _DETERMINER.search(before) or _PARTICLE.match(question[match.end() :]):
            continue  # "the lost episodes", "have support": no predicate; "closed down": another
        if not {w.casefold() for w in _WORDS.findall(question)}.isdisjoint(other):
            continue  # "rise or fall?" asks about both
        if said.isdisjoint(own) or not said.isdisjoint(other):
            continue
        if word[:1].isupper():
            opposite = opposite[:1].upper() + opposite[1:]
        return question[: match.start()] + opposite + question[match.end() :]
    return None


def examples(paragraphs: Sequence[Paragraph], seed: int = 13) -> Iterator[Example]:
    """Every example of these paragraphs, in a fixed order for a seed."""
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
