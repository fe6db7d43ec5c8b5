"""Answers and sources → Markdown and HTML for the web app (pure functions, tested alone)."""

from __future__ import annotations

import html
import re

from assistant.answering import Answer, Citation
from assistant.ingest import IngestReport

_MARKER = re.compile(r"\[(\d+)\]")
_CONTEXT = 240
NO_SOURCES = '<div class="nd-empty">Sources of the answer appear here.</div>'

CSS = """
.nd-card {border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px;
  margin-bottom: 10px; background: var(--background-fill-secondary);}
.nd-card h4 {margin: 0 0 4px 0; font-size: 0.95rem;}
.nd-meta {font-size: 0.8rem; opacity: 0.8; margin-bottom: 6px; word-break: break-all;}
.nd-passage {font-size: 0.88rem; line-height: 1.45;}
.nd-passage mark, .nd-article mark {background: #ffe58a; color: #111; padding: 0 2px;}
.nd-article {white-space: pre-wrap; font-size: 0.88rem; max-height: 420px; overflow-y: auto;
  margin-top: 6px;}
.nd-notfound {border-left: 4px solid #d97706; padding-left: 8px; font-style: italic;}
.nd-empty {opacity: 0.7; font-style: italic;}
"""


def _highlight(text: str, start: int, end: int) -> str:
    """Escape `text`, marking [start, end)."""
    return (
        html.escape(text[:start])
        + f"<mark>{html.escape(text[start:end])}</mark>"
        + html.escape(text[end:])
    )


def _around(text: str, start: int, end: int) -> tuple[str, int]:
    """The quote with up to _CONTEXT characters either side, cut at spaces, with ellipses."""
    left = max(0, start - _CONTEXT)
    right = min(len(text), end + _CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "… " if left > 0 else ""
    suffix = " …" if right < len(text) else ""
    return prefix + text[left:right] + suffix, start - left + len(prefix)


def answer_markdown(answer: Answer) -> str:
    """The chat message: [n] markers become links to their source cards; refusals look apart."""
    understood = ""
    if answer.standalone_question and answer.standalone_question != answer.question:
        understood = f"\n\n*Understood as: {html.escape(answer.standalone_question)}*"
    if answer.status == "not_found":
        return f'<div class="nd-notfound">⚠ {html.escape(answer.answer)}</div>{understood}'
    text = _MARKER.sub(lambda m: f"[[{m.group(1)}]](#nd-cite-{m.group(1)})", answer.answer)
    unsupported = [s.text for s in answer.sentences if not s.supported]
    if unsupported:
        text += "\n\n" + "\n".join(f"> ⚠ not supported by its source: {s}" for s in unsupported)
    return text + understood


def citation_card(citation: Citation, article_text: str | None) -> str:
    """One source: title, date, source, the quote marked inside its passage, the whole article."""
    published = citation.published.isoformat() if citation.published else "date unknown"
    offset = citation.start - citation.passage_start
    passage = citation.passage or citation.quote
    if not (offset >= 0 and passage[offset : offset + len(citation.quote)] == citation.quote):
        passage, offset = citation.quote, 0
    passage, offset = _around(passage, offset, offset + len(citation.quote))
    page = f" · page {citation.page}" if citation.page else ""
    whole = ""
    if article_text is not None:
        whole = (
            "<details><summary>Open the whole article</summary>"
            f'<div class="nd-article">{_highlight(article_text, citation.start, citation.end)}'
            "</div></details>"
        )
    return (
        f'<div class="nd-card" id="nd-cite-{citation.n}" data-article="{citation.article_id}">'
        f"<h4>[{citation.n}] {html.escape(citation.title)}</h4>"
        f'<div class="nd-meta">{published} · {html.escape(citation.source)}{page}</div>'
        f'<div class="nd-passage">{_highlight(passage, offset, offset + len(citation.quote))}</div>'
        f"{whole}</div>"
    )


def sources_html(answer: Answer, articles: dict[str, str]) -> str:
    """The sources panel for an answer (empty for a refusal)."""
    if answer.status == "not_found" or not answer.citations:
        return '<div class="nd-empty">No sources: the articles do not answer this.</div>'
    return "".join(citation_card(c, articles.get(c.article_id)) for c in answer.citations)


def report_markdown(report: IngestReport) -> str:
    """The library's summary of an ingest."""
    counts = report.summary()
    lines = [
        f"**added {counts['added']}, updated {counts['updated']}, "
        f"unchanged {counts['unchanged']}, failed {counts['failed']}** "
        f"({counts['chunks_added']} passages indexed)",
        "",
    ]
    for outcome in report.outcomes:
        name = outcome.path.rsplit("/", 1)[-1]
        detail = f": {outcome.detail}" if outcome.detail else ""
        lines.append(f"- {outcome.status} — `{name}`{html.escape(detail)}")
    return "\n".join(lines)
