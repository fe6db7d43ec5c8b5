"""Names the question spells otherwise than the articles: "Solznic" read as "Solzinc".

A name of the question that no retrieved passage mentions, while one of them writes a name
with one letter more, one less, or two neighbouring letters swapped ("Zhang Rhou" / "Zhang
Rou", "Rusia" / "Russia", "Solznic" / "Solzinc"), is read as the articles spell it, and the
answer says so. Not taken: a letter changed for another ("Bolton" is not "Boston", "Iran" not
"Iraq"), a name shorter than MIN_CHARS letters ("Olso" / "Oslo"), another first letter, and a
name the passages write in two such ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.question.names import missing_entities
from assistant.answering.question.parse import Question, name_word
from assistant.answering.types import Answer, AnswerSentence
from assistant.retrieval import Hit

MIN_CHARS = 5  # letters of a name (spaces aside) before a slip of one is taken for a misspelling
# Runs of capitalised words: the names a passage writes ("Zhang Rou", "Möngke Khan").
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)*")


def respellings(question: Question, hits: Sequence[Hit]) -> dict[str, str]:
    """{the question's words for a name no hit mentions: the name as the hits write it}, for
    each such name the hits write with one slip of a letter (and in one way only) — or, when
    they write no such name, for each word of it they write so ("Japanese PM Fumio Kishda":
    "Kishda" → "Kishida")."""
    missing = missing_entities(question, hits)
    if not missing:
        return {}
    written = _names_written(hits)
    words = {_folded(word) for word in written.get(1, ())}
    found: dict[str, str] = {}
    for name in missing:
        asked = _as_asked(question.text, name)
        spelling = _one_near(name, written.get(len(name.split()), set()))
        if asked is not None and spelling is not None:
            found[asked] = spelling
            continue
        for word in name.split():
            asked = _as_asked(question.text, word)
            spelling = None if word in words else _one_near(word, written.get(1, set()))
            if asked is not None and spelling is not None:
                found[asked] = spelling
    return found


def _one_near(name: str, written: set[str]) -> str | None:
    """The one way `written` spells `name` with a letter's slip (None: none, or several)."""
    if len(name.replace(" ", "")) < MIN_CHARS:
        return None
    near = {spelling for spelling in written if one_slip(name, _folded(spelling))}
    return sorted(near)[0] if len({_folded(spelling) for spelling in near}) == 1 else None


def respelled(text: str, spellings: dict[str, str]) -> str:
    """`text` with each name of `spellings` written as the articles write it."""
    for asked, spelling in spellings.items():
        text = text.replace(asked, spelling)
    return text


def with_spelling(answer: Answer, spellings: dict[str, str]) -> Answer:
    """An answer to a question whose names were read as the articles spell them says so, and
    its short answer is not in bold: the one meant may be another of the name."""
    if answer.status != "answered" or not spellings or not answer.sentences:
        return answer
    read = "; ".join(f"“{asked}” as “{spelling}”" for asked, spelling in spellings.items())
    note = AnswerSentence(f"(Read {read}, as the articles spell it.)", (), derived=True)
    return answer.doubted(note)


def one_slip(name: str, other: str) -> bool:
    """Whether `other` is `name` with one letter added or left out, or two neighbouring letters
    swapped, and the same first letter ("zhang rhou" / "zhang rou"; not "bolton" / "boston")."""
    if name == other or name[:1] != other[:1]:
        return False
    if abs(len(name) - len(other)) == 1:
        longer, shorter = (name, other) if len(name) > len(other) else (other, name)
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    if len(name) != len(other):
        return False
    differ = [i for i, (a, b) in enumerate(zip(name, other, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and name[differ[0]] == other[differ[1]]
        and name[differ[1]] == other[differ[0]]
    )


def _names_written(hits: Sequence[Hit]) -> dict[int, set[str]]:
    """{number of words: every run of that many capitalised words in the hits and titles}."""
    runs: dict[int, set[str]] = {}
    for hit in hits:
        for match in _NAME_RUN.finditer(f"{hit.title}\n{hit.text}"):
            words = match.group(0).split()
            for size in range(1, len(words) + 1):
                for start in range(len(words) - size + 1):
                    runs.setdefault(size, set()).add(" ".join(words[start : start + size]))
    return runs


def _folded(name: str) -> str:
    """A written name as the question's names are kept: lower-cased, accents folded."""
    return " ".join(name_word(word) for word in name.split())


def _as_asked(question: str, name: str) -> str | None:
    """The question's own words for `name` (a lower-cased, folded name of it), when they stand
    together in it."""
    pattern = r"\b" + r"\s+".join(re.escape(word) for word in name.split()) + r"(?=\W|$)"
    match = re.search(pattern, question, re.IGNORECASE)
    return match.group(0) if match else None
