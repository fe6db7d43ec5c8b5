"""Remove page furniture (navigation, share buttons, photo credits, link lists) by general rules."""

from __future__ import annotations

import re

_NAVIGATION = re.compile(
    r"^(?:home|menu|search|subscribe(?: now)?|sign (?:in|up)|log ?in|register|newsletter"
    r"|advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content|back to top"
    r"|accept (?:all )?cookies|cookie settings|latest news|last news(?: in [\w .'-]{1,40})?"
    r"|most (?:read|popular|viewed)|trending(?: now)?|top stories|breaking news"
    r"|you may also like|recommended for you|watch live|listen to this article"
    r"|\d+ min(?:ute)?s? read|follow us(?: on [\w ]+)?)$",
    re.IGNORECASE,
)
_SHARE_WORDS = {
    "share", "shares", "tweet", "facebook", "twitter", "x", "whatsapp", "linkedin", "email",
    "e-mail", "mail", "print", "copy", "link", "reddit", "telegram", "pinterest", "comments",
    "comment", "save", "this", "article", "on", "via", "messenger", "flipboard",
}  # fmt: skip
_WORD = re.compile(r"[\w-]+")
_PHOTO_CREDIT = re.compile(
    r"^\(?\s*(?:photo|image|picture|pic|foto|credit|illustration|video|file photo|caption)s?"
    r"\s*(?:credit)?\s*[:/|]"
    r"|^(?:©|\(c\)\s|copyright\b)"
    r"|\b(?:getty images|afp|reuters|ap photo|epa|shutterstock|bloomberg|xinhua|anadolu)"
    r"(?:\s+via\s+[\w ]+)?\W*$",
    re.IGNORECASE,
)
_LINK_LIST_HEADING = re.compile(
    r"^(?:keep reading|read more|read also|also read|related|related (?:articles|stories|news"
    r"|coverage|content|reading)|more on this(?: story| topic)?|recommended(?: reading)?|see also"
    r"|more from [\w .'-]{1,40}|more stories|what to read next|further reading)\s*:?\s*$",
    re.IGNORECASE,
)
# A link to another story glued to its label, as news sites print them inside an article:
# "Flashback:Wilmington is port of call …", "Back to hoarding toilet paper?Amid port strike …".
_GLUED_LINK = re.compile(r"^(?P<label>[^\s\"“”:?][^\"“”:?]{0,60}?)[:?](?=[A-Z\"'‘“])")
_MAX_LABEL_WORDS = 8
_MAX_LINK_WORDS = 40
_BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|»|›|/|\|)\s")
_GALLERY_SUFFIX = re.compile(r"^(?P<caption>.*\S)\s+-\s+\d{1,3}$")
_SENTENCE_END = re.compile(r"[.!?\"”’')\]]$")
_FULL_STOP = re.compile(r"[.!?][\"”’')\]]?$")
_BLANK_RUN = re.compile(r"\n{3,}")
_MAX_FURNITURE_WORDS = 15


def _is_share_bar(line: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(line)]
    return bool(words) and len(words) <= 12 and all(w in _SHARE_WORDS for w in words)


def _is_breadcrumb(line: str) -> bool:
    parts = _BREADCRUMB_SEPARATOR.split(line)
    return (
        len(parts) >= 3
        and all(0 < len(part.split()) <= 4 for part in parts)
        and not _SENTENCE_END.search(line)
    )


def _is_glued_link(line: str) -> bool:
    glued = _GLUED_LINK.match(line)
    return (
        glued is not None
        and len(glued.group("label").split()) <= _MAX_LABEL_WORDS
        and len(line.split()) <= _MAX_LINK_WORDS
    )


def _is_headline_like(line: str) -> bool:
    # Headlines may end in a closing quote but not in a full stop.
    return not _FULL_STOP.search(line) or len(line.split()) < 8


def is_furniture(line: str, earlier_lines: set[str]) -> bool:
    """True for a line that is page furniture rather than the article's own words."""
    stripped = line.strip()
    if not stripped:
        return False
    short = len(stripped.split()) <= _MAX_FURNITURE_WORDS
    if short and (_NAVIGATION.match(stripped) or _is_share_bar(stripped)):
        return True
    if short and _PHOTO_CREDIT.search(stripped):
        return True
    if _is_breadcrumb(stripped) or _is_glued_link(stripped):
        return True
    gallery = _GALLERY_SUFFIX.match(stripped)
    return bool(gallery and gallery.group("caption").strip() in earlier_lines)


def clean_pages(pages: list[str]) -> list[str]:
    """Clean each page; state (lines seen, an open link list) runs across page breaks."""
    earlier: set[str] = set()
    in_link_list = False
    cleaned: list[str] = []
    for page in pages:
        kept: list[str] = []
        for raw_line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = raw_line.replace("\u00a0", " ").rstrip()
            stripped = line.strip()
            if in_link_list:
                if not stripped or _is_headline_like(stripped):
                    continue
                in_link_list = False
            if _LINK_LIST_HEADING.match(stripped):
                in_link_list = True
                continue
            if is_furniture(stripped, earlier):
                continue
            if stripped:
                earlier.add(stripped)
            kept.append(line)
        cleaned.append(collapse_blank_lines("\n".join(kept)))
    return cleaned


def collapse_blank_lines(text: str) -> str:
    """At most one blank line between paragraphs, none at either end."""
    return _BLANK_RUN.sub("\n\n", text).strip()
