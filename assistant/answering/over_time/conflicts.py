"""Conflicting reports: two stories that give different values for the same thing.

For each quote an answer cites, the sentences of the other retrieved stories that tell the same
thing (most of the same words) are compared with it: a count or amount of the same unit ("12
protesters" / "15 protesters"), or the day of the same happening, that differs is a conflict.
The answer then shows both, with their sources and dates, instead of silently picking one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from assistant.answering.evidence.candidates import sentences_of
from assistant.answering.over_time.timeline import event_date
from assistant.answering.question.parse import stems
from assistant.answering.types import Citation, Conflict, Report
from assistant.retrieval import Hit
from assistant.timeframe import YEAR, format_day

# Reports of the same event come out within days of each other; values published further apart
# are successive events (an offer, then a better one; a count, then a later count), not a
# disagreement, unless both sentences state the same day.
SAME_EVENT_DAYS = 3
SAME_THING = 0.5
MIN_SHARED = 3  # share of the shorter sentence's words (numbers aside) the two must share
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUANTITY = re.compile(
    r"(?P<currency>[$€£¥])?\s?(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|"
    + "|".join(_NUMBER_WORDS)
    + r")(?:\s+(?P<scale>thousand|million|billion|trillion))?\s*(?P<percent>%|percent)?"
    r"\s+(?:(?:of\s+)?(?:its|their|the)\s+)?(?P<unit>[a-z][a-z-]+)",
    re.IGNORECASE,
)


_FILLER = frozenset({
    "of", "the", "a", "an", "its", "their", "his", "her", "our", "in", "on", "at", "to", "for",
    "by", "with", "over", "from", "per", "each", "and", "or", "than", "more", "less", "about",
    "some",
    # Words after a number that count nothing: "since 2011, he serves", "one of the most …".
    "he", "she", "it", "they", "we", "i", "you", "most", "many", "few", "much", "other",
    "others", "such", "who", "which", "that", "this", "these", "those",
})  # fmt: skip
# Lines about the page itself ("Editor's note: This page reflects the news of … Nov. 6", "read
# USA TODAY's live coverage for Thursday"): their days are the pages', not the news's.
_ABOUT_THE_PAGE = re.compile(
    r"\b(?:this page|editor['’]s note|live (?:coverage|updates?|blog)|this (?:story|article) "
    r"(?:was|has been) (?:updated|corrected))\b",
    re.IGNORECASE,
)
_ABOUT_WORDS = 3
_RANGE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:" + "|".join(_NUMBER_WORDS) + r"))\s*(?:to|-|–|or|and)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Value:
    text: str
    amount: float
    unit: str
    about: frozenset[str] = frozenset()  # what a share is of: "77% pay increase" → pay, increase

    def same_quantity(self, other: _Value) -> bool:
        """Of the same unit, and a share of the same thing ("80% of imported beer" is not
        "60% of rum")."""
        return self.unit == other.unit and (
            self.unit != "percent" or bool(self.about & other.about)
        )


_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|additional|an additional|a further|further|extra)\s*$", re.IGNORECASE
)
_BOUND_AFTER = re.compile(r"\s+(?:or|and)\s+(?:more|less|higher|lower|above|below|up|over)\b")
_LEADING = frozenset({"of", "the", "a", "an", "its", "their", "his", "her", "our"})


def _what_follows(sentence: str, end: int) -> frozenset[str]:
    """The words right after a share, up to the first filler: "77% pay increase over …" →
    pay, increase; "80% of imported beer and …" → imported, beer; "5% in May" → nothing."""
    words = re.findall(r"[A-Za-z][\w-]*|[^\sA-Za-z]", sentence[end:])
    while words and words[0].casefold() in _LEADING:
        words.pop(0)
    kept: list[str] = []
    for word in words[:_ABOUT_WORDS]:
        if word.casefold() in _FILLER or not word[:1].isalpha():
            break
        kept.append(word)
    return frozenset(stems(" ".join(kept)))


def quantities(sentence: str) -> list[_Value]:
    """Counts and amounts with what they count ("12 protesters", "$5 billion in assets")."""
    found = []
    for match in _QUANTITY.finditer(sentence):
        before = sentence[: match.start("number")]
        if _RANGE_BEFORE.search(before) or _INCREMENT_BEFORE.search(before):
            continue  # "three to five days", "another five months": no one value of a thing
        if _BOUND_AFTER.match(sentence, match.end()):
            continue  # "winds of 74 mph or more": a threshold, not a value
        if before[-1:].isalnum() or before[-1:] == "-":
            continue  # "Crew-9", "COVID-19": part of a name
        raw = match.group("number").casefold()
        if raw in _NUMBER_WORDS:
            amount = float(_NUMBER_WORDS[raw])
        else:
            try:
                amount = float(raw.replace(",", ""))
            except ValueError:
                continue
        if match.group("scale"):
            amount *= _SCALE[match.group("scale").casefold()]
        if match.group("percent"):
            unit = ["percent"]
            about = _what_follows(sentence, match.start("unit"))
        else:
            unit = stems(match.group("unit"))
            about = frozenset(unit)
        if unit and unit[0] not in _FILLER:
            key = f"{match.group('currency') or ''}{unit[0]}"
            found.append(_Value(match.group(0).strip(), amount, key, about))
    return found


@lru_cache(maxsize=4096)
def _words(sentence: str) -> frozenset[str]:
    found = {w for w in stems(sentence) if not any(ch.isdigit() for ch in w)}
    return frozenset(found - set(_NUMBER_WORDS))


def _shares(cited: frozenset[str], words: frozenset[str]) -> bool:
    """Whether two sentences tell the same thing: SAME_THING of the shorter one's words, and at
    least MIN_SHARED words ("Thanksgiving is on Thursday" shares two with any sentence about a
    Thanksgiving food drive)."""
    shared = len(cited & words)
    return (
        bool(cited and words)
        and shared >= MIN_SHARED
        and shared / min(len(cited), len(words)) >= SAME_THING
    )


def _difference(citation: Citation, sentence: str, hit: Hit) -> tuple[str, str, str] | None:
    """(what, the cited value, the other value) where the sentence tells the same thing with
    another count or amount of the same unit, or (failing that) another day; else None."""
    if _same_words(citation.quote, sentence):
        return None  # the same sentence (a byline, a boilerplate line) in two articles
    if _ABOUT_THE_PAGE.search(citation.quote) or _ABOUT_THE_PAGE.search(sentence):
        return None
    cited_day, cited_basis = event_date(citation.quote, citation.published)
    day, basis = event_date(sentence, hit.published)
    told = {"stated", "relative"}
    # Counts of two days ("15,000 flights delayed Wednesday" / "21,000 … Tuesday") are two
    # counts; so are counts published too far apart to be of one event.
    other_days = cited_basis in told and basis in told and cited_day != day
    far = _successive(citation, hit, (cited_day, cited_basis), (day, basis))
    if not other_days and not far:
        cited = quantities(citation.quote)
        for value in quantities(sentence):
            same = [ours for ours in cited if ours.same_quantity(value)]
            if same and all(ours.amount != value.amount for ours in same):
                return value.unit, same[0].text, value.text
    # Days stated in both, for one happening: reported within days of each other, and days
    # apart (a weekday is resolved against each article's own date, and two articles' "on
    # Monday" are most often two happenings; this year's Thanksgiving is not 1789's).
    if (
        cited_basis == basis == "stated"
        and cited_day
        and day
        and cited_day != day
        and _year_as_said(citation.quote, cited_day)
        and _year_as_said(sentence, day)
        and abs((cited_day - day).days) <= SAME_EVENT_DAYS * 2
        and not far
    ):
        return "date", format_day(cited_day), format_day(day)
    return None


def _year_as_said(sentence: str, day: date) -> bool:
    """A day whose year the sentence states, or a sentence that states none (the day is then of
    the article's year): "celebrated on Nov. 25 beginning in 1668" is no day of this year."""
    years = re.findall(rf"\b{YEAR}\b", sentence)
    return not years or str(day.year) in years


def _same_words(one: str, other: str) -> bool:
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def _successive(
    citation: Citation,
    hit: Hit,
    cited: tuple[date | None, str | None],
    told: tuple[date | None, str | None],
) -> bool:
    """Whether the two reports were published too far apart to be of one event (and do not
    state the same day for it); `cited` and `told` are their event_date()s."""
    if citation.published is None or hit.published is None:
        return False
    if abs((citation.published - hit.published).days) <= SAME_EVENT_DAYS:
        return False
    return not (cited[1] == told[1] == "stated" and cited[0] == told[0])


def find_conflicts(
    citations: Sequence[Citation], hits: Sequence[Hit]
) -> list[tuple[Conflict, Citation]]:
    """Conflicts between the cited quotes and other stories' sentences, each with the new
    citation (numbered after the answer's) that shows the other value."""
    story_of = {hit.article_id: hit.story_id or hit.article_id for hit in hits}
    next_number = max((c.n for c in citations), default=0) + 1
    results: list[tuple[Conflict, Citation]] = []
    settled: set[tuple[str, str]] = set()
    # Each sentence of the hits, split and reduced to its words once.
    told = [
        (hit, span, hit.text[span.start : span.end]) for hit in hits for span in sentences_of(hit)
    ]
    words = [_words(sentence) for _, _, sentence in told]
    for citation in citations:
        cited_story = story_of.get(citation.article_id, citation.article_id)
        cited_words = _words(citation.quote)
        for (hit, span, sentence), theirs in zip(told, words, strict=True):
            if story_of.get(hit.article_id, hit.article_id) == cited_story:
                continue
            if not _shares(cited_words, theirs):
                continue
            found = _difference(citation, sentence, hit)
            if found is None or (cited_story, found[0]) in settled:
                continue
            about, ours, other_value = found
            settled.add((cited_story, about))
            start = hit.start + span.start
            other = Citation.quoting(next_number, hit, start, hit.start + span.end)
            next_number += 1
            reports = (
                Report(ours, citation.n, citation.published, citation.source),
                Report(other_value, other.n, other.published, other.source),
            )
            results.append((Conflict(about, reports), other))
    return results
