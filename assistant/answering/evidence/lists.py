"""Lists in short answers: "Which banks …?" gets every bank the sentence lists with the one
the reader found, "What goods …?" the list its span starts."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.reading import Read
from assistant.answering.question.answer_type import listed_noun
from assistant.answering.question.parse import stems
from assistant.entities import Entity

LIST_JOINER = re.compile(r"\s*(?:,|;)?\s*(?:and|or)?\s*")
_SEVERAL = re.compile(r",|;|&|\band\b", re.IGNORECASE)
ROLE_WORDS = 6  # words before a person's name that may hold their role ("Deputy Minister …")


def whole_list(
    candidate: Candidate, span: tuple[int, int], found: Sequence[Entity]
) -> tuple[int, int]:
    """For "which banks …?": the span grown over the entities listed with it ("VTB Bank,
    Sovcombank, Novikombank and Otkritie")."""
    text, offset = candidate.hit.text, candidate.hit.start
    start, end = span
    ordered = sorted(found, key=lambda e: e.start)
    for entity in ordered:  # forwards
        if entity.start >= end and LIST_JOINER.fullmatch(
            text[end - offset : entity.start - offset]
        ):
            end = entity.end
    for entity in reversed(ordered):  # and backwards
        if entity.end <= start and LIST_JOINER.fullmatch(
            text[entity.end - offset : start - offset]
        ):
            start = entity.start
    return start, end


_SETS_OFF = re.compile(r"\s*(?:\(|:|,|—|–|-)\s*")


def names_after(
    candidate: Candidate, span: tuple[int, int], found: Sequence[Entity]
) -> tuple[int, int] | None:
    """For "which banks …?" read as "four Russian key banks": the names the phrase sets off
    right after it ("(VTB Bank, Sovcombank, Novikombank and Otkritie)"), as one list; None when
    no name of the kind asked follows it."""
    text, offset = candidate.hit.text, candidate.hit.start
    end = span[1]
    for entity in sorted(found, key=lambda e: e.start):
        if entity.start >= end:
            if _SETS_OFF.fullmatch(text[end - offset : entity.start - offset]) is None:
                return None
            return whole_list(candidate, (entity.start, entity.end), found)
    return None


_ITEM = r"[^,;:.()\n]{1,40}?"
_LIST_TAIL = re.compile(
    rf"(?:\s*,\s*{_ITEM})*\s*,?\s+(?:and|or)\s+{_ITEM}"
    r"(?=\s*[,;:.()]|\s+(?:across|in|on|at|to|from|for|with|by|that|which|who|as)\b|\s*$)"
)


_JOINED = re.compile(r",|\b(?:and|or)\b")
_SPLIT = re.compile(r"[,;]|\b(?:and|or|as well as)\b")
_ITEM_WORDS = 6
_INTRODUCES = re.compile(r"\b(?:such as|including|like)\b|:")  # the items come after these
# The span is an item of the list: a joiner before it, or after it ("deliveries of grain, fuel
# and consumer" is no list around "grain": "of" joins no items).
_JOINS_ON = re.compile(r"(?:[,;]|\band|\bor|\bas well as)\s*$")
_JOINS_NEXT = re.compile(r"\s*(?:[,;]|and\b|or\b|as well as\b)")
LIST_GAP = 4.0  # how far below the best span's logits the reader's own list may be


def _items(added: str, asked: set[str]) -> bool:
    """Whether words added to a span are more items of its list: joined by commas or
    "and/or", each short, none saying the question's own words ("paper money, and maintaining
    the traditional monopolies on" for "… have a monopoly on?" is a clause, not an item)."""
    pieces = [p for p in _SPLIT.split(added) if p.strip()]
    return (
        _JOINED.search(added) is not None
        and all(len(p.split()) <= _ITEM_WORDS for p in pieces)
        and not set(stems(added)) & asked
        and _INTRODUCES.search(added) is None
    )


def listed_on(read: Read, asked: Collection[str] = ()) -> Read:
    """The span grown over its list: the reader's own next span when it is the list holding
    this one ("cotton" → "carrots, turnips, …, and cotton"), else the list the span starts
    ("grain" → "grain, fuel and consumer goods")."""
    if read.span is None:
        return read
    hit, start, end = read.candidate.hit, *read.span
    asked = set(asked)
    for candidate, (low, high), gap in read.options:
        before = hit.at(low, start)
        after = hit.at(end, high)
        added = f"{before} {after}"
        if (
            (not before.strip() or _JOINS_ON.search(before) is not None)
            and (not after.strip() or _JOINS_NEXT.match(after) is not None)
            and gap <= LIST_GAP
            and candidate.start == read.candidate.start
            and low <= start
            and end <= high
            and (low, high) != (start, end)
            and len(added.split()) <= 3 * ROLE_WORDS
            and _items(added, asked)
        ):
            return replace(read, span=(low, high))
    sentence_end = read.candidate.end - hit.start
    tail = _LIST_TAIL.match(hit.text, end - hit.start, sentence_end)
    if tail is None or len(tail.group(0).split()) > 3 * ROLE_WORDS:
        return read
    return replace(read, span=(start, hit.start + tail.end()))


def past_apposition(read: Read, noun: str) -> Read:
    """For "Which two automakers …?": the names a description of the kind asked for sets off
    ("Honda and Nissan" of "Japan's biggest automakers, Honda and Nissan"), not the
    description."""
    if read.span is None:
        return read
    start, end = read.span
    text = read.candidate.hit.at(start, end)
    head, comma, rest = text.partition(",")
    words, names = head.split(), rest.strip()
    if not comma or not words or stems(words[-1]) != stems(noun) or not names[:1].isupper():
        return read
    return replace(read, span=(end - len(rest.lstrip()), end))


def one_of_several(question: str, answer: str) -> bool:
    """Whether `answer` names one where the question asks for several: "Who are the Polaris Dawn
    crew?" → "Isaacman" (real news, September 2024: one of four) is not the crew; "Which states
    are in the path of totality?" → "the United States" (real news, the 2024 eclipse) names no
    states, "What styles were used to build the embassies …?" → "grand European" (SQuAD) is not
    the three styles."""
    return listed_noun(question) is not None and _SEVERAL.search(answer) is None


# Another name joined to the span after an aside about it: "brokered by Turkey, which supports
# the opposition, and Russia, which backs Assad" (real news, Syria: **Turkey** for "Who brokered
# the 2020 cease-fire in Syria?").
_AND_ANOTHER = re.compile(r",\s+(?:which|who)\b[^,;.:()]{1,80},\s+and\s+(?:the\s+)?[A-Z]")


def one_of_joined(sentence: str, after_answer: int) -> bool:
    """Whether the answer ending at `after_answer` in `sentence` is one of those the sentence
    joins by "and" after an aside about it: not all who did it."""
    return _AND_ANOTHER.match(sentence, after_answer) is not None


# A name in parentheses after an item of a list: "won best director, actor (Cillian Murphy),
# supporting actor (Robert Downey Jr.) …" — the item it names a holder of, back to the comma.
_ITEM_BEFORE = re.compile(r"(?:^|[,;:])\s*(?P<item>[^,;:()]{1,60}?)\s*\(\s*$")
_LAST_WORD = re.compile(r"\b([a-z]+)\W*$")


def named_for_another_item(question: str, read: Read) -> bool:
    """Whether the read's span is a name in parentheses after a list's item that is not the
    question's last word ("Who won best director?": not "Cillian Murphy" of "… director, actor
    (Cillian Murphy), …"; "Who won best actor?": it is). Only for a question that ends on a
    common noun ("Who is the CEO of Apple?", "Where is … located?" do not)."""
    asked = _LAST_WORD.search(question)
    if read.span is None or asked is None or asked.group(1).endswith(("ed", "ing")):
        return False  # "… located?", "… coming?": a verb
    candidate = read.candidate
    start, end = read.span[0] - candidate.start, read.span[1] - candidate.start
    if not candidate.text[end:].lstrip().startswith(")"):
        return False
    item = _ITEM_BEFORE.search(candidate.text[:start])
    return item is not None and not set(stems(asked.group(1))) & set(stems(item.group("item")))
