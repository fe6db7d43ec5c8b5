"""Whether a short answer is said as sure, or led by "Not sure:": the checks of the sentence it
comes from that the reader's confidence does not see."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answering.evidence.acted_upon import acted_upon, names_another_prize
from assistant.answering.evidence.another_subject import another_named
from assistant.answering.evidence.attribution import only_the_source
from assistant.answering.evidence.count_parts import a_rate, one_of_counts, other_side
from assistant.answering.evidence.denied import denied
from assistant.answering.evidence.lists import one_of_joined, one_of_several
from assistant.answering.evidence.not_yet import not_yet
from assistant.answering.evidence.reading import Read
from assistant.answering.evidence.recalled import (
    after_which,
    another_deeds_doer,
    another_deeds_time,
    recalled,
)
from assistant.answering.evidence.role_holders import past_office_place
from assistant.answering.evidence.roles import full_name
from assistant.answering.evidence.routes import an_origin
from assistant.answering.evidence.superseded import superseded
from assistant.answering.evidence.supposed import allowed_time, supposed
from assistant.answering.over_time.background import asks_for_background, old_time
from assistant.answering.question.parse import Question
from assistant.answering.question.relative_time import time_mentions
from assistant.answering.types import ShortAnswer
from assistant.entities import EntityTagger
from assistant.retrieval import Hit

# Where the short answer stands that it is not said as sure (each: question, sentence, offset).
# "Any strike that lasts more than one week could …" is not a fact; nor is "Neither New Castle
# County nor Verizon responded" a place, nor "according to Corey Krejcik, general manager" the
# winery's buyer, nor "11" of "11 Arizona Republicans and seven former aides" how many were
# charged, nor "two months after he was nearly killed at an event in Pennsylvania" where the
# second attempt was, nor "4.3 babies … each second" how many were born in a year, nor "a flight
# from Portland" where it landed, nor "have about 50 minutes to complete it" its length, nor
# "shot on a New York City sidewalk, police still have not found the shooter" where he was caught,
# nor "declared martial law before reversing the move early Wednesday" when he declared it, nor
# "after the total solar eclipse on April 8, 2024, the next …" when the next one is, nor "when the
# Chiefs won" whom Taylor Swift kissed, nor "Patrick Mahomes won Super Bowl 58 MVP" who won it.
NOT_SURE_RULES = (
    supposed, denied, only_the_source, one_of_counts, a_rate, other_side, recalled, superseded,
    acted_upon, an_origin, allowed_time, not_yet, another_deeds_time, after_which,
    another_deeds_doer, names_another_prize,
)  # fmt: skip


def said_as_sure(
    parsed: Question,
    best: Read,
    short: ShortAnswer,
    hits: Sequence[Hit],
    tagger: EntityTagger,
    sure: bool,
) -> tuple[ShortAnswer, bool]:
    """The short answer — asked who, as the full name the articles give ("Scott" → "Brandon
    Scott") — and whether it is still said as sure (`sure`: as far as its confidence and period
    go) once its sentence is read for what says otherwise."""
    sentence = best.candidate.text
    at = (short.start - best.candidate.start, short.end - best.candidate.start)
    if any(rule(parsed.text, sentence, at[0]) for rule in NOT_SURE_RULES):
        sure = False
    if sure and another_named(parsed, sentence, tagger, at):
        sure = False  # "Biden joined TikTok in February." for when Trump joined it
    if sure and parsed.kind == "when" and _week_unsure(best, at):
        sure = False  # "Ryan Routh was apprehended Sunday" in a Saturday's article
    if parsed.kind == "who":  # "Turkey" of "Turkey, which supports the opposition, and
        # Russia" is not said as sure to have brokered it
        hit = best.candidate.hit
        short = past_office_place(short, hit.text, short.start - hit.start, tagger)
        short = full_name(short, best, hits, parsed.text)
        sure = sure and not one_of_joined(sentence, at[1])
    # Asked who the crew are, "Isaacman" alone is not said as sure; nor one of "which states"
    sure = sure and not one_of_several(parsed.text, short.text)
    return short, sure


def dated_earlier(parsed: Question, read: Read) -> bool:
    """Whether the read's sentence dates what it says months before its article ("In 2020, at
    least 120 people died …" in a 2024 article): it may tell of another event than the one
    asked about, so its short answer is not put in bold — unless the question asks when, names
    a time or asks for an earlier event."""
    published = read.candidate.hit.published
    if published is None or parsed.kind == "when" or asks_for_background(parsed.text):
        return False
    return old_time(read.candidate.text, published)


def _week_unsure(best: Read, at: tuple[int, int]) -> bool:
    """Whether the short answer at `at` (offsets of the read's sentence) is a bare weekday
    that may be the day after its article's date or the one six days before it: "Syrian rebels
    seized Damascus on Sunday" (a live page dated the Saturday before: the 8th) and "Ryan Routh
    was apprehended Sunday" (a Saturday's look back: the Sunday before) read alike."""
    published = best.candidate.hit.published
    return any(
        m.or_week_before and m.start < at[1] and at[0] < m.end
        for m in time_mentions(best.candidate.text, published)
    )
