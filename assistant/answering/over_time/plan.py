"""What the answer chain does with time and stories around the answer generator: the as-of date
and a question's time words become filters, "latest" reads the newest source, citations get
their age, a stale "latest" answer says so, and disagreeing stories are shown side by side."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from assistant.answering.evidence.years import another_period
from assistant.answering.over_time.background import asks_for_background
from assistant.answering.over_time.conflicts import find_conflicts
from assistant.answering.over_time.passed_plans import day_to_come, passed_day
from assistant.answering.over_time.timeline import Timeline, TimelineBuilder, timeline_answer_text
from assistant.answering.question.parse import stems
from assistant.answering.types import Answer, AnswerSentence
from assistant.articles.dates import MONTH
from assistant.entities import EntityTagger
from assistant.retrieval import Hit, SearchFilters
from assistant.timeframe import (
    STALE_AFTER_DAYS,
    TimeConstraint,
    age_days,
    describe_age,
    format_day,
    month_end,
    shift_days,
)

# A present-tense fact (a role, a price, a status) from a source this old is given "as of" it.
STALE_FACT_DAYS = 90
_PRESENT_STATE = re.compile(
    r"^\W*(?:who|what|which(?:\s+\w+)?|where|when|how\s+(?:high|big|large|long)"
    r"|how\s+(?:much|many)(?:\s+[\w-]+){0,3}?)\s+"
    r"(?:is|are|’s|'s|does|do|has|have|leads|heads|runs|owns|chairs|holds|costs?)\b",
    re.IGNORECASE,
)
SPEAKS_TO = 0.5  # a hit "speaks to" the question at this share of the best hit's score
NAMED_SPEAKS_TO = 0.25  # … and at this share when its article names what the question names
# A report this much older than the newest article that speaks to the question may tell of an
# earlier round of a story that comes back (a summit, a Super Bowl, a leadership race): half a
# year. On four RealTime QA samples the answers in bold from such reports were 2, both wrong;
# those from reports 60-141 days older (two right, three wrong) stay as they are.
NEWER_REPORTS_DAYS = 180
# A question about the round of a story that is now or to come ("the annual G7 summit", "France's
# next prime minister", "will … this fall"); "Which banks did Tokyo designate?" asks of what was.
_CURRENT_ROUND = re.compile(
    r"\b(?:annual|yearly|next|new|upcoming|recent(?:ly)?|will|this\s+(?:year|season|fall|autumn"
    r"|spring|summer|winter|week|month))\b",
    re.IGNORECASE,
)
# A year or a day the question names ("in 2022", "from April 1") asks of its own time.
_ASKED_TIME = re.compile(
    rf"\b(?:1[5-9]|20)\d\d\b|\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}\b", re.IGNORECASE
)
# What happened in a range is often reported after it ends ("what did the minister say on
# 7 November?" is answered by an article of 24 November): publication may run this much later.
REPORTING_LAG_DAYS = 30


def constrained(filters: SearchFilters, constraint: TimeConstraint, as_of: date) -> SearchFilters:
    """The caller's filters narrowed by the question's time range and the as-of date."""
    after = max((d for d in (filters.published_after, constraint.after) if d), default=None)
    until = constraint.before
    if until is not None:
        until = min(shift_days(until, REPORTING_LAG_DAYS), as_of)
    before = min((d for d in (filters.published_before, until) if d), default=None)
    # An undated article may be of any time: the question's own range lets it through (its
    # citation says "date unknown"); a range the caller set keeps it out, as documented.
    keep_undated = not (filters.published_after or filters.published_before)
    return replace(
        filters,
        published_after=after,
        published_before=before,
        as_of=as_of,
        keep_undated=keep_undated,
    )


def dated_first(hits: list[Hit], filters: SearchFilters) -> list[Hit]:
    """Under a question's own date range, undated articles are read only when no dated article
    in the range speaks to the question."""
    if not (filters.keep_undated and (filters.published_after or filters.published_before)):
        return hits
    in_range = [hit for hit in hits if hit.published is not None]
    return in_range or hits


def anchor_day(timelines: TimelineBuilder, event: str, as_of: date) -> date | None:
    """The day of a named happening ("the invasion"): the earliest dated event that names it."""
    words = set(stems(event))
    timeline = timelines.build(event, as_of)
    for found in timeline.events:
        if words & set(stems(found.text)):
            return found.date
    return None


def earlier_years(hits: Sequence[Hit], constraint: TimeConstraint) -> list[int]:
    """The years before the one a yearless month or day was read as ("in March" asked in
    December 2026: March 2026), latest first, whose same month holds an article that speaks to
    the question (published in it, or within REPORTING_LAG_DAYS after it)."""
    if constraint.after is None or not hits:
        return []
    best = max(hit.score for hit in hits)
    years: set[int] = set()
    for hit in hits:
        if hit.published is None or hit.score < SPEAKS_TO * best:
            continue
        for year in (hit.published.year, hit.published.year - 1):
            moved = constraint.range_in(year)
            if moved is None or year >= constraint.after.year:
                continue
            if moved[0] <= hit.published <= shift_days(moved[1], REPORTING_LAG_DAYS):
                years.add(year)
    return sorted(years, reverse=True)


def few_per_article(hits: Sequence[Hit], most: int) -> list[Hit]:
    """`hits` in order, at most `most` of each article's."""
    taken: Counter[str] = Counter()
    kept = []
    for hit in hits:
        taken[hit.article_id] += 1
        if taken[hit.article_id] <= most:
            kept.append(hit)
    return kept


def newest_articles(
    hits: Sequence[Hit], named: Callable[[Sequence[Hit]], bool] | None = None
) -> list[list[Hit]]:
    """The hits that speak to the question, grouped by article, newest article first. With
    `named` (whether an article's hits name all that the question names), an article speaks to
    it when it names them, at NAMED_SPEAKS_TO of the best hit's score, and never when it does
    not: the Dali refloated on 20 May names the Key Bridge in a short report that scores 0.39
    of the best for "What is the latest on the Key Bridge?", below ten reports of March."""
    if not hits:
        return []
    best = max(hit.score for hit in hits)
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        if hit.score >= (SPEAKS_TO if named is None else NAMED_SPEAKS_TO) * best:
            groups.setdefault(hit.article_id, []).append(hit)
    if named is not None:
        groups = {article: group for article, group in groups.items() if named(group)}
    return sorted(
        groups.values(),
        key=lambda group: group[0].published.toordinal() if group[0].published else 0,
        reverse=True,
    )


def dated(
    answer: Answer, as_of: date, constraint: TimeConstraint, hits: Sequence[Hit] = ()
) -> Answer:
    """Every citation with its age as of the date; a "latest" answer says how new its source
    is, and that it may be out of date when that is more than STALE_AFTER_DAYS old (its short
    answer then not in bold); an answer from a report long older than the newest of the `hits`
    that speak to the question says so (`_newer_reports`)."""
    citations = tuple(
        replace(c, age=describe_age(c.published, as_of), age_days=age_days(c.published, as_of))
        for c in answer.citations
    )
    answer = replace(answer, citations=citations, as_of=as_of, time=constraint)
    if answer.status != "answered" or not citations:
        return answer
    if constraint.relaxed:
        answer = _outside_the_range(answer, constraint)
    elif constraint.first_read:
        answer = _in_an_earlier_year(answer, constraint)
    answer = _passed_day(answer, as_of)
    answer = _day_to_come(answer, as_of)
    answer = _other_year(answer, constraint)
    if not constraint.newest:
        return _newer_reports(_as_of_its_source(answer, as_of, constraint), hits, constraint)
    newest = max(citations, key=lambda c: c.published or date.min)
    if newest.published is None:
        note = f"The newest source [{newest.n}] is undated."
    else:
        same = newest.published == as_of
        than = "the same day as" if same else f"{describe_age(newest.published, as_of)} than"
        day = format_day(newest.published)
        note = f"Newest source: {day} [{newest.n}], {than} {format_day(as_of)}"
        if (as_of - newest.published).days > STALE_AFTER_DAYS:
            note += f": more than {STALE_AFTER_DAYS} days old, so later news may be missing."
            # What may have been overtaken is not said as sure: "Tom Brady recently became a
            # part owner of which NFL team?" asked in 2024 had **Birmingham City** (2023).
            return answer.doubted(AnswerSentence(note, (newest.n,), derived=True))
        note += "."
    sentence = AnswerSentence(note, (newest.n,), derived=True)
    return replace(answer, sentences=(*answer.sentences, sentence))


def _passed_day(answer: Answer, as_of: date) -> Answer:
    """An answer to "when will …?" whose day had passed by the as-of date is from an older
    report (deadlines move): not in bold, and said so."""
    short = answer.short_answer
    if short is None or not answer.sentences or passed_day(answer, as_of) is None:
        return answer
    source = answer.short_source
    report = f" of {format_day(source.published)}" if source and source.published else ""
    return _doubted(
        answer,
        f"That day had passed by {format_day(as_of)}: the report{report} may be out of date.",
    )


def _day_to_come(answer: Answer, as_of: date) -> Answer:
    """An answer to "when did …?" whose day was still to come on the as-of date tells of a
    plan or a forecast, not of what happened: not in bold, and said so."""
    if answer.short_answer is None or not answer.sentences or day_to_come(answer, as_of) is None:
        return answer
    return _doubted(
        answer,
        f"That day was still to come on {format_day(as_of)}: the question asks what happened.",
    )


def _doubted(answer: Answer, note: str) -> Answer:
    """The answer with its short answer out of bold and `note`, citing the short answer's
    source, at its end."""
    assert answer.short_answer is not None
    return answer.doubted(AnswerSentence(note, (answer.short_answer.citation,), derived=True))


def _other_year(answer: Answer, constraint: TimeConstraint) -> Answer:
    """A short answer from a passage of another period than the question's ("In 2023, how many
    …?" answered from "… in 2022, one of 88 …"; `another_period`) is not in bold, and says so —
    also where the answerer did not see the question's time phrase ("In 2023" is taken out of
    the words it reads)."""
    short = answer.short_answer
    if short is None or not answer.sentences:
        return answer
    source = answer.short_source
    asked = f"{answer.standalone_question or answer.question} {constraint.phrase}"
    elsewhen = another_period(asked, source.quote) if source else None
    if elsewhen is None or answer.sentences[0].text != short.lead(sure=True):
        return answer
    return _doubted(answer, elsewhen)


def _as_of_its_source(answer: Answer, as_of: date, constraint: TimeConstraint) -> Answer:
    """A present-tense answer ("Who is Japan's prime minister?") from a source more than
    STALE_FACT_DAYS older than the as-of date says of when it is, and its short answer is not
    in bold: roles, prices and states change."""
    asked = answer.standalone_question or answer.question
    if (constraint.after or constraint.before) and not constraint.relaxed:
        return answer  # the question names its own time
    if not _PRESENT_STATE.search(asked) or not answer.sentences:
        return answer
    cited = {n for n in answer.sentences[0].citations}
    sources = [c for c in answer.citations if c.n in cited and c.published] or [
        c for c in answer.citations if c.published
    ]
    if not sources:
        return answer
    newest = max(sources, key=lambda c: c.published or date.min)
    if newest.published is None or (as_of - newest.published).days <= STALE_FACT_DAYS:
        return answer
    note = AnswerSentence(
        f"As of {format_day(newest.published)}, the date of its source; it may have changed "
        f"since. [{newest.n}]",
        (newest.n,),
        derived=True,
    )
    # What may have changed is not said in bold (RealTime QA: a 2018 comedian for 2024's).
    return answer.doubted(note)


def _newer_reports(answer: Answer, hits: Sequence[Hit], constraint: TimeConstraint) -> Answer:
    """A short answer in bold from an article more than NEWER_REPORTS_DAYS older than the newest
    article that speaks to the question is not given as sure, and says of when it is, when the
    question asks of the story's round now or to come (`_CURRENT_ROUND`) and names no time of
    its own: the library holds newer reports, and the story may have come round again
    (RealTime QA, June 2024: "World leaders gathered in which country for the annual G7 summit?"
    was **Germany**, from a June 2022 article)."""
    short, asked = answer.short_answer, answer.standalone_question or answer.question
    if short is None or not answer.sentences or not hits:
        return answer
    if answer.sentences[0].text != short.lead(sure=True):
        return answer  # not in bold already
    if constraint.after or constraint.before or _ASKED_TIME.search(asked):
        return answer  # the question names its own time
    if asks_for_background(asked) or not _CURRENT_ROUND.search(asked):
        return answer
    source = answer.short_source
    newest = next((g[0].published for g in newest_articles(hits) if g[0].published), None)
    published = source.published if source else None
    if source is None or published is None or newest is None:
        return answer
    if (newest - published).days <= NEWER_REPORTS_DAYS:
        return answer
    note = AnswerSentence(
        f"This is from an article of {format_day(published)}; the articles hold newer "
        f"reports on it (to {format_day(newest)}), so it may be out of date. "
        f"[{source.n}]",
        (source.n,),
        derived=True,
    )
    return answer.doubted(note)


def _outside_the_range(answer: Answer, constraint: TimeConstraint) -> Answer:
    """Say that nothing in the question's date range answered, and of when the answer is."""
    first = answer.citations[0]
    when = format_day(first.published) if first.published else "an undated article"
    note = (
        f"Nothing in the articles for “{constraint.phrase}” answers this; "
        f"this answer is from {when} [{first.n}]."
    )
    # An answer from outside the range asked for is not given as sure (the sample corpus: 2006
    # luxury-goods ban was **Russia**, from a 2022 article).
    return answer.doubted(AnswerSentence(note, (first.n,), derived=True))


def _in_an_earlier_year(answer: Answer, constraint: TimeConstraint) -> Answer:
    """Say that the latest such month held nothing that answers, and which one the answer is
    from; not in bold, since the question did not say which year."""
    if constraint.first_read is None or constraint.after is None or constraint.before is None:
        return answer
    first = answer.citations[0]
    asked, found = _period(*constraint.first_read), _period(constraint.after, constraint.before)
    source = f"article of {format_day(first.published)}" if first.published else "undated article"
    note = (
        f"Nothing in the articles of {asked} answers this; this answer is from {found} "
        f"({source} [{first.n}])."
    )
    return answer.doubted(AnswerSentence(note, (first.n,), derived=True))


def _period(first: date, last: date) -> str:
    """'25 March 2022' for a day, 'March 2022' for a month, '21–31 March 2022' for part of one."""
    if first == last:
        return format_day(first)
    if (first.year, first.month) != (last.year, last.month):
        return f"{format_day(first)} – {format_day(last)}"
    if first.day == 1 and last == month_end(last.year, last.month):
        return first.strftime("%B %Y")
    return f"{first.day}–{last.day} {first:%B %Y}"


def with_conflicts(
    answer: Answer, hits: Sequence[Hit], tagger: EntityTagger | None = None
) -> Answer:
    """The answer with a 'Reports differ: …' sentence for every conflict between stories."""
    if answer.status != "answered":
        return answer
    found = find_conflicts(answer.citations, hits, tagger)
    if not found:
        return answer
    conflicts = tuple(conflict for conflict, _ in found)
    added = tuple(citation for _, citation in found)
    sentences = tuple(
        AnswerSentence(
            conflict.sentence(), tuple(r.citation for r in conflict.reports), derived=True
        )
        for conflict in conflicts
    )
    return replace(
        answer,
        sentences=(*answer.sentences, *sentences),
        citations=(*answer.citations, *added),
        conflicts=conflicts,
    )


def timeline_as_answer(question: str, timeline: Timeline) -> Answer:
    """A timeline told in the chat: one sentence per event, in order, each with its sources."""
    events = [*timeline.events, *timeline.undated]
    if not events:
        return Answer.not_found(question)
    sentences = tuple(
        AnswerSentence(
            timeline_answer_text(event) + " " + "".join(f"[{c.n}]" for c in event.citations),
            tuple(c.n for c in event.citations),
        )
        for event in events
    )
    citations = tuple(c for event in events for c in event.citations)
    return Answer(
        question, "answered", sentences, citations, timeline=timeline, as_of=timeline.as_of
    )
