"""Files in, clean dated articles out: loaders per format, cleaning, dates and titles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.articles.article import Article, RawDocument, article_id_for
from assistant.articles.cleaning import clean_pages, collapse_blank_lines
from assistant.articles.dates import find_dateline, pop_date_marker
from assistant.articles.loaders import SUPPORTED_SUFFIXES, Loader, loader_for, loader_for_page
from assistant.errors import UnreadableInput, UnsupportedFormat

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Article",
    "Loader",
    "RawDocument",
    "ReadResult",
    "build_article",
    "loader_for_page",
    "read_articles",
    "too_large_to_read",
]

_TITLE_MAX_WORDS = 30
_TITLE_MAX_CHARS = 160
_DERIVED_TITLE_MAX_CHARS = 90


@dataclass
class ReadResult:
    """The articles of one file and the parts of it that were skipped, each with its reason."""

    articles: list[Article] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def too_large_to_read(path: Path, size: int, max_article_bytes: int | None) -> str | None:
    """Why a file is not read at all: one article's text (.txt .md .html) over the limit."""
    if max_article_bytes is None or size <= max_article_bytes:
        return None
    try:
        whole_article = loader_for(path).one_text_article
    except UnsupportedFormat:
        return None  # reading it says why not
    return _too_large(size, max_article_bytes) if whole_article else None


def _too_large(size: int, limit: int) -> str:
    mib = 1024 * 1024
    shown = f"{size / mib:.1f} MB" if size >= mib else f"{size / 1024:.0f} KB"
    return (
        f"too large for one article: {shown}, the limit is {limit / mib:.3g} MB "
        "(NEWSDESK_MAX_ARTICLE_MB)"
    )


def read_articles(
    location: str, data: bytes, max_article_bytes: int | None = None, loader: Loader | None = None
) -> ReadResult:
    """Read the bytes of one file (or fetched page) at `location` into articles; the loader is
    the one for its extension unless given. Raises UnreadableInput when nothing can be read. An
    article whose text is over `max_article_bytes` (UTF-8) is refused with its reason."""
    loaded = (loader or loader_for(Path(location))).load(location, data)
    result = ReadResult(failures=list(loaded.failures), warnings=list(loaded.warnings))
    for raw in loaded.documents:
        try:
            article = build_article(raw)
            size = len(article.text.encode("utf-8", "replace"))
            if max_article_bytes is not None and size > max_article_bytes:
                raise UnreadableInput(_too_large(size, max_article_bytes))
            result.articles.append(article)
        except UnreadableInput as error:
            result.failures.append((raw.source, str(error)))
    if not result.articles and len(loaded.documents) == 1 and result.failures:
        raise UnreadableInput(result.failures[0][1])
    return result


def build_article(raw: RawDocument) -> Article:
    """Clean the text, find the published date and title, and give the article its id."""
    pages = list(raw.pages)
    marker_date, pages[0] = pop_date_marker(pages[0])
    pages = clean_pages(pages)
    lines = pages[0].split("\n")
    dateline = find_dateline(lines)
    if dateline is not None:
        del lines[dateline[1]]
        pages[0] = collapse_blank_lines("\n".join(lines))
    published = marker_date
    if published is None and raw.source_hint != "pdf":
        published = raw.published
    if published is None and dateline is not None:
        published = dateline[0]
    if published is None:
        published = raw.published
    page_starts: list[int] = []
    text = ""
    for page in pages:
        if text and page:
            text += "\n\n"
        page_starts.append(len(text))
        text += page
    if not text.strip():
        raise UnreadableInput("no article text left after removing page furniture")
    return Article(
        id=article_id_for(text),
        title=_title(raw.title, text),
        text=text,
        published=published,
        source=raw.source,
        page_starts=tuple(page_starts) if len(pages) > 1 or raw.source_hint == "pdf" else (),
    )


def _shorten(text: str, limit: int = _TITLE_MAX_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _title(declared: str | None, text: str) -> str:
    """The declared title, else a headline-like first line, else the start of the first sentence."""
    if declared and declared.strip():
        return _shorten(declared)
    first_line, _, rest = text.strip().partition("\n")
    first_line = first_line.strip().lstrip("#").strip()
    if (
        rest.strip()
        and len(first_line.split()) <= _TITLE_MAX_WORDS
        and not first_line.endswith(".")
    ):
        return _shorten(first_line)
    from assistant.sentences import split_sentences

    sentences = split_sentences(text)
    first = text[sentences[0].start : sentences[0].end] if sentences else text
    return _shorten(headline(first), _DERIVED_TITLE_MAX_CHARS)


# An opening phrase a headline leaves out ("In a coordinated effort with Washington, …").
_OPENING = re.compile(
    r"^(?:in|on|at|after|before|a day after|days after|following|amid|as|while|with|despite"
    r"|according to|earlier|meanwhile|last|this|on the other hand)\b[^,]{0,80},\s+",
    re.IGNORECASE,
)
# Where a long sentence's main clause ends (", as …", ", which …", " because …").
_CLAUSE_END = re.compile(
    r",\s+(?:as|which|who|while|after|but|and|according|saying|amid|citing)\b|;\s|\s+—\s"
    r"|\s+(?:as the|because|amid|after|while)\s",
)
_MIN_HEADLINE_WORDS = 4


def headline(sentence: str) -> str:
    """A first sentence as a readable short title: its main clause without the opening
    phrase or the clauses after it ("In a coordinated effort with Washington, the Japanese
    government Friday decided to ban exports of luxury items to Russia as the latter …" →
    "The Japanese government Friday decided to ban exports of luxury items to Russia")."""
    text = " ".join(sentence.split())
    if len(text) <= _DERIVED_TITLE_MAX_CHARS:
        return text
    opening = _OPENING.match(text)
    if opening and len(text[opening.end() :].split()) >= _MIN_HEADLINE_WORDS:
        text = text[opening.end() :]
        text = text[:1].upper() + text[1:]
    for end in _CLAUSE_END.finditer(text):
        if len(text[: end.start()].split()) >= _MIN_HEADLINE_WORDS:
            return text[: end.start()].rstrip(",;:. ")
    return text.rstrip(".")
