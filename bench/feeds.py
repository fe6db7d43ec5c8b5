"""A feed of 500 items refreshed: first with every item new, then with none changed (issue 22).

    .venv/bin/python -m bench.feeds [--items 500]

A real RSS feed and its item pages on 127.0.0.1 (tests/local_site.py), a fresh index, the real
packaged embedder. The first refresh fetches and ingests every item; the second asks each item
conditionally (its ETag) and ingests nothing. Requests are counted on the server; requests to
the one host are not spaced (NEWSDESK_FETCH_HOST_INTERVAL=0: a real site gets one a second).
Run it on a machine doing nothing else. Writes bench/results/feeds.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from tests.local_site import LocalSite, Page, local_site

REPO = Path(__file__).resolve().parent.parent
TOPICS = ["bus lanes", "a bridge", "the budget", "school meals", "a new park", "water rates"]


def _item(n: int) -> bytes:
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"<html><head><title>Council item {n}: {topic}</title>"
        f'<meta property="article:published_time" content="2024-{1 + n % 12:02d}-10"></head>'
        f"<body><article><h1>Council item {n}: {topic}</h1><p>The council voted on item {n}, "
        f"about {topic}, on Monday. Members debated for {n % 5 + 1} hours before a vote of "
        f"{n % 9 + 5} to {n % 4}.</p><p>The measure takes effect next month, officials said, "
        f"and costs {n * 13 % 900 + 100} thousand euros.</p></article></body></html>"
    ).encode()


def _publish(site: LocalSite, items: int) -> None:
    entries = "".join(
        f"<item><title>Item {n}</title><link>{site.url(f'/news/{n}')}</link></item>"
        for n in range(items)
    )
    site.pages["/feed.xml"] = Page(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Council news</title>'
        f"{entries}</channel></rss>".encode(),
        content_type="application/rss+xml",
    )
    for n in range(items):
        site.pages[f"/news/{n}"] = Page(_item(n), etag=f'"{n}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-bench-feeds-"))
    os.environ.update(
        NEWSDESK_INDEX_DIR=str(folder / "index"),
        NEWSDESK_ALLOW_PRIVATE_URLS="1",
        NEWSDESK_FETCH_HOST_INTERVAL="0",
    )
    from assistant.desk import Newsdesk
    from assistant.settings import Settings

    result: dict[str, object] = {"items": args.items}
    try:
        with local_site() as site:
            _publish(site, args.items)
            desk = Newsdesk.open(Settings())
            desk.embedder.embed_query("warm up")
            desk.follow(site.url("/feed.xml"))
            for run in ("new", "unchanged"):
                site.seen.clear()
                started = time.perf_counter()
                report = desk.refresh()[0].to_dict()
                seconds = time.perf_counter() - started
                result[run] = {
                    "seconds": round(seconds, 2),
                    "requests": len(site.seen),
                    "conditional": sum("if-none-match" in s.headers for s in site.seen),
                    "added": report["added"],
                    "unchanged": report["unchanged"],
                    "failed": report["failed"],
                }
            desk.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    new, same = result["new"], result["unchanged"]
    assert isinstance(new, dict) and isinstance(same, dict)
    result["ratio_new_to_unchanged"] = round(new["seconds"] / same["seconds"], 1)
    print(json.dumps(result, indent=2))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "feeds.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
