"""A sentence about someone else of the same kind: "When did Trump join TikTok?" → **February**,
of "Biden joined TikTok in February." (real news, 3 June 2024: the article's title names Trump,
so the sentence passes the names check through its context). When the sentence itself does not
name one of the question's people, bodies or places and opens with another of that kind instead
— or with a place, when the question's is a person or body — (spaCy's entities, in its first
words: where its subject stands), what it says is that other one's deed: its short answer is not
said as sure.

spaCy's small model often calls a person an organisation ("Trump", "Biden": ORG), so people and
bodies are one kind here, places and nationalities another.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answering.question.names import unmentioned, words_of
from assistant.answering.question.parse import Question
from assistant.entities import Entity, EntityTagger

# Kinds of names whose one member does not stand for another: who acts (a person, a company or
# body), and where (a country or city, a nationality or party).
_KIND = {"PERSON": "actor", "ORG": "actor", "GPE": "place", "NORP": "place"}
# The kinds of a sentence's subject that are someone else than the question's name of a kind:
# asked about a person or body, a sentence led by a place tells that place's deed ("The U.S. has
# documented three cases of humans with bird flu in 2024." put **2024** in bold for when Moderna
# got its vaccine funding, real news of 2 July 2024); asked about a place, a person leading the
# sentence may act for it ("Kishida announced the ban …" answers for Japan).
_OTHERS = {"actor": frozenset({"actor", "place"}), "place": frozenset({"place"})}
_SUBJECT_WORDS = 4  # an entity that starts among the sentence's first words is its subject


def another_named(
    question: Question, sentence: str, tagger: EntityTagger, answer: tuple[int, int]
) -> bool:
    """Whether `sentence` lacks a name of the question and opens, instead, with another of its
    kind that the question does not mention — not the `answer` itself (its sentence offsets:
    "California Gov. Gavin Newsom declared …" answers "… in which US state?")."""
    missing = unmentioned(question, sentence)
    if not missing:
        return False
    asked, said = tagger.entities([question.text, sentence])
    kinds = {
        other
        for e in asked
        if e.label in _KIND
        and any(name in question.text[e.start : e.end].casefold() for name in missing)
        for other in _OTHERS[_KIND[e.label]]
    }
    if not kinds:
        return False
    opening = len(" ".join(sentence.split()[:_SUBJECT_WORDS]))
    lead = len(sentence) - len(sentence.lstrip())
    others = _others(question, sentence, said, kinds, _KIND, answer)
    return any(e.start - lead < opening for e in others)


# For a sentence read although only its passage names the question's names: places of any
# sort (the Earth, the Amazon River, a building) stand against one another too.
_OF_KIND = {**_KIND, "LOC": "place", "FAC": "place"}


def names_a_rival(
    question: Question, sentence: str, tagger: EntityTagger, answer: tuple[int, int]
) -> bool:
    """Whether `sentence`, which does not name some of the question's names, names another of
    their kind that the question does not mention, anywhere but in the `answer` (its sentence
    offsets) — or the tagger does not say what kind a missing name is. A sentence that names
    no rival may speak of the subject its passage named before ("Sunlight … keeps the surface
    at an average temperature of 14 °C" of the Earth); one that does speaks of that other
    ("… ban exports of luxury items to Russia" does not answer for Belarus)."""
    missing = unmentioned(question, sentence)
    if not missing:
        return False
    asked, said = tagger.entities([question.text, sentence])
    kinds: set[str] = set()
    for name in missing:
        labels = [e.label for e in asked if name in question.text[e.start : e.end].casefold()]
        if not labels or any(label not in _OF_KIND for label in labels):
            return True  # what kind of name it is, untold: no sentence may stand for it
        kinds.update(other for label in labels for other in _OTHERS[_OF_KIND[label]])
    return bool(_others(question, sentence, said, kinds, _OF_KIND, answer))


def _others(
    question: Question,
    sentence: str,
    said: Sequence[Entity],
    kinds: set[str],
    of_kind: dict[str, str],
    answer: tuple[int, int],
) -> list[Entity]:
    """The sentence's entities (`said`) of `kinds` by `of_kind` that the question does not
    mention, outside the `answer` (sentence offsets)."""
    mentioned = words_of(question.text)
    return [
        e
        for e in said
        if of_kind.get(e.label) in kinds
        and not (e.start < answer[1] and answer[0] < e.end)
        and not mentioned.mention(sentence[e.start : e.end].casefold(), frozenset())
    ]
