"""The `newsdesk` commands that look after the archive: stats, remove, db, feeds and refresh."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from assistant.settings import Settings


def add_arguments(feeds: argparse.ArgumentParser, refresh: argparse.ArgumentParser) -> None:
    """The two commands' arguments."""
    feeds.add_argument(
        "action",
        nargs="?",
        choices=["list", "add", "remove"],
        default="list",
        help="list (default), add URL or remove URL",
    )
    feeds.add_argument("url", nargs="?", metavar="URL", help="the feed's address")
    feeds.add_argument("--json", action="store_true", help="print as JSON")
    refresh.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    refresh.add_argument("--json", action="store_true", help="print the reports as JSON")


def run_feeds(args: argparse.Namespace, out: TextIO, settings: Settings) -> int:
    """List, add or remove followed feeds."""
    from assistant.desk import Newsdesk

    if args.action != "list" and not args.url:
        raise SystemExit(f"newsdesk feeds {args.action}: give the feed's URL")
    desk = Newsdesk.open(settings, create=args.action == "add")
    if args.action == "add":
        state = desk.follow(args.url)
        print(f"following {state.title or state.url} ({state.url}): `newsdesk refresh` "
              "fetches its articles", file=out)  # fmt: skip
        return 0
    if args.action == "remove":
        if not desk.unfollow(args.url):
            print(f"newsdesk: error: not following {args.url}", file=sys.stderr)
            return 1
        print(f"no longer following {args.url} (its articles stay)", file=out)
        return 0
    states = desk.feeds()
    if args.json:
        print(json.dumps([s.to_dict() for s in states], ensure_ascii=False), file=out)
        return 0
    if not states:
        print("No feeds followed: newsdesk feeds add URL", file=out)
    for state in states:
        when = state.refreshed_at or "never refreshed"
        error = f" — last error: {state.error}" if state.error else ""
        print(f"{state.title or '(untitled)'}  {state.url}", file=out)
        print(f"    {state.articles} articles, last refresh {when}{error}", file=out)
    return 0


def run_refresh(args: argparse.Namespace, out: TextIO, settings: Settings) -> int:
    """Refresh the followed feeds, one line per feed as each is done."""
    from assistant.desk import Newsdesk

    desk = Newsdesk.open(settings, create=False)
    if not args.urls and not desk.feeds():
        print("No feeds followed: newsdesk feeds add URL", file=out)
        return 0
    stream = sys.stderr if args.json else out
    reports = desk.refresh(args.urls, each=lambda r: print(r.line(), file=stream, flush=True))
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], ensure_ascii=False), file=out)
    return 1 if any(r.status == "failed" for r in reports) else 0


def run_stats(args: argparse.Namespace, out: TextIO, settings: Settings) -> int:
    """What the index holds, read from the store alone (no answering chain is imported: the
    command answers in well under a second)."""
    from assistant.embedding import make_embedder
    from assistant.store.factory import open_store

    embedder = make_embedder(settings.embedder)
    store = open_store(settings, embedder.id, embedder.dimension, create=False)
    try:
        stats = store.stats()
    finally:
        store.close()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False), file=out)
        return 0
    for key, value in stats.items():
        print(f"{key}: {json.dumps(value) if isinstance(value, dict) else value}", file=out)
    return 0


def run_remove(args: argparse.Namespace, out: TextIO, settings: Settings) -> int:
    """Delete one article."""
    from assistant.desk import Newsdesk

    removed = Newsdesk.open(settings, create=False).remove(args.article_id)
    print(f"removed {removed.id}: {removed.title} ({removed.source})", file=out)
    return 0


def run_db(args: argparse.Namespace, out: TextIO, settings: Settings) -> int:
    """`db upgrade`: apply the PostgreSQL migrations the database lacks."""
    from assistant.embedding import make_embedder
    from assistant.store.factory import upgrade_database

    dimension = make_embedder(settings.embedder).dimension
    applied, restemmed, version = upgrade_database(settings, dimension)
    for name in applied:
        print(f"applied {name}", file=out)
    if restemmed:
        print(f"stemmed {restemmed} passages again for keyword search (accents folded)", file=out)
    state = "upgraded to" if applied or restemmed else "already at"
    print(f"{state} newsdesk schema {version}", file=out)
    return 0
