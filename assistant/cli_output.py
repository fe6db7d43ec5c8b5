"""What the `newsdesk` command prints for a person; `--json` prints the objects' `to_dict()`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from assistant.answering import Answer
from assistant.answering.types import Timeline
from assistant.ingest import IngestReport
from assistant.retrieval import Hit
from assistant.store import Copy


def print_hits(hits: Sequence[Hit], out: TextIO) -> None:
    """Search hits, ranked, each with its source, offsets and text."""
    if not hits:
        print("No matching passages.", file=out)
    for rank, hit in enumerate(hits, start=1):
        published = hit.published.isoformat() if hit.published else "date unknown"
        print(f"{rank}. {hit.title} ({published})  score {hit.score:.3f}", file=out)
        page = f", page {hit.page}" if hit.page else ""
        print(f"   {hit.source}  [{hit.article_id} chars {hit.start}-{hit.end}{page}]", file=out)
        print("   " + " ".join(hit.text.split())[:400], file=out)
        if hit.also_in:
            print("   also in: " + "; ".join(copy_text(c) for c in hit.also_in), file=out)


def copy_text(copy: Copy) -> str:
    """Another copy of a story: its source, date and article id."""
    published = copy.published.isoformat() if copy.published else "date unknown"
    return f"{copy.source} ({published}) [{copy.article_id}]"


def print_report(report: IngestReport, out: TextIO) -> None:
    """An ingest report: the totals, then every failure, note and warning."""
    counts = report.summary()
    print(
        f"added {counts['added']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
        f"failed {counts['failed']} ({counts['chunks_added']} passages indexed)",
        file=out,
    )
    for outcome in report.outcomes:
        if outcome.status == "failed":
            print(f"  failed: {outcome.path}: {outcome.detail}", file=out)
        elif outcome.detail:
            print(f"  {outcome.status}: {outcome.path}: {outcome.detail}", file=out)
        for warning in outcome.warnings:
            print(f"  warning: {warning}", file=out)


def print_answer(answer: Answer, out: TextIO) -> None:
    """An answer, then its numbered citations with their quotes."""
    print(answer.answer, file=out)
    for citation in answer.citations:
        published = citation.published.isoformat() if citation.published else "date unknown"
        age = f", {citation.age}" if citation.age and citation.published else ""
        print(f"\n[{citation.n}] {citation.title} ({published}{age})", file=out)
        print(
            f"    {citation.source}  [{citation.article_id} chars {citation.start}-{citation.end}]",
            file=out,
        )
        print(f"    “{' '.join(citation.quote.split())}”", file=out)
        if citation.also_in:
            print("    also in: " + "; ".join(copy_text(c) for c in citation.also_in), file=out)
    if answer.as_of is not None:
        print(f"\n(as of {answer.as_of.isoformat()})", file=out)
    unsupported = [s.text for s in answer.sentences if not s.supported]
    for sentence in unsupported:
        print(f"\n(unsupported by its citation: {sentence})", file=out)


def print_timeline(timeline: Timeline, out: TextIO) -> None:
    """A timeline: dated events in order with their sources, then the undated ones."""
    print(f"Timeline of {timeline.topic} (as of {timeline.as_of.isoformat()})", file=out)
    if not timeline.events and not timeline.undated:
        print("No events found.", file=out)
    for event in timeline.events:
        basis = "" if event.date_basis == "stated" else f" ({event.date_basis} date)"
        assert event.date is not None
        print(f"\n{event.date.isoformat()}{basis}  {event.text}", file=out)
        for c in event.citations:
            published = c.published.isoformat() if c.published else "date unknown"
            print(f"    [{c.n}] {c.title} ({published}) {c.source}", file=out)
    if timeline.undated:
        print("\nUndated (no date stated, article undated):", file=out)
        for event in timeline.undated:
            print(f"  - {event.text}", file=out)
            for c in event.citations:
                print(f"    [{c.n}] {c.title} {c.source}", file=out)
