"""Conflicting reports: two stories that give different values for the same thing.

For each quote an answer cites, the sentences of the other retrieved stories that tell the same
thing (most of the same words) are compared with it: a count or amount of the same unit ("12
protesters" / "15 protesters"), or the day of the same happening, that differs is a conflict.
The answer then shows both, with their sources and dates, instead of silently picking one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from assistant.answering.evidence.candidates import sentences_of
from assistant.answering.over_time.counted import (
    Counted,
    bearing,
    count_rose,
    fate,
    rounded_alike,
    state_reading,
    tally,
    updated_copy,
    vote_stage,
)
from assistant.answering.over_time.same_event import (
    both_forecasts,
    caption,
    one_a_forecast,
    one_an_average,
    other_hours,
    other_moments,
    other_subjects,
    other_times,
    pronoun_led,
    tells_a_happening,
    two_subjects,
)
from assistant.answering.over_time.timeline import event_date
from assistant.answering.over_time.values import (
    NUMBER_WORDS,
    Value,
    numbers,
    quantities,
)
from assistant.answering.question.parse import stems
from assistant.answering.question.relative_time import DAY_MONTH
from assistant.answering.types import Citation, Conflict, Report
from assistant.articles.dates import DATE_EXPRESSION
from assistant.entities import EntityTagger
from assistant.retrieval import Hit
from assistant.timeframe import YEAR, format_day

# Reports of the same event come out the same day or the next; values published further apart
# are successive events (an offer, then a better one; a poll average, then the next), not a
# disagreement, unless both sentences state the same day. Measured on RealTime QA topics: of the
# flags 2 or 3 days apart, 16 were developments and 7 true (of those, 2 state the same day).
SAME_EVENT_DAYS = 1
STATED_DAYS_APART = 6  # two days stated for one happening: at most this far apart
SAME_THING = 0.5
MIN_SHARED = 3  # share of the shorter sentence's words (numbers aside) the two must share
RETOLD = 0.6  # share of the longer one's words (days aside) two days of one happening share


# Lines about the page itself ("Editor's note: This page reflects the news of … Nov. 6", "read
# USA TODAY's live coverage for Thursday"): their days are the pages', not the news's.
_ABOUT_THE_PAGE = re.compile(
    r"\b(?:this page|editor['’]s note|live (?:coverage|updates?|blog)|this (?:story|article) "
    r"(?:was|has been) (?:updated|corrected))\b",
    re.IGNORECASE,
)
STAT_LINE_UNITS = 3
_NEAR_RATIO = 1.5
_NEAR_COUNT = 1
# A running tally ("Biles now has won 11 medals", "has already won three", "so far") grows as
# the story goes on: another tally in another report is the next count, not a disagreement.
_RUNNING = re.compile(r"\b(?:now|so far|already|to date|thus far|as of)\b", re.IGNORECASE)
# A count said to be superseded ("initially expected 172,000 doses"): of one moment.
_SUPERSEDED = re.compile(r"\b(?:initially|originally|at first|previously)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def content_words(sentence: str) -> frozenset[str]:
    """The words two sentences must share to tell the same thing (stems; numbers aside)."""
    found = {w for w in stems(sentence) if not any(ch.isdigit() for ch in w)}
    return frozenset(found - set(NUMBER_WORDS))


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
    if any(_ABOUT_THE_PAGE.search(s) or caption(s) for s in (citation.quote, sentence)):
        return None
    if other_subjects(citation.quote, sentence):
        return None  # "1,215 Republican delegates" / "1,968 for the Democratic nomination"
    if pronoun_led(citation.quote) or pronoun_led(sentence):
        return None  # "He won 232 electoral votes" / "He received 306": two people, or one?
    if one_an_average(citation.quote, sentence):
        return None  # "added 15 points and two rebounds" / "averaging … 2.2 rebounds"
    cited_day, cited_basis = event_date(citation.quote, citation.published)
    day, basis = event_date(sentence, hit.published)
    told = {"stated", "relative"}
    # Counts of two days ("15,000 flights delayed Wednesday" / "21,000 … Tuesday") are two
    # counts; so are counts published too far apart to be of one event.
    other_days = cited_basis in told and basis in told and cited_day != day
    # Both say which day they count, the same (stated, or worked out from the article's date).
    said_day = cited_basis in told and basis in told and cited_day == day
    far = _successive(citation, hit, (cited_day, cited_basis), (day, basis))
    times = (citation.quote, citation.published, sentence, hit.published)
    running = any(_RUNNING.search(s) or _SUPERSEDED.search(s) for s in (citation.quote, sentence))
    forecast = one_a_forecast(citation.quote, sentence) or (
        citation.published != hit.published and both_forecasts(citation.quote, sentence)
    )  # a forecast of another day is the forecast revised
    apart = other_times(*times) or other_moments(*times) or other_hours(citation.quote, sentence)
    if not (other_days or far or running or forecast or apart):
        cited = quantities(citation.quote)
        if _stat_line(cited) or _stat_line(quantities(sentence)):
            return None  # "32 points, seven rebounds and six assists": a player's line
        for value in quantities(sentence):
            # Values both sentences write agree; of what is left, one value each must differ.
            # Several left is a breakdown (per day, per party): which one answers is unknown.
            same = _unmatched(cited, value, sentence)
            theirs = _unmatched(quantities(sentence), value, citation.quote)
            if len(same) != 1 or theirs != [value] or not _close(same[0], value):
                continue
            if not _one_count(
                (citation.quote, citation.published, same[0]),
                (sentence, hit.published, value),
                said_day,
            ):
                continue
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
        and abs((cited_day - day).days) <= STATED_DAYS_APART
        and not far
        and not running
        and _same_other_numbers(citation.quote, sentence)
        and _one_day_said(citation.quote)
        and _one_day_said(sentence)
        and tells_a_happening(citation.quote)
        and tells_a_happening(sentence)
        and _retold(citation.quote, sentence)
    ):
        return "date", format_day(cited_day), format_day(day)
    return None


def _retold(one: str, other: str) -> bool:
    """One happening told twice: RETOLD of the longer sentence's words are the other's too. A
    story gives days for many happenings (a hearing, a break, an auction): "Judge will hold
    Donald Trump contempt hearing on April 23" / "Judge will hold hearing on whether to hold
    Donald Trump in contempt April 24" is one; "The judge scheduled a hearing on the gag order
    issue for April 23" / "The high court is scheduled to hear arguments … April 25" is two."""
    ours, theirs = content_words(_without_days(one)), content_words(_without_days(other))
    return bool(ours and theirs) and len(ours & theirs) / max(len(ours), len(theirs)) >= RETOLD


def _unmatched(values: list[Value], like: Value, other: str) -> list[Value]:
    """The values of `like`'s quantity whose number the other sentence does not write: "two
    satellites … four infrared satellites" leaves nothing of "four satellites"; "sickened 32
    people, including 13 who were hospitalized" nothing of "Thirteen people"."""
    written = numbers(other)
    return [v for v in values if v.same_quantity(like) and v.amount not in written]


def _close(ours: Value, theirs: Value) -> bool:
    """Two reports of one count differ by a little (4 / 5 deaths, 30 / 33 million people, 94.2 /
    94.6 %); values far apart ("59 years old" / "three years as vice president", "206
    delegates" / "1,215 needed") count different things."""
    low, high = sorted((ours.amount, theirs.amount))
    return high - low <= _NEAR_COUNT or (low > 0 and high / low <= _NEAR_RATIO)


def _same_other_numbers(one: str, other: str) -> bool:
    """Besides their days, the two write the same numbers: "At close on April 22, shares fell
    to $35.50" / "At open on April 25, shares rose to $37" are two moments, not one happening
    given two days."""

    return numbers(_without_days(one)) == numbers(_without_days(other))


def _without_days(sentence: str) -> str:
    """The sentence with its days ("April 23", "Nov. 6, 2024") taken out."""
    for pattern in (DATE_EXPRESSION, DAY_MONTH):
        sentence = pattern.sub(" ", sentence)
    return sentence


def _one_count(cited: Counted, other: Counted, one_day: bool) -> bool:
    """Whether two values of one quantity count one thing at one moment (so that they differ),
    read from their sentences; each of `cited`, `other` is (sentence, published, value), and
    `one_day` says whether both sentences give the day counted, the same ("on Thursday" of a
    Saturday's article, "on 9 March")."""
    (ours, our_day, mine), (theirs, their_day, value) = cited, other
    if bearing(ours, mine) != bearing(theirs, value):
        return False  # "about 535 miles north-northwest of" / "about 695 miles west-northwest"
    if rounded_alike((ours, mine), (theirs, value)):
        return False  # "kidnapped about 250 people" / "253 people were taken hostage"
    if fate(ours, mine) != fate(theirs, value):
        return False  # "four people were injured" / "Storm kills at least 5 people"
    stages = {vote_stage(ours, mine), vote_stage(theirs, value)}
    if len(stages) > 1 and any(stages):
        return False  # "64% of the early vote" / "53.8% of the votes"
    if our_day == their_day:
        return True
    if updated_copy(cited, other):
        return False  # "the INE count of more than 77% of the vote" (2 June) → "… 85% …" (3 June)
    if tally(ours, mine) or tally(theirs, value):
        return False  # "150,000 have fled" (26 Feb) → "200,000 have fled" (27 Feb)
    if not one_day and state_reading(ours, mine) and state_reading(theirs, value):
        return False  # "14,000 customers were without power" (9 Aug) → "11,000 remained …"
    # "10 people had died" (28 Sept) → "at least 11 people died" (29 Sept)
    return one_day or not count_rose(cited, other)


def _stat_line(values: list[Value]) -> bool:
    """Counts of STAT_LINE_UNITS or more different things in one sentence: a row of figures
    (a player's points, rebounds and assists), not a report of one count."""
    return len({v.unit for v in values}) >= STAT_LINE_UNITS


def _one_day_said(sentence: str) -> bool:
    """The sentence states one day: "Travel packages went on sale Thursday, Jan. 18 … passes go
    on sale Friday, Jan. 19" states two, and which one another report's day answers is unknown."""
    return len(DATE_EXPRESSION.findall(sentence)) + len(DAY_MONTH.findall(sentence)) <= 1


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
    citations: Sequence[Citation], hits: Sequence[Hit], tagger: EntityTagger | None = None
) -> list[tuple[Conflict, Citation]]:
    """Conflicts between the cited quotes and other stories' sentences, each with the new
    citation (numbered after the answer's) that shows the other value. With a `tagger`, two
    sentences that each name someone the other does not are two subjects, not two reports."""
    story_of = {hit.article_id: hit.story_id or hit.article_id for hit in hits}
    next_number = max((c.n for c in citations), default=0) + 1
    results: list[tuple[Conflict, Citation]] = []
    settled: set[tuple[str, str]] = set()
    # Each sentence of the hits, split and reduced to its words once.
    told = [
        (hit, span, hit.text[span.start : span.end]) for hit in hits for span in sentences_of(hit)
    ]
    words = [content_words(sentence) for _, _, sentence in told]
    for citation in citations:
        cited_story = story_of.get(citation.article_id, citation.article_id)
        cited_words = content_words(citation.quote)
        for (hit, span, sentence), theirs in zip(told, words, strict=True):
            if story_of.get(hit.article_id, hit.article_id) == cited_story:
                continue
            if not _shares(cited_words, theirs):
                continue
            found = _difference(citation, sentence, hit)
            if found is None or (cited_story, found[0]) in settled:
                continue
            if tagger is not None and two_subjects(citation.quote, sentence, tagger):
                continue  # "Dallas has played 56 games" / "Detroit has played 84 games"
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
