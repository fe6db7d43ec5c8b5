"""A "who" answer that is the one acted upon, not the actor: "Who will bring the astronauts
home?" → **Suni Williams and Butch Wilmore**, of "The Crew-9 astronauts will … also bring home
Suni Williams and Butch Wilmore" (real news, Boeing's Starliner). The question asks who does
the deed (its verb right after "who" and any helper); the span stands right after that verb in
the sentence, where its object stands. Such a short answer is not said as sure.

Not for questions that ask for the object ("Who did Trump pick?", "Who is the NASA
administrator?": a name or "the" after the helper; "Who was appointed …?": the passive), nor
for an agent after "by" ("was won by Joe Biden").
"""

from __future__ import annotations

import re

from assistant.answering.over_time.editions import NUMBER as EDITION_NUMBER
from assistant.answering.question.parse import stems

# "Who will bring …", "Who brought …", "Who is leading …": the question's verb, right after "who"
# and a helper. A capital, a determiner or a pronoun there asks for the object instead.
_ASKS_ACTOR = re.compile(
    r"^\W*(?i:who)\s+(?:(?P<helper>will|would|can|could|shall|should|may|might|did|does|do|has"
    r"|have|had|is|are|was|were)\s+)?(?P<verb>[a-z][a-z'-]*)\b"
)
_NOT_VERBS = frozenset(
    {
        "the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "he",
        "she", "they", "it", "we", "you", "i", "our", "my", "your", "not", "also", "still", "one",
        "two", "first", "last", "most", "more",
    }
)  # fmt: skip
_BE = frozenset({"is", "are", "was", "were"})  # before a verb not in -ing: the passive
_WORD = re.compile(r"[\w'’-]+")
_OBJECT_WORDS = 3  # words between the verb and the span ("bring home Starliner astronauts Suni …")
# Words that end the verb's object before the span: the span is another part ("replaced Calhoun
# with Kelly Ortberg": with whom; "won by Joe Biden": the doer).
_OTHER_PART = re.compile(
    r"[,;:()]|\b(?:with|to|by|as|for|from|of|in|on|at|after|before|than|and|or|but|who|which"
    r"|that|said|says)\b",
    re.IGNORECASE,
)


def acted_upon(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the short answer at `before_answer` stands as the object of the verb a "who
    does it?" question asks the doer of: at most three words between them, none that starts
    another part of the clause."""
    asked = _ASKS_ACTOR.match(question)
    if asked is None or asked.group("verb") in _NOT_VERBS:
        return False
    if asked.group("helper") in _BE and not asked.group("verb").endswith("ing"):
        return False  # "Who was appointed …?" asks for the one acted upon
    verb = stems(asked.group("verb"))
    if not verb:
        return False
    before = sentence[: max(0, before_answer)]
    words = list(_WORD.finditer(before))[-(_OBJECT_WORDS + 1) :]
    return any(
        stems(word.group(0)) == verb and not _OTHER_PART.search(before, word.end())
        for word in words
    )


# Words that may follow the deed's object without making it part of a longer name: a
# preposition, a conjunction, a clause's start ("won Super Bowl 58 *on* Sunday").
_ENDS_OBJECT = frozenset(
    {
        "on", "in", "at", "for", "by", "with", "and", "or", "but", "as", "after", "before", "to",
        "from", "of", "over", "against", "when", "while", "since", "that", "which", "who", "this",
        "last", "again", "its", "their", "his", "her", "into", "despite",
        "today", "yesterday", "tonight", "overnight", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday",
    }
)  # fmt: skip
_EDITION = re.compile(rf"^(?:{EDITION_NUMBER})$")
_ARTICLES = frozenset({"the", "a", "an"})  # left out of the object and what follows it


def names_another_prize(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the sentence says the answer did the deed asked about to something the
    question's object only qualifies: "Patrick Mahomes won Super Bowl 58 MVP" for who won the
    Super Bowl (the MVP award, not the game)."""
    asked = _ASKS_ACTOR.match(question)
    if asked is None or asked.group("verb") in _NOT_VERBS:
        return False
    object_words = [w.lower() for w in _WORD.findall(question[asked.end() :])]
    object_words = [w for w in object_words if w not in _ARTICLES]
    if not 0 < len(object_words) <= _OBJECT_WORDS:
        return False
    after = [w.group(0) for w in _WORD.finditer(sentence[max(0, before_answer) :])]
    verb = stems(asked.group("verb"))
    for at, word in enumerate(after[: _OBJECT_WORDS + 4]):
        if verb and stems(word) == verb:
            rest = [w for w in after[at + 1 :] if w.lower() not in _ARTICLES]
            named = [w.lower() for w in rest[: len(object_words)]]
            if named != object_words:
                return False
            more = rest[len(object_words) :]
            if more and _EDITION.match(more[0]):
                more = more[1:]
            follows = more[0].lower() if more else ""
            return follows.isalpha() and follows not in _ENDS_OBJECT and not follows.endswith("ly")
    return False
