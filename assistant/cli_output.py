"""What the `newsdesk` command prints for a person; `--json` prints the objects' `to_dict()`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from assistant.citing import renumber, source_numbers

if TYPE_CHECKING:  # the ingest machinery (numpy, faiss) loads only for commands that use it
    from assistant.ingest import IngestReport


def print_hits(hits: Sequence[Mapping[str, Any]], out: TextIO) -> None:
    """Search hits in their JSON form (`Hit.to_dict()`, or the app's reply), ranked, each with
    its source, offsets and text."""
    if not hits:
        print("No matching passages.", file=out)
    for rank, hit in enumerate(hits, start=1):
        published = hit["published"] or "date unknown"
        print(f"{rank}. {hit['title']} ({published})  score {hit['score']:.3f}", file=out)
        page = f", page {hit['page']}" if hit.get("page") else ""
        where = f"[{hit['article_id']} chars {hit['start']}-{hit['end']}{page}]"
        print(f"   {hit['source']}  {where}", file=out)
        print("   " + " ".join(hit["text"].split())[:400], file=out)
        if hit.get("also_in"):
            print("   also in: " + _copies(hit["also_in"]), file=out)


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


def print_answer(answer: Mapping[str, Any], out: TextIO) -> None:
    """An answer in its JSON form (`Answer.to_dict()`, or the app's reply), then its sources,
    one per article, each with its cited quotes."""
    citations = answer["citations"]
    numbers = source_numbers((c["n"], c["article_id"]) for c in citations)
    print(renumber(answer["answer"], numbers), file=out)
    sources: dict[int, list[Mapping[str, Any]]] = {}
    for citation in citations:
        sources.setdefault(numbers[citation["n"]], []).append(citation)
    for number, cited in sources.items():
        first = cited[0]
        published = first["published"] or "date unknown"
        age = f", {first['age']}" if first.get("age") and first["published"] else ""
        print(f"\n[{number}] {first['title']} ({published}{age})", file=out)
        spans = ", ".join(f"{c['start']}-{c['end']}" for c in cited)
        print(f"    {first['source']}  [{first['article_id']} chars {spans}]", file=out)
        for citation in cited:
            print(f"    “{' '.join(citation['quote'].split())}”", file=out)
        if first.get("also_in"):
            print("    also in: " + _copies(first["also_in"]), file=out)
    if answer.get("as_of"):
        print(f"\n(as of {answer['as_of']})", file=out)
    for sentence in answer["sentences"]:
        if not sentence.get("supported", True):
            text = renumber(sentence["text"], numbers)
            print(f"\n(unsupported by its citation: {text})", file=out)


def print_timeline(timeline: Mapping[str, Any], out: TextIO) -> None:
    """A timeline in its JSON form (`Timeline.to_dict()`, or the app's reply): dated events in
    order with their sources, then the undated ones."""
    print(f"Timeline of {timeline['topic']} (as of {timeline['as_of']})", file=out)
    if not timeline["events"] and not timeline["undated"]:
        print("No events found.", file=out)
    for event in timeline["events"]:
        basis = "" if event["date_basis"] == "stated" else f" ({event['date_basis']} date)"
        print(f"\n{event['date']}{basis}  {event['text']}", file=out)
        for c in event["citations"]:
            published = c["published"] or "date unknown"
            print(f"    [{c['n']}] {c['title']} ({published}) {c['source']}", file=out)
    if timeline["undated"]:
        print("\nUndated (no date stated, article undated):", file=out)
        for event in timeline["undated"]:
            print(f"  - {event['text']}", file=out)
            for c in event["citations"]:
                print(f"    [{c['n']}] {c['title']} {c['source']}", file=out)


def _copies(copies: Sequence[Mapping[str, Any]]) -> str:
    """Other copies of a story (JSON form): each one's source, date and article id."""
    return "; ".join(
        f"{c['source']} ({c['published'] or 'date unknown'}) [{c['article_id']}]" for c in copies
    )
