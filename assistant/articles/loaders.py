"""One loader per file format: a file's bytes become raw documents, or a reason why not."""

from __future__ import annotations

import codecs
import io
import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.articles.article import RawDocument
from assistant.articles.dates import parse_date
from assistant.articles.html import (
    TooDeep,
    block_text,
    html_to_text,
    parse_html,
    published_from_html,
    title_from_html,
)
from assistant.errors import UnreadableInput, UnsupportedFormat


@dataclass
class LoadResult:
    """Documents read from one file, plus the parts of it (JSONL lines) that could not be read."""

    documents: list[RawDocument] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (location, reason)
    warnings: list[str] = field(default_factory=list)  # read, but something was not understood


class Loader(ABC):
    """Reads one format. Raise UnreadableInput for a file that cannot be read at all."""

    suffixes: tuple[str, ...] = ()
    one_text_article = False  # the file is one article's text (its size is the article's size)

    @abstractmethod
    def load(self, location: str, data: bytes) -> LoadResult:
        """Turn the bytes of the file at `location` into documents."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, warnings: list[str] | None = None) -> str:
    """Text in UTF-8, UTF-16/32 (BOM or not), Windows-1252/Latin-1, other 8-bit encodings …;
    binary files are refused. A guessed encoding that could be wrong adds to `warnings`."""
    text, doubt = _decode(data)
    if not text.strip():
        raise UnreadableInput("empty file (no text)")
    if doubt and warnings is not None:
        warnings.append(doubt)
    return text


_WESTERN_TOLERANCE = 0.05  # chaos Windows-1252 may have above the best guess and still win
_SURE_COHERENCE = 0.5  # below this a guess of another encoding is reported as a guess
_SAVE_AS_UTF8 = "if letters look wrong, save the file as UTF-8 and ingest it again"


def _decode(data: bytes) -> tuple[str, str | None]:
    """The text and, when its encoding was guessed and could be wrong, a warning."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as error:
                raise UnreadableInput(f"not valid {encoding.upper()} text: {error}") from error
    if b"\x00" in data:
        return _utf16_without_bom(data), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # Windows-1252, Latin-1, Shift-JIS …

    best = from_bytes(data).best()
    # On short Western text the detector often picks a Central European or DOS code page
    # ("crème" → "crčme", "€3" → "Ć3"): Windows-1252 wins whenever it reads the bytes about as
    # cleanly (Polish or Czech bytes read as Windows-1252 are chaotic, and it gives way there).
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    chosen = best
    if western is not None and (best is None or western.chaos <= best.chaos + _WESTERN_TOLERANCE):
        chosen = western
    if chosen is None or _mostly_control(str(chosen)):
        raise UnreadableInput("binary file, not text (no text encoding fits its bytes)")
    text = str(chosen)
    if chosen is western and best is not None and str(best) != text:
        return text, (
            f"not UTF-8: read as Windows-1252 (Western European), the likeliest of the "
            f"encodings that fit ({best.encoding} reads it differently); {_SAVE_AS_UTF8}"
        )
    if chosen is not western and chosen.coherence < _SURE_COHERENCE:
        return text, f"not UTF-8: read as {chosen.encoding}, a guess; {_SAVE_AS_UTF8}"
    return text, None


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 text shows its zero bytes on one side of each pair; anything else is binary."""
    half = max(1, len(data) // 2)
    even, odd = data[0::2].count(0) / half, data[1::2].count(0) / half
    encoding = "utf-16-le" if odd > 0.3 and even < 0.05 else None
    encoding = "utf-16-be" if even > 0.3 and odd < 0.05 else encoding
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = ""
        if text and not _mostly_control(text):
            return text
    raise UnreadableInput("binary file (contains NUL bytes), not text")


def _mostly_control(text: str) -> bool:
    """Control characters other than line breaks and tabs make up over 5% of the text."""
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > 0.05 * max(1, len(text))


class TextLoader(Loader):
    suffixes = (".txt",)
    one_text_article = True

    def load(self, location: str, data: bytes) -> LoadResult:
        warnings: list[str] = []
        # A text file may start with front matter as a Markdown file does (title, date).
        front, text = split_front_matter(decode_text(data, warnings))
        title = _text_field(front, "title")
        published = parse_date(_text_field(front, "date", "published", "pubDate"))
        return LoadResult([RawDocument([text], location, title, published)], warnings=warnings)


class MarkdownLoader(Loader):
    suffixes = (".md", ".markdown")
    one_text_article = True

    def load(self, location: str, data: bytes) -> LoadResult:
        from markdown_it import MarkdownIt

        warnings: list[str] = []
        front, body = split_front_matter(decode_text(data, warnings))
        markup = MarkdownIt("commonmark").enable("table").render(body)
        if not markup.strip():
            raise UnreadableInput("empty file (no text)")
        tree = parse_html(markup)
        headings = [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2")]
        text = block_text(tree)
        if not text.strip():
            raise UnreadableInput("Markdown file has no text")
        title = _text_field(front, "title") or (headings[0] if headings else None)
        published = parse_date(_text_field(front, "date", "published", "pubDate"))
        return LoadResult([RawDocument([text], location, title, published)], warnings=warnings)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (title, date …) of a Markdown or text file, and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        fields = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError:
        return {}, text
    return (fields if isinstance(fields, dict) else {}), text[match.end() :]


def _text_field(fields: dict[str, object], *names: str) -> str | None:
    for name in names:
        value = fields.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


# A fetched page with less main text than this is no article (a front page, a list, a login).
MIN_PAGE_WORDS = 25


class HtmlLoader(Loader):
    suffixes = (".html", ".htm")
    one_text_article = True

    def __init__(self, fetched: bool = False) -> None:
        self.fetched = fetched  # a page from the web, not a file of the user's

    def load(self, location: str, data: bytes) -> LoadResult:
        warnings: list[str] = []
        markup = decode_text(data, warnings)
        try:
            tree = parse_html(markup)
        except TooDeep:
            raise
        except Exception as error:  # lxml raises several types for hopeless markup
            raise UnreadableInput(f"HTML could not be parsed: {error}") from error
        published = published_from_html(tree)
        title = title_from_html(tree)
        scripted = bool(tree.xpath("//noscript"))
        text = html_to_text(tree, fallback=not self.fetched)
        if self.fetched and len(text.split()) < MIN_PAGE_WORDS:
            raise UnreadableInput(
                f"not an article: the page has {len(text.split())} words of main text (a home "
                "page, an index or a login page?)"
            )
        if not text.strip():
            reason = "HTML page has no article text"
            if scripted:
                reason += " (its content needs JavaScript: save the page from a browser instead)"
            raise UnreadableInput(reason)
        document = RawDocument([text], location, title, published, "html")
        return LoadResult([document], warnings=warnings)


class PdfLoader(Loader):
    suffixes = (".pdf",)

    def load(self, location: str, data: bytes) -> LoadResult:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        if not data.strip():
            raise UnreadableInput("empty file (0 bytes of PDF)")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadableInput("encrypted PDF: it needs a password; save a copy without one")
            pages = [page.extract_text() or "" for page in reader.pages]
            metadata = reader.metadata
        except UnreadableInput:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
            raise UnreadableInput(f"the PDF is probably corrupt: {error}") from error
        except Exception as error:  # pypdf raises many kinds on malformed streams
            raise UnreadableInput(f"the PDF is probably corrupt: {error!r}") from error
        if not any(page.strip() for page in pages):
            raise UnreadableInput("the PDF has no extractable text (a scan? run OCR first)")
        title = (metadata.title if metadata else None) or None
        published = _pdf_date(metadata)
        return LoadResult([RawDocument(pages, location, title, published, "pdf")])


def _pdf_date(metadata: object) -> date | None:
    try:
        created = getattr(metadata, "creation_date", None)
    except Exception:  # a malformed /CreationDate must not lose the article
        return None
    return created.date() if created else None


class JsonlLoader(Loader):
    """One article per line: `text` required; `title`, `published`, `url`, `source` optional."""

    suffixes = (".jsonl",)

    def load(self, location: str, data: bytes) -> LoadResult:
        result = LoadResult()
        for number, line in enumerate(decode_text(data, result.warnings).splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{location}#L{number}"
            try:
                result.documents.append(_jsonl_document(line, where, result.warnings))
            except UnreadableInput as error:
                result.failures.append((where, str(error)))
        if not result.documents and not result.failures:
            raise UnreadableInput("empty file (no JSON lines)")
        return result


def _jsonl_document(line: str, where: str, warnings: list[str]) -> RawDocument:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"not JSON: {error.msg} at column {error.colno}") from error
    if not isinstance(record, dict):
        raise UnreadableInput("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput('missing or empty "text" field')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    name = record.get("source") if isinstance(record.get("source"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    published = parse_date(str(record["published"])) if record.get("published") else None
    if record.get("published") and published is None:
        warnings.append(f'{where}: "published" {record["published"]!r} is not a date; left unknown')
    return RawDocument([text], url or (f"{name} ({where})" if name else where), title, published)


LOADERS: tuple[Loader, ...] = (
    TextLoader(),
    MarkdownLoader(),
    HtmlLoader(),
    PdfLoader(),
    JsonlLoader(),
)
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(s for loader in LOADERS for s in loader.suffixes)


def loader_for(path: Path) -> Loader:
    """The loader for a file's extension; UnsupportedFormat names the ones we read."""
    suffix = path.suffix.casefold()
    for loader in LOADERS:
        if suffix in loader.suffixes:
            return loader
    raise UnsupportedFormat(
        f"unsupported file type {suffix or '(no extension)'!r}; "
        f"newsdesk reads {', '.join(SUPPORTED_SUFFIXES)}"
    )


_MEDIA_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}


def loader_for_page(media_type: str, url_path: str, data: bytes) -> Loader:
    """The loader for a fetched page: by its Content-Type, else by its URL's extension, else
    HTML when it looks like markup; UnsupportedFormat otherwise (an image, a zip …)."""
    suffix = _MEDIA_TYPES.get(media_type)
    if suffix is None and Path(url_path).suffix.casefold() in SUPPORTED_SUFFIXES:
        return loader_for(Path(url_path))
    if suffix is None and not media_type and data.lstrip()[:1] == b"<":
        suffix = ".html"
    if suffix is None:
        raise UnsupportedFormat(
            f"not an article: the server sent {media_type or 'no content type'!r}; newsdesk "
            "reads HTML, PDF, plain text and Markdown pages"
        )
    return HtmlLoader(fetched=True) if suffix == ".html" else loader_for(Path(f"page{suffix}"))
