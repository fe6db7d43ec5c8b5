"""The reader's part of an answer: which sentence answers, how surely, and the answer's words.

Each shortlisted sentence is read with its neighbours (the window the reader was trained on).
The reader's answerability ranks the sentences and decides refusal; its span becomes the short
answer, and the sentence that holds the span becomes the quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.evidence import amounts
from assistant.answering.evidence.answer_days import (
    day_of,
    day_short_answer,
    only_the_current_period,
    read_as_of,
)
from assistant.answering.evidence.candidates import (
    Candidate,
    about_the_page,
    link_line,
    sentences_of,
    signed,
)
from assistant.answering.evidence.datelines import only_a_dateline
from assistant.answering.evidence.instructions import addresses_the_reader
from assistant.answering.evidence.listed import listed_with_subject
from assistant.answering.evidence.news import LEAD_BONUS, NEWS_ON, asks_for_news, in_lead
from assistant.answering.evidence.span_edges import (
    closed,
    name_end,
    trim,
    whole_quotation,
    whole_words,
)
from assistant.answering.evidence.years import any_year, year_of_range
from assistant.answering.question.answer_type import PERSON, PLACE, expected_labels, named_kind
from assistant.answering.question.names import names_asked, unmentioned
from assistant.answering.question.parse import Question, stems, type_match, without_who_acronym
from assistant.answering.types import ShortAnswer
from assistant.reader import Reader, Reading
from assistant.retrieval import Hit
from assistant.sentences import Span, sentence_index, window_around

_MAX_SHORT_WORDS = 16
_GENERIC = set(
    stems("items things goods products measures steps people matters issues others ones kinds")
)
# A direction answers "where" ("in the south", "northern"), though it is no name.
DIRECTION = re.compile(
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b|\b(?:up|down)(?:state|town)\b",
    re.IGNORECASE,
)
# An era answers "when" though it gives no date ("since the Sui and Tang dynasties",
# "During the Oligocene"); so does a time span for "how long ago" ("5–10 million years").
_ERA = re.compile(
    r"^(?:since|during|until|till|throughout|before|after)\s+(?:the\s+)?(?:early\s+|late\s+"
    r"|mid-?)?[A-Z]|\b(?:dynast(?:y|ies)|era|epoch|centur(?:y|ies))\b|\w+cene\b",
)
# A clause that says more of the answer, not the answer: "asphalt and concrete, which have lower
# albedos" for "What materials absorb sunlight …?".
_RELATIVE = re.compile(r",\s+(?:which|who|whom|whose|where)\s")
# A reason's connective: "because they will interfere …" answers "why" with "they will interfere …".
_CAUSE = re.compile(r"(?:because(?:\s+of)?|due\s+to|owing\s+to)\s+", re.IGNORECASE)
_AGO = re.compile(r"\bhow\s+long\s+ago\b", re.IGNORECASE)
_LENGTH = re.compile(r"\d.*\b(?:years|months|weeks|days|decades|centuries)\b", re.IGNORECASE)
# A number joined to its unit describes a thing ("a 984-foot container vessel"): no count of
# another ("How many crew members were on the Dali?").
# "984-foot", "13-year-old" (real news: **13-year-old** for how many Debby had killed).
_DESCRIBING = re.compile(r"\s*\d[\d,.]*-(?P<unit>[a-z]+)(?:-[a-z]+)*\s*", re.IGNORECASE)
_PLURALS = {"foot": "feet", "inch": "inches", "mile": "miles", "man": "men", "person": "people"}
# Words that name nobody on their own: a span of only these is not a short answer.
PRONOUN = re.compile(
    r"(?:he|she|they|it|we|i|you|him|her|them|us|his|their|its|this|that|these|those"
    r"|the (?:ministry|government|company|minister|official|officials|spokesman))",
    re.IGNORECASE,
)
_YES_NO = re.compile(
    r"^\s*(?:and\s+)?(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b",
    re.IGNORECASE,
)
# "How …?" asks for a way or a state (evidence answers it); "how many / large …" for a few words.
_HOW = re.compile(
    r"^\s*(?:and\s+)?how\b(?!\s+(?:many|much|long|old|far|often|large|big|tall|high|deep|wide"
    r"|heavy|fast|small|soon|late|early)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Read:
    """A candidate as the reader saw it."""

    candidate: Candidate  # the sentence holding the answer span (a neighbour, if it is there)
    score: float  # answerability, 0–1
    hand: float  # the hand-tuned score it was shortlisted with
    span: tuple[int, int] | None  # article offsets of the answer, or None
    # The reader's next best spans in the window: (their sentence, article offsets, how far
    # below the best span's logits), best first.
    options: tuple[tuple[Candidate, tuple[int, int], float], ...] = ()
    # Whether the span is an entity of the kind asked for (None: nothing asked or not checked).
    typed: bool | None = None
    # Whether only the sentence's passage, not the sentence or its neighbours, names what the
    # question names (an article's implied subject): never said as sure.
    loose: bool = False


def read_candidates(
    reader: Reader,
    question: str,
    shortlist: Sequence[tuple[Candidate, float]],
    limit: int,
    remembered: dict[str, Reading] | None = None,
) -> list[Read]:
    """The reader's verdict on the first `limit` windows of the (candidate, hand score)
    shortlist, best first. A candidate read already, as the neighbour of a better one, takes
    no window while others wait: the next candidate does. Windows left over go to those
    candidates after all (a sentence is read best in its own window: "The khans took the title
    Great Khan" rated 0.38 as a neighbour, 0.99 at the centre). `remembered` holds the
    question's windows read before (window text → reading): they are not read again, and the
    new ones join it."""
    windows: list[tuple[Candidate, float, int, int, Sequence[Span]]] = []
    covered: list[tuple[str, int, int]] = []  # article offsets already read
    waiting: list[tuple[Candidate, float]] = []
    for candidate, hand in shortlist:
        if len(windows) >= limit:
            break
        hit = candidate.hit
        if any(
            a == hit.article_id and lo <= candidate.start and candidate.end <= hi
            for a, lo, hi in covered
        ):
            waiting.append((candidate, hand))  # read already, as a better one's neighbour
            continue
        low, high, spans = _window(candidate)
        windows.append((candidate, hand, low, high, spans))
        covered.append((hit.article_id, hit.start + low, hit.start + high))
    for candidate, hand in waiting[: max(0, limit - len(windows))]:
        windows.append((candidate, hand, *_window(candidate)))
    texts = [c.hit.text[low:high] for c, _, low, high, _ in windows]
    memo = {} if remembered is None else remembered
    unread = list(dict.fromkeys(t for t in texts if t not in memo))
    memo.update(zip(unread, reader.read(question, unread), strict=True))
    readings = [memo[text] for text in texts]
    found: list[Read] = []
    for (candidate, hand, low, _, sentences), reading in zip(windows, readings, strict=True):
        best = None
        if reading.start is not None and reading.end is not None:
            best = _placed(candidate, sentences, low + reading.start, low + reading.end)
        if best is None:
            found.append(Read(candidate, reading.score, hand, None))
            continue
        options = []
        for start, end, gap in reading.alternatives:
            other = _placed(candidate, sentences, low + start, low + end)
            if other is not None:
                options.append((*other, gap))
        found.append(Read(best[0], reading.score, hand, best[1], tuple(options)))
    # Two windows can point at one sentence: it counts once, as its best reading.
    kept: dict[tuple[str, int], Read] = {}
    for read in found:
        key = (read.candidate.hit.article_id, read.candidate.start)
        if key not in kept or (read.score, read.hand) > (kept[key].score, kept[key].hand):
            kept[key] = read
    return sorted(kept.values(), key=lambda r: (-r.score, -r.hand))


def _window(candidate: Candidate) -> tuple[int, int, Sequence[Span]]:
    """The chunk offsets of the candidate's window (it and its neighbours), and the chunk's
    sentences."""
    hit = candidate.hit
    spans = sentences_of(hit)
    low, high = window_around(spans, sentence_index(spans, candidate.start - hit.start))
    return low, high, spans


def _placed(
    candidate: Candidate, sentences: Sequence[Span], start: int, end: int
) -> tuple[Candidate, tuple[int, int]] | None:
    """A span at chunk offsets [start, end) as (the sentence that holds its end, its article
    offsets trimmed of spaces and punctuation); None when nothing is left of it."""
    hit = candidate.hit
    start, end = whole_words(hit.text, *trim(hit.text, start, end))
    if start >= end:
        return None
    holder = sentences[sentence_index(sentences, end - 1)]
    held = hit.text[holder.start : holder.end]
    if signed(held, bylines=False):
        # A neighbour that signs a letter ("— Pete Manning") names its writer, not the news (a
        # byline may answer "Which newspaper does Ines Calder write for?").
        return None
    start = max(start, holder.start)  # across sentences: the answer ends in the last one
    if (
        only_a_dateline(held)
        or about_the_page(held)
        or link_line(hit.text, holder.start, holder.end)
    ):
        return None  # "London CNN —": where the report was filed; "For the latest news, view
        # our updates file for Saturday": where to read on; "More:…": another article
    start, end = trim(hit.text, start, end)
    if start >= end:
        return None
    end = closed(hit.text, start, end, holder.end)
    sentence = Candidate(
        hit,
        candidate.rank,
        hit.start + holder.start,
        hit.start + holder.end,
        hit.text[holder.start : holder.end],
    )
    return sentence, (hit.start + start, hit.start + end)


# "What did Rudenko say?": what was said is the quote, not a few words of it ("TASS").
# A verb's plain form only after "did", "will", "to" …: "the first US state to have …" asks
# for a state, not for what was stated.
_WHAT_SAID = re.compile(
    r"\bwhat\b(?:(?!\b(?:who|when|where)\b).)*"
    r"(?:\b(?:said|told|wrote|warned|announced|claimed|stated|added|meant|thought)\b"
    r"|\b(?:did|does|do|will|would|could|can|should|to)\b(?:(?!\b(?:who|when|where)\b).)*"
    r"\b(?:say|tell|write|warn|announce|claim|state|add|mean|think)\b)"
    r"(?:\s+(?:about|on|of|to|in)\b.*)?\W*$",
    re.IGNORECASE,
)


def asks_what_was_said(question: str) -> bool:
    """ "What did Rudenko say / announce …?": answered by what was said, in full."""
    return _WHAT_SAID.search(without_who_acronym(question)) is not None


def wants_short_answer(question: Question) -> bool:
    """How, yes/no, "latest news on" and "what did X say" questions are answered by the
    evidence, not by a few words; a reason may be a few words ("fear of betrayal")."""
    return (
        not _HOW.search(question.text)
        and not _YES_NO.search(question.text)
        and not NEWS_ON.search(question.text)
        and not asks_what_was_said(question.text)
    )


# Measured on tests/data/*_qa.jsonl (see BENCHMARKS.md): the reader's answerability leads; the
# hand-tuned cheap score (shared words, kind of thing asked for, passage rank) breaks near-ties,
# and a sentence that itself names the question's subjects beats one whose neighbour does.
READER_WEIGHT = 0.7
SUBJECT_BONUS = 0.1


def rank_score(question: Question, read: Read) -> float:
    """How a read ranks: mostly the reader, then the cheap scores, then the named subjects."""
    named = 1.0
    if question.entities:
        missing = unmentioned(question, read.candidate.text)
        named = 1 - len(missing) / len(question.entities)
    lead = LEAD_BONUS if asks_for_news(question.text) and in_lead(read.candidate) else 0.0
    return (
        READER_WEIGHT * read.score + (1 - READER_WEIGHT) * read.hand + SUBJECT_BONUS * named + lead
    )


def _fits_kind(question: Question, text: str) -> bool:
    measured = amounts.fits_measure(question.text, text)
    if measured is not None:
        return measured
    if (expected_labels(question.text) or frozenset()) & (PERSON | PLACE) and _clause_run(text):
        return False  # asked for a name, a run of words across a clause is none
    if question.kind == "when" and only_the_current_period(text):
        return False  # "this year": the period written in, not the time asked for
    if question.kind == "when" and (
        any_year(text) or _ERA.search(text) or (_AGO.search(question.text) and _LENGTH.search(text))
    ):
        return True
    if question.kind == "quantity" and _counts_another(question.text, text):
        return False
    if question.kind in ("when", "quantity"):
        return type_match(question.kind, text) == 1.0
    if question.kind == "where" and DIRECTION.search(text):
        return True
    if question.kind in ("who", "where"):
        return any(word[:1].isupper() for word in text.split())
    if question.kind == "why":  # a lone word ("unilaterally", "boring", "low-cost") says how
        return len(text.split()) > 1  # or what, not why: the reason's sentence is quoted whole
    return True


# A name runs to at most _NAME_WORDS words, fewer than _TOLD_WORDS of them in lower case besides
# the words that join names ("the GSI Helmholtz Centre for Heavy Ion Research" is one).
_NAME_WORDS = 6
_TOLD_WORDS = 3
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "la", "le", "van", "von", "al", "bin"})


def _clause_run(text: str) -> bool:
    """Words that tell rather than name: "Beyoncé can now add another title to her list of
    accolades, as the megastar" (in bold on RealTime QA for "Which musician …?")."""
    told = [w for w in re.findall(r"\b[a-z][\w'’-]*", text) if w not in _NAME_JOINERS]
    return len(text.split()) > _NAME_WORDS and len(told) >= _TOLD_WORDS


def _counts_another(question: str, text: str) -> bool:
    """Whether `text` is a number joined to a unit the question does not ask in ("984-foot"
    for "How many crew members …?"; "How many feet long …?" asks in feet)."""
    found = _DESCRIBING.fullmatch(text)
    if found is None:
        return False
    unit = found.group("unit").casefold()
    asked = {w.casefold() for w in re.findall(r"[a-z]+", question, re.IGNORECASE)}
    return not {unit, f"{unit}s", _PLURALS.get(unit, unit)} & asked


def short_answer(question: Question, read: Read, citation: int) -> ShortAnswer | None:
    """The reader's span as a short answer, or None when it is no answer on its own."""
    if not wants_short_answer(question) or addresses_the_reader(read.candidate.text):
        return None  # an order to the reader is quoted at most, never put in bold
    if read.span is None or read.typed is False:
        return day_of(question, read.candidate, citation)  # no span, or none of the kind asked
    hit: Hit = read.candidate.hit
    start, end = read.span
    named = end  # "Who is Ben Baker?" asks for his title: "Representative" as it is
    if question.kind != "who" or expected_labels(question.text) is not None:
        named = hit.start + name_end(hit.text, start - hit.start, end - hit.start)
    if named != end and names_asked(question, hit.at(start, named)):
        return day_of(question, read.candidate, citation)  # "Francis Scott Key Bridge"
    end = named  # "Sehwa Girls" → "Sehwa Girls High School"
    text = hit.at(start, end)
    before = hit.at(read.candidate.start, start)
    if (
        len(text.split()) > _MAX_SHORT_WORDS
        or PRONOUN.fullmatch(text.strip())
        or read_as_of(question, before)
    ):
        return None  # the day a count was read is no day of the plan (nor is day_of's)
    if (
        not any(ch.isalnum() for ch in text)
        or _half_quoted(text)
        or not _fits_kind(question, text)
        or _title_for_a_name(question, hit, start, end)
        or listed_with_subject(question, read.candidate, start, end)
        or restates(question, text)
        or amounts.counts_nothing(question, before, text, hit.at(end, read.candidate.end))
    ):
        return day_of(question, read.candidate, citation)
    clause = _RELATIVE.search(text)
    if clause is not None and clause.start() > 0:  # "asphalt and concrete, which have …"
        end = start + clause.start()
        text = hit.at(start, end)
    cause = _CAUSE.match(text) if question.kind == "why" else None
    if cause is not None and cause.end() < len(text):  # the reason is what follows "because"
        start += cause.end()
        text = hit.at(start, end)
    if question.kind == "when":
        start, end = year_of_range(question.text, hit.text, start - hit.start, end - hit.start)
        start, end = start + hit.start, end + hit.start
        text = hit.at(start, end)
    age = amounts.age_within(question.text, text)  # "13" for how old, not "13-year-old"
    if age is not None:
        start, end = start + age[0], start + age[1]
        text = hit.at(start, end)
    if question.kind == "quantity":  # "more than 200" of "killing more than 200 people"
        start = hit.start + amounts.bound_start(hit.text, start - hit.start)
    return day_short_answer(hit, start, end, citation)


def _title_for_a_name(question: Question, hit: Hit, start: int, end: int) -> bool:
    """Asked who (a person), the span is a whole quotation: a title, no one's name."""
    asked = expected_labels(question.text) or frozenset()
    return bool(asked & PERSON) and whole_quotation(hit.text, start - hit.start, end - hit.start)


def _half_quoted(text: str) -> bool:
    """A span that starts or ends inside a quotation ('new day” in Persian, is a 3,000-year-old
    spring festival', given in bold on RealTime QA for "Which event was celebrated?"), or ends
    one quotation and opens another ('has no intention of continuing” treaty negotiations
    “under the current circumstances')."""
    depth = 0
    for mark in (ch for ch in text if ch in "“”"):
        depth += 1 if mark == "“" else -1
        if depth < 0:
            return True
    return depth != 0 or text.count('"') % 2 == 1


def restates(question: Question, text: str) -> bool:
    """A span whose words the question mostly says already ("luxury items" for "What luxury
    goods …?") names what was asked about, not the answer; so does a span in lower case that
    ends in the noun of a "which" question of a named kind ("the tenacious side dish" for
    "Which Thanksgiving dish …?", given in bold on RealTime QA: the dish is named in the
    sentence before)."""
    words = set(stems(text))
    if words and words <= set(question.terms) | _GENERIC:
        return True
    said = text.split()
    if not said or any(w[:1].isupper() or any(c.isdigit() for c in w) for w in said):
        return False
    asked = named_kind(question.text)
    return bool(asked) and set(stems(said[-1])) <= set(stems(" ".join(asked)))
