"""Answers and sources → Markdown and HTML for the web app (pure functions, tested alone)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from assistant.answering import Answer, Citation
from assistant.answering.types import Event, Timeline
from assistant.citing import renumber, source_numbers
from assistant.ingest import IngestReport

_CONTEXT = 240
NO_SOURCES = '<div class="nd-empty">Sources of the answer appear here.</div>'

CSS = """
.nd-card {border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px;
  margin-bottom: 10px; background: var(--background-fill-secondary);}
.nd-card h4 {margin: 0 0 4px 0; font-size: 0.95rem;}
.nd-meta {font-size: 0.8rem; opacity: 0.8; margin-bottom: 6px; word-break: break-all;}
.nd-passage {font-size: 0.88rem; line-height: 1.45;}
.nd-passage + .nd-passage {margin-top: 6px;}
.nd-passage mark, .nd-article mark {background: #ffe58a; color: #111; padding: 0 2px;}
.nd-article {white-space: pre-wrap; font-size: 0.88rem; max-height: 420px; overflow-y: auto;
  margin-top: 6px;}
.nd-notfound {border-left: 4px solid #d97706; padding-left: 8px; font-style: italic;}
.nd-empty {opacity: 0.7; font-style: italic;}
a.nd-cite {text-decoration: none; font-weight: 600; cursor: pointer; color: var(--color-accent);}
.nd-card.nd-flash {outline: 3px solid var(--color-accent); transition: outline 0.2s;}
.nd-which {font-size: 0.85rem; margin-bottom: 8px; opacity: 0.85;}
.nd-also {font-size: 0.8rem; opacity: 0.8; margin-top: 4px;}
.nd-event {border-left: 3px solid var(--color-accent); padding: 2px 0 2px 10px; margin: 8px 0;}
.nd-event ul {margin: 2px 0 0 0; font-size: 0.8rem; opacity: 0.85;}
@media (min-width: 641px) {
  #nd-sources {max-height: 560px; overflow-y: auto;}
}
@media (max-width: 640px) {
  #nd-library th:nth-child(3), #nd-library td:nth-child(3),
  #nd-library [role="gridcell"][data-col="2"],
  #nd-library th:nth-child(4), #nd-library td:nth-child(4),
  #nd-library [role="gridcell"][data-col="3"] {display: none !important;}
  #nd-chat {min-height: 320px;}
  #nd-library [aria-colindex="2"], #nd-library [aria-colindex="2"] * {
    white-space: nowrap !important;}
  #nd-library [aria-colindex="2"] {width: 7em !important; min-width: 7em !important;
    max-width: none !important;}
  #nd-library [aria-colindex="5"] {width: 4.5em !important; min-width: 4.5em !important;
    max-width: none !important;}
  #nd-library [aria-colindex="5"] * {white-space: nowrap !important;}
}
"""


def _marked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escape `text`, marking each [start, end) (a span overlapping one marked before is not)."""
    parts, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        parts.append(html.escape(text[at:start]) + f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


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


def short_source(source: str) -> tuple[str, str | None]:
    """What a person reads for a source: (the file name or the URL's host and path, the URL)."""
    if source.startswith(("http://", "https://")):
        parts = urlsplit(source)
        label = (parts.netloc + parts.path).rstrip("/")
        return (label if len(label) <= 60 else label[:59] + "…"), source
    name, _, line = source.partition("#L")
    label = name.rstrip("/").rsplit("/", 1)[-1] or source
    if line.isdigit():
        label += f", line {line}"
    return label, None


def source_html(source: str) -> str:
    """A short source; a URL is a link that opens in a new tab without access to this page."""
    label, url = short_source(source)
    if url is None:
        return f'<span title="{html.escape(label)}">{html.escape(label)}</span>'
    return (
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">'
        f"{html.escape(label)}</a>"
    )


def _published(citation: Citation) -> str:
    shown = citation.published.isoformat() if citation.published else "date unknown"
    return f"{shown} ({citation.age})" if citation.age and citation.published else shown


def _also_in(citation: Citation) -> str:
    if not citation.also_in:
        return ""
    copies = "; ".join(
        f"{html.escape(short_source(c.source)[0])} "
        f"({c.published.isoformat() if c.published else 'date unknown'})"
        for c in citation.also_in
    )
    return f'<div class="nd-also">Also in: {copies}</div>'


def _by_source(answer: Answer) -> tuple[dict[int, int], dict[int, list[Citation]]]:
    """Citation n → source number (one per article), and each source's citations."""
    numbers = source_numbers((c.n, c.article_id) for c in answer.citations)
    sources: dict[int, list[Citation]] = {}
    for citation in answer.citations:
        sources.setdefault(numbers[citation.n], []).append(citation)
    return numbers, sources


def answer_markdown(answer: Answer) -> str:
    """The chat message: the answer, then its numbered sources, one per article (what copying
    copies)."""
    understood = ""
    if answer.standalone_question and answer.standalone_question != answer.question:
        understood = f"\n\n*Understood as: {html.escape(answer.standalone_question)}*"
    if answer.status == "not_found":
        return f'<div class="nd-notfound">⚠ {html.escape(answer.answer)}</div>{understood}'
    numbers, sources = _by_source(answer)
    text = renumber(answer.answer, numbers)
    unsupported = [renumber(s.text, numbers) for s in answer.sentences if not s.supported]
    if unsupported:
        text += "\n\n" + "\n".join(f"> ⚠ not supported by its source: {s}" for s in unsupported)
    lines = []
    for number, (citation, *_) in sources.items():
        label, url = short_source(citation.source)
        where = f"[{label}]({url})" if url else label
        lines.append(f"[{number}] {citation.title} · {_published(citation)} · {where}")
        if citation.also_in:
            lines[-1] += f" · also in {len(citation.also_in)} more"
    listed = "\n\n**Sources**  \n" + "  \n".join(lines) if lines else ""
    as_of = f"\n\n*As of {answer.as_of.isoformat()}*" if answer.as_of else ""
    return text + listed + as_of + understood


def _in_passage(citation: Citation) -> tuple[str, int]:
    """The passage shown around a quote, and where the quote starts in it (the quote alone
    when the stored passage does not hold it)."""
    offset = citation.start - citation.passage_start
    passage = citation.passage or citation.quote
    if offset >= 0 and passage[offset : offset + len(citation.quote)] == citation.quote:
        return passage, offset
    return citation.quote, 0


def source_card(number: int, cited: Sequence[Citation]) -> str:
    """One source (an article): title, date, short source, and each passage with its quotes
    marked; quotes of one passage are marked in one excerpt."""
    passages: dict[str, list[tuple[int, int]]] = {}
    for citation in cited:
        passage, offset = _in_passage(citation)
        passages.setdefault(passage, []).append((offset, offset + len(citation.quote)))
    excerpts = []
    for passage, spans in passages.items():
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        shown, at = _around(passage, start, end)
        shift = at - start
        marked = _marked(shown, [(a + shift, b + shift) for a, b in spans])
        excerpts.append(f'<div class="nd-passage">{marked}</div>')
    first = cited[0]
    pages = sorted({c.page for c in cited if c.page})
    page = f" · page {', '.join(map(str, pages))}" if pages else ""
    return (
        f'<div class="nd-card" data-cite="{number}" data-article="{first.article_id}">'
        f"<h4>[{number}] {html.escape(first.title)}</h4>"
        f'<div class="nd-meta">{_published(first)} · {source_html(first.source)}{page}</div>'
        f"{''.join(excerpts)}{_also_in(first)}</div>"
    )


def timeline_html(timeline: Timeline) -> str:
    """The Timeline view: dated events in order, each with its sources; undated ones apart."""
    head = (
        f'<div class="nd-which" data-topic="{html.escape(timeline.topic)}">Timeline of '
        f"“{html.escape(timeline.topic)}” as of {timeline.as_of.isoformat()}</div>"
    )
    if not timeline.events and not timeline.undated:
        return head + '<div class="nd-empty">No events found for this topic.</div>'

    def item(event: Event) -> str:
        day = event.date.isoformat() if event.date else "undated"
        basis = "" if event.date_basis in (None, "stated") else f" ({event.date_basis} date)"
        cited = "".join(
            f"<li>[{c.n}] {html.escape(c.title)} · {_published(c)} · {source_html(c.source)}</li>"
            for c in event.citations
        )
        return (
            f'<div class="nd-event" data-date="{day}" data-basis="{event.date_basis or ""}">'
            f"<b>{day}</b>{basis} — {html.escape(event.text)}<ul>{cited}</ul></div>"
        )

    dated = "".join(item(e) for e in timeline.events)
    undated = ""
    if timeline.undated:
        undated = (
            "<h4>Undated (no date stated, article undated)</h4>"
            f'<div class="nd-undated">{"".join(item(e) for e in timeline.undated)}</div>'
        )
    return head + f'<div id="nd-events">{dated}</div>' + undated


def sources_html(answer: Answer | None, number: int | None = None) -> str:
    """The sources panel for one answer (empty for a refusal); `number` says which answer."""
    if answer is None:
        return NO_SOURCES
    which = f' data-answer="{number}"' if number is not None else ""
    if answer.status == "not_found" or not answer.citations:
        return f'<div class="nd-empty"{which}>No sources: the articles do not answer this.</div>'
    heading = ""
    if number is not None:
        heading = (
            f'<div class="nd-which"{which}>Sources of answer {number}: '
            f"“{html.escape(answer.question)}”</div>"
        )
    return heading + "".join(source_card(n, cited) for n, cited in _by_source(answer)[1].items())


def article_html(text: str, quotes: list[tuple[int, int]]) -> str:
    """A whole article, loaded on demand, with the cited quotes marked."""
    return f'<div class="nd-article">{_marked(text, quotes)}</div>'


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
        name = short_source(outcome.path)[0]
        detail = f": {outcome.detail}" if outcome.detail else ""
        lines.append(f"- {outcome.status} — `{name}`{html.escape(detail)}")
        lines.extend(f"  - warning: {html.escape(w)}" for w in outcome.warnings)
    return "\n".join(lines)
