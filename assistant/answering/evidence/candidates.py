"""Candidate sentences of the retrieved passages: what the answerer chooses from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from assistant.answering.question.names import date_words, unmentioned
from assistant.answering.question.parse import Question
from assistant.retrieval import Hit
from assistant.sentences import Span, sentence_index, split_sentences, window_around

_MIN_SENTENCE_CHARS = 25
_TAG = re.compile(r"(?:^|\s|\()[#@]\w+")
_ALPHA_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
_MIN_WORDS = 5


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, with article offsets."""

    hit: Hit
    rank: int
    start: int
    end: int
    text: str

    @property
    def key(self) -> tuple[str, int]:
        """The sentence's name: its article and where it starts."""
        return self.hit.article_id, self.start


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    meaning: float


# A line that links to another article, as news sites set them between paragraphs: a label, a
# colon or question mark, and the other article's headline with no space between ("More:Sarah
# McBride wins Delaware congressional seat", "Starliner timeline:2 months after Starliner
# launched, astronauts still haven’t returned", "How's the job market?Behind the rosy job
# numbers, …"): 8,057 of the 427,040 lines of RealTime QA's 8,819 articles. It reports nothing
# here.
_LINK_LINE = re.compile(
    r"^[\"'“‘]?[A-Z][^\n]{0,100}?(?:[^\W\d_]|[)?!'’”])[:?](?=[A-Z0-9‘“\"'$])(?![^\n]*[.!][\"'”’)]*\s*$)"
)


def link_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies on a line that links to another article."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    return _LINK_LINE.match(line) is not None


def candidates(hits: Sequence[Hit]) -> list[Candidate]:
    """Sentences of the hits, each once (passages overlap, articles repeat), in hit order; no
    line that links to another article."""
    seen: set[tuple[str, int]] = set()
    said: set[tuple[str, str]] = set()  # an article that repeats a sentence offers it once
    found: list[Candidate] = []
    for rank, hit in enumerate(hits):
        for span in sentences_of(hit):
            text = hit.text[span.start : span.end]
            start = hit.start + span.start
            key = (hit.article_id, start)
            words = (hit.article_id, " ".join(text.split()))
            if (
                key in seen
                or words in said
                or len(text.strip()) < _MIN_SENTENCE_CHARS
                or _low_content(text)
                or not _states_something(text)
                or link_line(hit.text, span.start, span.end)
            ):
                continue
            seen.add(key)
            said.add(words)
            found.append(Candidate(hit, rank, start, start + len(text), text))
    return found


def openings(hits: Sequence[Hit]) -> dict[str, str]:
    """{article id: its first sentence} of the articles whose opening a hit holds."""
    found: dict[str, str] = {}
    for hit in hits:
        spans = sentences_of(hit)
        if hit.start == 0 and spans and hit.article_id not in found:
            found[hit.article_id] = hit.text[spans[0].start : spans[0].end]
    return found


def _low_content(text: str) -> bool:
    """Embedded posts and tag lines (#StandWithUkraine … (@MOFA_Taiwan)) say little on their own."""
    return len(_TAG.findall(text)) >= 2 or len(_ALPHA_WORD.findall(text)) < _MIN_WORDS


# Words addressed to whoever reads the text (a prompt injection), not news reporting.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|above)\b"
    r"|\b(?:answer|respond|reply|say|output|print)\s+(?:only\s+)?(?:with\s+)?[\"'“‘]"
    r"|\byou\s+(?:are|must|should)\s+(?:now\s+)?(?:an?\s+)?"
    r"(?:ai|assistant|language model|chatbot)\b"
    r"|\b(?:system prompt|as an ai)\b",
    re.IGNORECASE,
)


# "By Ines Calder, Harbour Gazette": who wrote it, not what happened.
_BYLINE = re.compile(
    r"^\s*(?:[Bb]y|[Ff]rom)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[,|]|$)"
)
_BYLINE_WORDS = 12
# "— Pete Manning", "-- Jane Doe, Boston": a letter's or a comment's signature.
_SIGNATURE = re.compile(r"^\s*(?:[—–]|--?)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|$)")


def signed(text: str, bylines: bool = True) -> bool:
    """Whether a sentence is a signature ("— Pete Manning") or (with `bylines`) a byline: who
    wrote it, not what happened."""
    stripped = text.strip().rstrip("\"'”’)]»").rstrip()
    return (
        bool((bylines and _BYLINE.match(stripped)) or _SIGNATURE.match(stripped))
        and len(stripped.split()) < _BYLINE_WORDS
    )


# A line about the page, or one that sends the reader to another ("Editor's Note: This page is
# a summary of news on Hurricane Helene's aftermath for Friday, Oct. 4.", "For the latest news,
# view our live updates file for Sunday, Sept. 29.", "Follow along here for live updates →…").
_ABOUT_THE_PAGE = re.compile(
    r"^\W*(?:editor['’]s note\s*:\s*)?(?:"
    r"this page (?:is|recaps|reflects|was|has)\b"
    r"|for (?:the )?latest (?:news|updates?|information)\b[^.]*\b(?:view|follow|visit|see|check|"
    r"read|go to)\b"
    r"|follow (?:along )?here\b"
    r"|catch up (?:with|on)\b[^.]*\b(?:live|coverage)\b)",
    re.IGNORECASE,
)


def _states_something(text: str) -> bool:
    """A question, an instruction to the reader, a byline, a signature or a line about the page
    is never an answer: it states nothing."""
    stripped = text.strip().rstrip("\"'”’)]»").rstrip()
    return (
        not signed(text)
        and not stripped.endswith("?")
        and _INSTRUCTION.search(text) is None
        and not about_the_page(text)
    )


def about_the_page(text: str) -> bool:
    """Whether a sentence speaks of the page or sends the reader to another: it reports
    nothing, so it answers nothing, as a sentence or as a reader's window's neighbour."""
    return _ABOUT_THE_PAGE.search(text) is not None


@lru_cache(maxsize=512)
def _sentences_of(text: str) -> tuple[Span, ...]:
    return tuple(split_sentences(text))


def sentences_of(hit: Hit) -> tuple[Span, ...]:
    """The sentence spans of a passage (offsets into `hit.text`), computed once per text."""
    return _sentences_of(hit.text)


def context(candidate: Candidate) -> str:
    """The candidate with the sentences either side, and its article's title: what it speaks of."""
    hit = candidate.hit
    spans = sentences_of(hit)
    if not spans:
        return f"{hit.title}\n{candidate.text}"
    low, high = window_around(spans, sentence_index(spans, candidate.start - hit.start))
    return f"{hit.title}\n{hit.text[low:high]}"


_PRONOUN_START = re.compile(
    r"[\"“‘']?(?:He|She|They|It|His|Her|Their|Its|This|These|Those|We|The (?:ministry|company|"
    r"government|minister|official|spokesman|spokeswoman|move|measures?|sanctions?))\b"
)


def with_antecedent(candidate: Candidate, most: int = 2) -> Candidate:
    """A sentence that starts with a pronoun ("They also sanctioned …") grows to take in the
    sentences before it, up to one that does not (who "they" are), within the passage."""
    hit = candidate.hit
    spans = sentences_of(hit)
    number = sentence_index(spans, candidate.start - hit.start)
    if not spans or spans[number].start != candidate.start - hit.start:
        return candidate
    first = number
    while (
        first > 0
        and number - first < most
        and _PRONOUN_START.match(hit.text[spans[first].start : spans[first].end].lstrip())
    ):
        first -= 1
    if first == number:
        return candidate
    start = spans[first].start
    return Candidate(
        hit,
        candidate.rank,
        hit.start + start,
        candidate.end,
        hit.text[start : candidate.end - hit.start],
    )


def named_near(parsed: Question, hits: Sequence[Hit]) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates whose neighbourhood (the sentences either side, the article's title and
    date, a place in its opening) names every name of the question; and those whose passage
    does, though not their neighbourhood. A sentence about Russia does not answer a question
    about Belarus; its article's date counts ("What did Japan ban in March?" of an article of
    25 March that says "Friday")."""
    opened = openings(hits)
    dated = {hit.article_id: date_words(hit) for hit in hits}  # once an article, not a sentence

    @cache  # once a passage, not a sentence
    def names_them(hit: Hit) -> bool:
        whole = f"{hit.title}\n{hit.text}\n{dated[hit.article_id]}"
        return not unmentioned(parsed, whole, opened.get(hit.article_id, ""))

    near: list[Candidate] = []
    loose: list[Candidate] = []
    for candidate in candidates(hits):
        hit, setting = candidate.hit, opened.get(candidate.hit.article_id, "")
        if not unmentioned(parsed, f"{context(candidate)}\n{dated[hit.article_id]}", setting):
            near.append(candidate)
        elif names_them(hit):
            loose.append(candidate)
    return near, loose
