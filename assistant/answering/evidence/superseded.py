"""A plan the article itself says was replaced: "Before the new return date, the Starliner was
previously scheduled to be back on Earth by June 22", "Before the June 22 return date, the
spacecraft was anticipated to land no earlier than June 18", "the launch, originally set for
May 6". Asked "When will the astronauts return?", **June 22** in bold was the old plan: news
revises plans, and the article says so in the words before the answer.

Such an answer goes after every other sentence the reader finds answering
(`current_plans_first`, which keeps its rank: the confidence still sees it as a rival), and is
never said as sure. A question that asks for the earlier plan ("When was the launch originally
scheduled?", "How long were they supposed to stay?") is answered by it as by any sentence.
"""

from __future__ import annotations

import re

from assistant.answering.evidence.news import asks_for_plan
from assistant.answering.evidence.reading import Read
from assistant.answering.question.looks_ahead import FUTURE
from assistant.answering.question.parse import Question, stems

_PLANNED = r"(?:scheduled|slated|set|planned|expected|targeted|due|anticipated|supposed|meant)"
# Words that say the plan that follows was an earlier one.
_EARLIER_PLAN = re.compile(
    rf"\b(?:previously|originally|initially|at first)\s+(?:been\s+)?{_PLANNED}\b"
    rf"|\bhad\s+(?:previously\s+|originally\s+|initially\s+)?been\s+{_PLANNED}\b"
    r"|\b(?:was|were)\s+(?:supposed|meant)\s+to\b"
    r"|^\W*Before\s+the\s+(?:new|revised|latest|updated|current)\b"
    r"|^\W*Before\s+the\s+[^,.;]{0,40}?\bdate\b",
    re.IGNORECASE,
)
# Words after which the sentence tells the plan that holds now ("…, is now set for June 1").
_NOW = re.compile(r"\b(?:now|instead|new|newly|latest|revised|rescheduled|moved|pushed)\b", re.I)
# A question of what is to come ("When will Crew-9 launch?"), and a sentence in the past perfect
# ("In August, NASA had delayed the Crew-9 launch to no earlier than Tuesday"): it tells what
# was so before its article's news, not the plan that holds.
_HAD_DONE = re.compile(r"\bhad\s+(?:been\s+)?[a-z]+(?:ed|en|wn|un|ut|ne|ght)\b")
# Asked what is to come, the asked deed told as done next to the answer: "This week the House of
# Representatives voted to pass a TikTok bill" for "When will the Senate vote on the TikTok
# bill?" (**This week** in bold: the House's vote), "launched June 5" for when it will launch.
_PAST_WORD = re.compile(r"\b[a-z]{3,}ed\b")
_DONE_NEAR = 8  # words either side of the answer in which the asked deed is looked for
# Asked what is to come, a day right after a deed told as done ("they launched June 5", "docked
# on June 6") is that deed's; a plan moved to a day ("delayed to June 26") is told with "to".
_DONE_ON = re.compile(
    rf"\b(?!(?:re)?{_PLANNED}\b|postponed\b|delayed\b|moved\b|pushed\b)[a-z]{{3,}}ed\s+(?:on\s+)?$"
)
# A question that asks for the earlier plan itself.
_ASKS_EARLIER_PLAN = re.compile(
    r"\b(?:previous(?:ly)?|original(?:ly)?|initial(?:ly)?|at first|first|supposed|meant|before"
    r"|earlier|old)\b",
    re.IGNORECASE,
)


def superseded(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the words at `before_answer` of `sentence` give a plan the sentence says was
    replaced (the last such words before them, and no "now" or "new" between), for a question
    that does not ask for the earlier plan; or, asked what is to come, whether the sentence
    tells what had been done before its news (past perfect, no "now") or tells the asked deed as
    done next to the answer ("This week the House … voted")."""
    if _ASKS_EARLIER_PLAN.search(question):
        return False
    marks = [m for m in _EARLIER_PLAN.finditer(sentence) if m.end() <= max(0, before_answer)]
    if marks:
        return _NOW.search(sentence, marks[-1].end(), before_answer) is None
    if not asks_for_plan(question):
        return False
    if _DONE_ON.search(sentence[: max(0, before_answer)]):
        return True  # "… when they launched June 5": the day of a deed done, no plan
    return bool(_HAD_DONE.search(sentence) and not _NOW.search(sentence)) or _done_near(
        question, sentence, max(0, before_answer)
    )


def _done_near(question: str, sentence: str, at: int) -> bool:
    """Whether a word of the question stands in the past tense within _DONE_NEAR words of the
    answer at `at`, with nothing between them that looks ahead ("will", "expected" …)."""
    asked = set(stems(question))
    before = sentence[:at]
    words_before = before.split()[-_DONE_NEAR:]
    low = at - len(" ".join(words_before)) if words_before else at
    after = sentence[at:]
    high = at + len(" ".join(after.split()[: _DONE_NEAR + 1]))
    for found in _PAST_WORD.finditer(sentence, low, high):
        if not set(stems(found.group(0))) & asked:
            continue
        between = sentence[found.end() : at] if found.end() <= at else sentence[at : found.start()]
        if not FUTURE.search(between):
            return True
    return False


def _replaced(parsed: Question, read: Read) -> bool:
    """Whether the read's span is a plan its sentence says was replaced ("… was previously
    scheduled to be back on Earth by June 22")."""
    span, candidate = read.span, read.candidate
    return span is not None and superseded(parsed.text, candidate.text, span[0] - candidate.start)


def current_plans_first(
    parsed: Question, ranked: list[tuple[float, Read]], floor: float
) -> list[tuple[float, Read]]:
    """The reads in order, those that give a replaced plan after every other read the reader
    finds answering (≥ `floor`). Their ranks stay as they are: the confidence still sees them as
    rivals of the answer (penalised, they had put **August** in bold for "When did Crew-9
    launch?" — "In August, NASA had delayed the Crew-9 launch …" — once "Originally scheduled
    for an Aug. 18 launch" no longer stood beside it)."""
    replaced = [_replaced(parsed, read) for _, read in ranked]
    if not any(replaced) or not any(
        read.score >= floor for (_, read), old in zip(ranked, replaced, strict=True) if not old
    ):
        return ranked
    order = sorted(range(len(ranked)), key=lambda n: replaced[n])  # stable: ranks within each
    return [ranked[n] for n in order]
