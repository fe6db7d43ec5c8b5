"""The `newsdesk` command: ingest, search, ask, timeline, eval, stats, remove, db."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr

from assistant import _offline  # noqa: F401
from assistant.app_client import app_call, day
from assistant.cli_args import Parser, arg_count, arg_date
from assistant.cli_manage import add_arguments as add_feed_arguments
from assistant.cli_manage import run_db, run_feeds, run_refresh, run_remove, run_stats
from assistant.cli_output import print_answer, print_hits, print_report, print_timeline
from assistant.errors import InvalidQuestion, NothingIngested, run_at_edge
from assistant.settings import MAX_ANSWER_K, MAX_SEARCH_K, MODES, Settings


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation)."""
    parser = Parser(
        prog="newsdesk", description="Question answering with exact citations over news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--index",
            type=Path,
            default=None,
            help="index folder (default: $NEWSDESK_INDEX_DIR, then ./index)",
        )
        sub.add_argument(
            "--database-url",
            default=None,
            metavar="URL",
            help="keep everything in this PostgreSQL database instead of the index folder "
            "(default: $NEWSDESK_DATABASE_URL)",
        )
        return sub

    ingest = command("ingest", "Add or update articles from files, folders and URLs.")
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH|URL", help="files, folders, or http(s):// pages"
    )
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.add_argument("--quiet", action="store_true", help="no progress bars")
    ingest.add_argument(
        "--ray",
        action="store_const",
        const="local",
        default=None,
        help="read, chunk and embed with Ray Data, on a Ray started here on 127.0.0.1 "
        "(or on the cluster of --ray-address / --ray=ADDRESS)",
    )
    ingest.add_argument(
        "--ray-address",
        default=None,
        metavar="ADDRESS",
        help="the Ray cluster to ingest on (auto, ray://host:10001); implies --ray",
    )
    ingest.add_argument(
        "--ray-workers",
        type=arg_count(4096),
        default=None,
        metavar="N",
        help="Ray workers embedding at once (default: one per CPU of the cluster)",
    )

    search = command("search", "Find the passages that best match a query.")
    search.add_argument("query", metavar="QUERY", help="the query, or - to read one per line")
    search.add_argument(
        "--k", type=arg_count(MAX_SEARCH_K), default=None, help="number of hits (default 5)"
    )
    search.add_argument("--json", action="store_true", help="print hits as JSON")
    _add_filters(search)
    _add_time(search)
    search.add_argument("--mode", choices=MODES, default="hybrid", help="retriever to use")
    search.add_argument("--mmr", action="store_true", help="diversify hits (MMR)")
    search.add_argument("--local", action="store_true", help="search here even if the app runs")

    ask = command("ask", "Answer a question with exact citations.")
    ask.add_argument("question", metavar="QUESTION", help="the question, or - to read one per line")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--generator", default=None, help="extractive (default), openai or llamacpp")
    ask.add_argument(
        "--k", type=arg_count(MAX_ANSWER_K), default=None, help="passages to read (default 5)"
    )
    _add_filters(ask)
    _add_time(ask)
    ask.add_argument("--local", action="store_true", help="answer here even if the app runs")

    timeline = command("timeline", "Dated, ordered, cited events of a topic.")
    timeline.add_argument("topic", metavar="TOPIC")
    timeline.add_argument("--after", type=arg_date, help="only events on or after DATE")
    timeline.add_argument("--before", type=arg_date, help="only events on or before DATE")
    timeline.add_argument("--as-of", type=arg_date, default=None, help=_AS_OF_HELP)
    timeline.add_argument(
        "--source", action="append", default=[], help="only sources containing TEXT (repeatable)"
    )
    timeline.add_argument("--json", action="store_true", help="print the timeline as JSON")
    timeline.add_argument("--local", action="store_true", help="work here even if the app runs")

    evaluate = command("eval", "Score answers against a JSONL question file.")
    evaluate.add_argument("file", type=Path, metavar="FILE.jsonl")
    evaluate.add_argument("--json", action="store_true", help="print results as JSON")
    evaluate.add_argument("--generator", default=None, help="answer generator to evaluate")
    evaluate.add_argument("--as-of", type=arg_date, default=None, help=_AS_OF_HELP)

    add_feed_arguments(
        command("feeds", "Follow RSS and Atom feeds: list them (default), add or remove one."),
        command("refresh", "Fetch what is new in the followed feeds (one line per feed)."),
    )

    stats = command("stats", "Show what the index holds.")
    stats.add_argument("--json", action="store_true", help="print as JSON")

    remove = command("remove", "Delete an article and its passages from the index.")
    remove.add_argument("article_id", metavar="ARTICLE_ID")

    database = command("db", "Manage the PostgreSQL database (NEWSDESK_DATABASE_URL).")
    database.add_argument(
        "action", choices=["upgrade"], help="upgrade: apply the schema migrations it lacks"
    )
    return parser


_AS_OF_HELP = "answer as of DATE (default: $NEWSDESK_AS_OF, then today)"


def _add_time(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=arg_date, default=None, help=_AS_OF_HELP)
    parser.add_argument(
        "--all-copies",
        action="store_true",
        help="show every copy of a story (default: one hit per story, the rest in also_in)",
    )


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--after", type=arg_date, help="only articles published on or after DATE")
    parser.add_argument("--before", type=arg_date, help="only articles published on or before DATE")
    parser.add_argument(
        "--source", action="append", default=[], help="only sources containing TEXT (repeatable)"
    )


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings(index_dir=args.index) if args.index is not None else Settings()
    if getattr(args, "database_url", None):
        settings = settings.model_copy(update={"database_url": SecretStr(args.database_url)})
    if getattr(args, "as_of", None) is not None:
        settings = settings.model_copy(update={"as_of": args.as_of})
    return settings


def _queries(query: str, stdin: TextIO) -> Iterator[str]:
    if query != "-":
        yield query
        return
    for line in stdin:
        if line.strip():
            yield line.strip()


def _run_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from assistant.desk import Newsdesk
    from assistant.distributed import RayOptions
    from assistant.ingest import IngestReport

    desk = Newsdesk.open(_settings(args))
    try:
        # Progress goes to stderr, so it shows with --json too (stdout stays one JSON object).
        address = args.ray_address or args.ray
        ray = RayOptions(address, args.ray_workers) if address else None
        report = desk.ingest(args.paths, progress=not args.quiet, ray=ray)
    except NothingIngested as error:
        if not isinstance(error.report, IngestReport):
            raise
        report = error.report
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False), file=out)
    else:
        print_report(report, out)
    return 1 if report.failed else 0


def _run_search(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    settings = _settings(args)
    plain = not (args.after or args.before or args.source or args.mmr) and args.mode == "hybrid"
    if plain and not args.local and args.query != "-":
        k = args.k or settings.search_k
        asked = {"query": args.query, "k": k, "as_of": day(args.as_of)}
        # The app serving this index searches at once: no models to load here.
        found = app_call(settings.index_dir, "search", {**asked, "all_copies": args.all_copies})
        if isinstance(found, list):
            _print_hits(found, args.json, out)
            return 0
    from assistant.desk import Newsdesk  # the models and the chain: only when working here

    desk = Newsdesk.open(settings, create=False)
    for query in _queries(args.query, stdin):
        hits = desk.search(
            query,
            args.k,
            published_after=args.after,
            published_before=args.before,
            sources=args.source,
            mode=args.mode,
            mmr=args.mmr or None,
            all_copies=args.all_copies or None,
            as_of=args.as_of,
        )
        _print_hits([hit.to_dict() for hit in hits], args.json, out)
        out.flush()
    return 0


def _print_hits(hits: list[dict[str, Any]], as_json: bool, out: TextIO) -> None:
    if as_json:
        print(json.dumps(hits, ensure_ascii=False), file=out)
    else:
        print_hits(hits, out)


def _run_ask(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    settings = _settings(args)
    batch, refused = args.question == "-", 0
    if not (batch or args.local or args.after or args.before or args.source):
        asked = {"question": args.question, "generator": args.generator or "", "k": args.k or 0}
        asked |= {"as_of": day(args.as_of), "all_copies": args.all_copies}
        found = app_call(settings.index_dir, "ask", asked)
        if isinstance(found, dict):  # the app serving this index answered: no models loaded
            _print_answer(found, args.json, out)
            return 0
    from assistant.desk import Newsdesk  # the models and the chain: only when working here
    from assistant.retrieval import SearchFilters

    desk = Newsdesk.open(settings, create=False)
    filters = SearchFilters(args.after, args.before, tuple(args.source))
    for question in _queries(args.question, stdin):
        try:
            answer = desk.ask(
                question,
                generator=args.generator,
                filters=filters,
                k=args.k,
                as_of=args.as_of,
                all_copies=args.all_copies or None,
            )
        except InvalidQuestion as error:
            if not batch:
                raise
            # One bad line of a batch is reported in its place; the rest are answered.
            refused += 1
            if args.json:
                print(json.dumps({"question": question, "error": str(error)}), file=out)
            else:
                print(f"newsdesk: error: {error}", file=sys.stderr)
            continue
        _print_answer(answer.to_dict(), args.json, out)
        out.flush()
    return 1 if refused else 0


def _print_answer(answer: dict[str, object], as_json: bool, out: TextIO) -> None:
    if as_json:
        print(json.dumps(answer, ensure_ascii=False), file=out)
    else:
        print_answer(answer, out)


def _run_eval(args: argparse.Namespace, out: TextIO) -> int:
    from assistant.desk import Newsdesk
    from assistant.evaluation import evaluate

    desk = Newsdesk.open(_settings(args), create=False)
    results = evaluate(
        args.file,
        lambda q, turns, as_of=None: desk.ask(
            q, turns, generator=args.generator, as_of=as_of or args.as_of
        ),
        lambda topic, as_of=None, after=None, before=None: desk.timeline(
            topic, as_of=as_of or args.as_of, after=after, before=before
        ),
    )
    passed = sum(r.passed for r in results)
    if args.json:
        print(
            json.dumps(
                {
                    "total": len(results),
                    "passed": passed,
                    "failed": len(results) - passed,
                    "results": [r.__dict__ for r in results],
                },
                ensure_ascii=False,
            ),
            file=out,
        )
    else:
        for result in results:
            if not result.passed:
                print(f"FAIL {result.id}: {result.question}", file=out)
                print(f"     answer: {result.answer}", file=out)
                for problem in result.problems:
                    print(f"     - {problem}", file=out)
        print(f"{passed}/{len(results)} correct, {len(results) - passed} failed", file=out)
    return 0 if passed == len(results) else 1


def _run_timeline(args: argparse.Namespace, out: TextIO) -> int:
    settings = _settings(args)
    found = None
    if not (args.source or args.local):
        dates = {"after": day(args.after), "before": day(args.before), "as_of": day(args.as_of)}
        found = app_call(settings.index_dir, "timeline", {"topic": args.topic, **dates})
    if not isinstance(found, dict):
        from assistant.desk import Newsdesk  # the models and the chain: only when working here

        desk = Newsdesk.open(settings, create=False)
        found = desk.timeline(
            args.topic, after=args.after, before=args.before, as_of=args.as_of, sources=args.source
        ).to_dict()
    if args.json:
        print(json.dumps(found, ensure_ascii=False), file=out)
    else:
        print_timeline(found, out)
    return 0


COMMANDS: dict[str, Callable[..., int]] = {
    "ingest": _run_ingest,
    "eval": _run_eval,
    "stats": lambda args, out: run_stats(args, out, _settings(args)),
    "timeline": _run_timeline,
    "remove": lambda args, out: run_remove(args, out, _settings(args)),
    "db": lambda args, out: run_db(args, out, _settings(args)),
    "feeds": lambda args, out: run_feeds(args, out, _settings(args)),
    "refresh": lambda args, out: run_refresh(args, out, _settings(args)),
}


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Entry point of the `newsdesk` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    out = sys.stdout

    def command() -> int:
        if args.command == "search":
            return _run_search(args, out, stdin or sys.stdin)
        if args.command == "ask":
            return _run_ask(args, out, stdin or sys.stdin)
        return COMMANDS[args.command](args, out)

    try:
        return run_at_edge(command)
    except BrokenPipeError:
        # The reader went away (`newsdesk stats | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
