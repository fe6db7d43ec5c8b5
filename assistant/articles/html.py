"""HTML pages: the article's text (trafilatura), its title and its published date from meta tags."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import lxml.html

from assistant.articles.dates import dateline_date, parse_date
from assistant.errors import UnreadableInput

# Meta tags news sites use for the original publication time, most trusted first.
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = meta.get("content")
        if key and content:
            values.setdefault(key.strip().casefold(), content.strip())
    return values


def _json_ld_published(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").casefold() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return str(item["datePublished"])
    return None


def published_from_html(tree: lxml.html.HtmlElement) -> date | None:
    """The publication date the page declares in meta tags, JSON-LD or <time pubdate>."""
    meta = _meta_values(tree)
    for key in _PUBLISHED_META:
        found = parse_date(meta.get(key))
        if found:
            return found
    found = parse_date(_json_ld_published(tree))
    if found:
        return found
    for time in tree.iter("time"):
        if time.get("pubdate") is not None or "published" in (time.get("class") or ""):
            found = parse_date(time.get("datetime"))
            if found:
                return found
    return _byline_date(tree)


_DATED_ELEMENT = re.compile(r"date|time|byline|publish|posted|dateline", re.IGNORECASE)
_MAX_DATED_ELEMENTS = 50


def _byline_date(tree: lxml.html.HtmlElement) -> date | None:
    """A dateline in an element marked as one (class/id/itemprop 'byline', 'date' …).

    Main-text extraction drops bylines, so their date is read here, from the page itself.
    """
    seen = 0
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marks = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop"))
        if not _DATED_ELEMENT.search(marks):
            continue
        seen += 1
        text = " ".join(element.text_content().split())
        found = dateline_date(text) if text else None
        if found is None and element.tag == "time":
            found = parse_date(element.get("datetime"))
        if found or seen >= _MAX_DATED_ELEMENTS:
            return found
    return None


def title_from_html(tree: lxml.html.HtmlElement) -> str | None:
    """og:title, else the first <h1>, else <title>."""
    meta = _meta_values(tree)
    if meta.get("og:title"):
        return meta["og:title"]
    for tag in ("h1", "title"):
        for element in tree.iter(tag):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return None


MAX_DEPTH = 2048  # libxml2's deepest nesting, even with huge_tree


class TooDeep(UnreadableInput):
    """Markup nested deeper than the parser reads: what lies below was dropped."""


def parse_html(markup: str) -> lxml.html.HtmlElement:
    """Parse markup leniently (lxml repairs broken HTML); TooDeep when it nests deeper than
    MAX_DEPTH elements, where the parser silently drops everything further down."""
    # libxml2 stops at 256 levels unless told otherwise, silently keeping only what came before.
    parser = lxml.html.HTMLParser(huge_tree=True)
    tree = lxml.html.document_fromstring(markup, parser=parser)
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise TooDeep(
            f"HTML nests elements more than {MAX_DEPTH} levels deep, deeper than the parser "
            "reads: no web page does that (a broken or hostile file?)"
        )
    return tree


def html_to_text(tree: lxml.html.HtmlElement, fallback: bool = True) -> str:
    """Main text of a web page without navigation; falls back to all block text for tiny pages
    (with `fallback`: a file of one's own; a fetched page without main text is no article).

    Takes a tree it may change: <noscript> fallbacks ("Enable JavaScript") are not article text.
    """
    import trafilatura  # heavy; only HTML ingestion needs it

    for junk in tree.xpath("//noscript"):
        junk.drop_tree()
    text = trafilatura.extract(
        copy.deepcopy(tree),
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    if text and text.strip():
        return text
    return block_text(tree) if fallback else ""


def block_text(tree: lxml.html.HtmlElement) -> str:
    """Text of every block element, one per paragraph (for HTML we made, e.g. from Markdown)."""
    for junk in tree.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    blocks = tree.xpath(
        "//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
        " or self::li or self::blockquote or self::pre or self::td or self::th]"
        "[not(ancestor::p or ancestor::li or ancestor::blockquote or ancestor::pre)]"
    )
    if not blocks:
        body = tree.find("body")  # not <head>: a <title> alone is no article
        return " ".join((body if body is not None else tree).text_content().split())
    lines = (" ".join(block.text_content().split()) for block in blocks)
    return "\n\n".join(line for line in lines if line)
