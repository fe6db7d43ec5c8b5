"""What a question asks for (a date, a number, a person…) and which words and names it turns on."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from assistant.answering.question.aliases import undot
from assistant.answering.question.relative_time import DAY_MONTH, WEEKDAYS
from assistant.articles.dates import DATE_EXPRESSION, parse_date
from assistant.errors import InvalidQuestion

MAX_QUESTION_CHARS = 2000  # the same limit in the chat, the API, the CLI and the Python API
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Kind = Literal["when", "quantity", "who", "which", "where", "why", "other"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_QUESTION_WORDS = {
    "what", "when", "who", "whom", "whose", "which", "where", "why", "how", "did", "does", "do",
    "is", "are", "was", "were", "will", "can", "could", "should", "would", "has", "have", "had",
    "and", "tell", "me", "list", "name", "give", "explain", "describe", "the", "a", "an", "in",
    "on", "of", "to", "for", "please", "summarize", "summarise", "show", "find", "according",
    "compare", "i", "if", "during", "since", "after", "before", "between", "any",
}  # fmt: skip
_STOP = _QUESTION_WORDS | {
    "that", "this", "these", "those", "it", "its", "they", "them", "their", "there", "about",
    "with", "from", "by", "at", "as", "be", "been", "being", "or", "not", "any", "all", "some",
    "mentioned", "articles", "article", "say", "said", "says", "after", "before", "into", "than",
}  # fmt: skip
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_WORD = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS)}|yesterday|today|tomorrow|{_MONTHS}|(?:19|20)\d{{2}}"
    r"|(?:next|last|this|coming|past)\s+(?:week|month|year|weekend))\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?"
    r"|thousands?|millions?|billions?|percent)\b",
    re.IGNORECASE,
)
# An ordinal alone counts nothing: "96th" of "the 96th Oscars ceremony" is no number of viewers.
_ORDINAL = re.compile(r"(?:the\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth)", re.I)
_PERSON = re.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b|\b(?:President|Minister|Secretary|Spokesman|Spokeswoman"
    r"|Chancellor|Governor|Senator|Ambassador|Director|CEO|Chairman|spokesman|minister)\b"
)
_NAMED = re.compile(r"(?<=[a-z,;:] )[A-Z][\w-]+|\b\d+\b")
_REASON = re.compile(
    r"\b(?:because|due to|as a result of|in response to|in retaliation|owing to|the reason"
    r"|in order to|so that|on the grounds)\b",
    re.IGNORECASE,
)
_WEAK_REASON = re.compile(r"\b(?:citing|cited|since|amid|after|over|as)\b", re.IGNORECASE)
# Runs of capitalised words ("South Korea", "US Treasury Secretary", "Group of Seven") are one
# name each.
# A capital that starts a word ("iTunes" names no "Tunes").
_NAME_RUN = re.compile(
    r"(?<![\w'’])[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’.-]*)*"
)
_PLACE = re.compile(r"\b(?:in|at|to|from|near)\s+[A-Z][\w-]+")


@dataclass(frozen=True)
class Question:
    """The parts of a question the answerer scores sentences against."""

    text: str
    kind: Kind
    terms: tuple[str, ...]  # stemmed content words
    entities: tuple[str, ...]  # capitalised names, lower-cased, one string per run of words
    dates: tuple[date, ...] = ()  # full dates the question names ("February 25, 2022")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


# Letters with a mark of their own that Unicode does not split off ("Yıldız", "Łódź", "Søren").
_UNMARKED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """The text without accents: "Möngke" → "Mongke", "Erdoğan" → "Erdogan" (people type names
    without the marks their articles print)."""
    if text.isascii():  # nothing to fold (most news text)
        return text
    decomposed = unicodedata.normalize("NFKD", text).translate(_UNMARKED)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stems(text: str) -> list[str]:
    """Stemmed, lower-cased content words of a text (stop words dropped), accents folded."""
    words = [w.casefold().strip("'’") for w in _WORD.findall(fold(text))]
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]
    kept = [w for w in words if w not in _STOP and len(w) > 1]
    return list(_stemmer().stemWords(kept))


# First match wins: "how many … when" asks for a date, "which … why" for a reason.
_KINDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (
        "when",
        re.compile(r"\bwhen\b|\b(?:what|which) (?:day|date|year|month|time)\b|\bhow long ago\b"),
    ),
    (
        "quantity",
        re.compile(r"\bhow (?:many|much|long)\b|\bwhat (?:number|percentage|amount)\b"),
    ),
    ("who", re.compile(r"\bwho(?:m|se)?\b")),
    ("where", re.compile(r"\bwhere\b")),
    ("why", re.compile(r"\bwhy\b|\bwhat (?:was|is) the reason\b|\bfor what reason\b")),
    ("which", re.compile(r"\bwhich\b")),
)


# "when" opening a clause after another question word: the main clause says what is asked.
_WHEN_CLAUSE = re.compile(r"\s+when\s+\w")
_OPENS_OTHERWISE = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:what|who|whom|whose|which|where|why|how)\b"
    r"(?!\s+(?:day|date|year|month|time)\b|\s+long\s+ago\b)"
)


# The World Health Organization, not the question word: "What did the WHO official say?".
_WHO_ACRONYM = re.compile(r"(?<=\w )WHO\b|\bWHO(?=['’]s\b)")


def without_who_acronym(text: str) -> str:
    """The question with the World Health Organization's "WHO" written so that no pattern takes
    it for the question word."""
    return _WHO_ACRONYM.sub("W.H.O.", text)


def question_kind(text: str) -> Kind:
    """What sort of thing would answer the question."""
    lowered = without_who_acronym(text).casefold().strip()
    clause = _WHEN_CLAUSE.search(lowered) if _OPENS_OTHERWISE.match(lowered) else None
    if clause is not None:  # "How many died when the bridge fell?" asks how many
        lowered = lowered[: clause.start()]
    return next((kind for kind, pattern in _KINDS if pattern.search(lowered)), "other")


# A country's acronym before a name qualifies it: "US Supreme Court" is the Supreme Court the
# articles name with or without it.
_QUALIFIERS = frozenset({"us", "uk", "eu", "un"})
# Short titles after a name say what the named one's member is, not part of the name: "Which
# suspended Conservative Party MP …?" asks of the Conservative Party ("Lee Anderson, formerly the
# Conservative member for Ashfield", RealTime QA: refused), "Tesla CEO" of Tesla.
_TRAILING_TITLES = frozenset({"mp", "mps", "msp", "mep", "meps", "ceo", "ceos", "cfo"})
# Months as a question writes them; "May" and "March" may be names ("Theresa May").
_MONTH_WORDS = frozenset(
    {
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "april", "june", "july", "august", "september", "october", "november",
        "december",
    }
)  # fmt: skip
# Capitalised only because they open the question: "Besides Confucianism, …", "Some Chinese …".
_OPENERS = frozenset(
    {
        "besides", "along", "some", "other", "unlike", "like", "apart", "aside", "although",
        "while", "despite", "except", "following", "since", "until", "among", "as", "many", "most",
        "several", "both", "each", "every", "all", "no", "not", "only", "also", "then", "so",
        "hundreds", "thousands", "dozens", "millions", "scores",
    }
)  # fmt: skip
# "Iran-backed", "US-led", "Chinese-style": the name before the hyphen is the one to find.
_HYPHENED = re.compile(
    r"-(?:backed|led|based|born|owned|run|style|like|made|funded|linked|supplied|provided"
    r"|sponsored|brokered|controlled|occupied|aligned|allied|built|designed|held)$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’')]*)\s*$")
# A language that names a word's form, not a subject ("the Italian title of Polo's book", "his
# Chinese-style name", "the English translation of …"): the article gives the title or name
# and need not say the language.
_LANGUAGE_OF = re.compile(
    r"^(?:-style)?\s+(?:name|title|term|word|translation|phrase|spelling|equivalent|nickname"
    r"|motto|expression|rendering|transliteration)s?\b"
)
# Scales a question measures in ("in Celsius"): the articles write "°C"; "No. 1" is a number.
_SCALES = frozenset({"celsius", "fahrenheit", "kelvin", "no", "no."})
# "Which European country …?": a region that says what kind of thing the answer is, which the
# articles about it seldom write (a nationality, "What Russian banks …?", or a name, "Which
# Biden aide …?", they do: those stay names to find).
_ASKED_KIND = re.compile(r"\b(?:which|what)\s+$", re.IGNORECASE)
_REGIONS = frozenset(
    {
        "european", "asian", "african", "arab", "latin", "scandinavian", "nordic", "balkan",
        "caribbean", "baltic",
    }
)  # fmt: skip
_LOWER_NEXT = re.compile(r"^\s+[a-z]")


def _asked_kind(text: str, found: re.Match[str]) -> bool:
    """Whether a one-word run says the region of the kind of thing asked for: "which European
    country", "What African nation" (the run may hold the question word)."""
    words = found.group(0).split()
    if words[0].casefold() in ("what", "which"):
        words = words[1:]
    elif not _ASKED_KIND.search(text[: found.start()]):
        return False
    return (
        len(words) == 1
        and words[0].casefold() in _REGIONS
        and _LOWER_NEXT.match(text[found.end() :]) is not None
    )


def _after_hyphened(run: str) -> list[str]:
    """The run cut after each word like "Iran-backed" ("Russian-occupied Kherson" → "Russian-
    occupied", "Kherson")."""
    pieces, words = [], []
    for word in run.split():
        words.append(word)
        if _HYPHENED.search(word):
            pieces.append(" ".join(words))
            words = []
    return [*pieces, " ".join(words)] if words else pieces


def _entities(text: str) -> list[str]:
    """Runs of capitalised words, lower-cased, without question words. A single capitalised
    word that opens a sentence is no name on that account alone ("Latest data shows …", "New
    data confirms …"); a possessive or an acronym there still is ("Ireland's new leader").
    Accents are folded first: a name whose capital has one ("İzmit", "Ørsted", "Élysée") is a
    name too."""
    text = fold(undot(text))
    entities: list[str] = []
    runs: list[tuple[str, bool]] = []
    for found in _NAME_RUN.finditer(text):
        # A possessive ends a name: "Kublai's China" names Kublai and China; so does a hyphened
        # word: "Russian-occupied Kherson" names Russia and Kherson.
        pieces = [
            piece
            for part in re.split(r"(?<=['’]s)[ \t]+", found.group(0))
            for piece in _after_hyphened(part)
        ]
        if _asked_kind(text, found):
            continue
        last = [w for w in pieces[-1].split() if name_word(w) not in _QUESTION_WORDS]
        if len(last) == 1 and _LANGUAGE_OF.match(text[found.end() :]):
            # "Temur Khan's Chinese-style name": Temur Khan is asked about; "What Chinese-style
            # name did Rinchinbal use?": Rinchinbal
            pieces = pieces[:-1]
        opening = _SENTENCE_START.search(text[: found.start()]) is not None
        runs.extend((run, n == 0 and opening) for n, run in enumerate(pieces))
    for run, opening in runs:
        if opening and " " not in run and not run.isupper() and not re.search(r"['’]s$", run):
            continue
        words = [_HYPHENED.sub("", name_word(w)) for w in run.split()]
        if opening and words[0] in _OPENERS:
            words = words[1:]  # "Besides Confucianism …", "Some Chinese …"
        words = [w for w in words if w and w not in _QUESTION_WORDS]
        if len(words) == 1 and (
            words[0] in _MONTH_WORDS or words[0] in WEEKDAYS or words[0] in _SCALES
        ):
            continue  # "from Nov 2016", "last Sunday": a date, which the time checks read
        if len(words) > 1 and words[0] in _QUALIFIERS:
            words = words[1:]
        while len(words) > 1 and words[-1] in _TRAILING_TITLES:
            words = words[:-1]
        if words:
            entities.append(" ".join(words))
    return entities


def parse_question(text: str) -> Question:
    """Analyse a (standalone) question."""
    entities = _entities(text)
    dates = [parse_date(m.group(0)) for m in DATE_EXPRESSION.finditer(text)]
    return Question(
        text,
        question_kind(text),
        tuple(stems(text)),
        tuple(dict.fromkeys(entities)),
        tuple(d for d in dates if d is not None),
    )


def name_word(word: str) -> str:
    """A word of a name, lower-cased, accents folded, without possessive or quotes."""
    return fold(word).strip("'’\"“”").removesuffix("'s").removesuffix("’s").casefold()


def type_match(kind: Kind, sentence: str) -> float:
    """1.0 when the sentence holds the kind of thing asked for, 0.0 when not, 0.5 if n/a."""
    if kind == "when":
        dated = DATE_EXPRESSION.search(sentence) or DAY_MONTH.search(sentence)
        return 1.0 if dated or _DAY_WORD.search(sentence) else 0.0
    if kind == "quantity":
        counted = _NUMBER.search(sentence) and not _ORDINAL.fullmatch(sentence.strip())
        return 1.0 if counted else 0.0
    if kind == "who":
        return 1.0 if _PERSON.search(sentence) else 0.0
    if kind == "which":
        return 1.0 if _NAMED.search(sentence) else 0.0
    if kind == "where":
        return 1.0 if _PLACE.search(sentence) else 0.0
    if kind == "why":
        return 1.0 if _REASON.search(sentence) else 0.5 if _WEAK_REASON.search(sentence) else 0.0
    return 0.5


def checked_question(question: str) -> str:
    """The question as it will be answered (control characters such as NUL removed, spaces
    trimmed), or InvalidQuestion saying why it will not be: no words, or too long."""
    text = _CONTROL.sub(" ", question or "").strip()
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"the question is {len(text):,} characters long; the limit is "
            f"{MAX_QUESTION_CHARS:,}: ask it in fewer words"
        )
    if not any(char.isalnum() for char in text):
        raise InvalidQuestion("the question has no words: type a question about the articles")
    return text
