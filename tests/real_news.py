"""The real articles the real-news eval file asks about, taken from RealTime QA 2024 beside the
repository (never copied into it): `python -m tests.real_news OUT.jsonl`."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO.parent / "shared" / "datasets" / "realtimeqa-2024" / "articles-2024.jsonl.gz"
PORT_STRIKE = REPO / "tests" / "data" / "real_news" / "port_strike_2024.urls"
HELENE = REPO / "tests" / "data" / "real_news" / "helene_2024.urls"
BOEING = REPO / "tests" / "data" / "real_news" / "boeing_2024.urls"
KEY_BRIDGE = REPO / "tests" / "data" / "real_news" / "key_bridge_2024.urls"
STARLINER = REPO / "tests" / "data" / "real_news" / "starliner_2024.urls"
TIKTOK = REPO / "tests" / "data" / "real_news" / "tiktok_2024.urls"
MILTON_ALASKA = REPO / "tests" / "data" / "real_news" / "milton_alaska_2024.urls"
BIRD_FLU = REPO / "tests" / "data" / "real_news" / "bird_flu_2024.urls"
ATTEMPTS = REPO / "tests" / "data" / "real_news" / "assassination_attempts_2024.urls"
POLARIS = REPO / "tests" / "data" / "real_news" / "polaris_dawn_2024.urls"
UNITEDHEALTHCARE = REPO / "tests" / "data" / "real_news" / "unitedhealthcare_2024.urls"
BERYL_SYRIA = REPO / "tests" / "data" / "real_news" / "beryl_syria_2024.urls"
ECLIPSE = REPO / "tests" / "data" / "real_news" / "eclipse_2024.urls"
NAVALNY_KOREA = REPO / "tests" / "data" / "real_news" / "navalny_korea_2024.urls"
MIXED = REPO / "tests" / "data" / "real_news" / "mixed_2024.urls"
SUPERBOWL_OSCARS = REPO / "tests" / "data" / "real_news" / "superbowl_oscars_2024.urls"


def write_articles(urls_file: Path, target: Path, source: Path = ARTICLES) -> int:
    """The articles of `urls_file` as JSON Lines in `target` (newsdesk ingests them as they
    are); how many. FileNotFoundError when the dataset is not there; ValueError when an URL
    is missing from it."""
    wanted = [u.strip() for u in urls_file.read_text(encoding="utf-8").splitlines() if u.strip()]
    found: dict[str, str] = {}
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["url"] in wanted:
                found[record["url"]] = line.rstrip("\n")
    missing = [u for u in wanted if u not in found]
    if missing:
        raise ValueError(f"{len(missing)} articles are not in {source}: {missing[0]} …")
    target.write_text("".join(found[u] + "\n" for u in wanted), encoding="utf-8")
    return len(wanted)


if __name__ == "__main__":
    # python -m tests.real_news OUT.jsonl [URLS]: the port strike's articles, or those of URLS.
    urls = Path(sys.argv[2]) if len(sys.argv) > 2 else PORT_STRIKE
    count = write_articles(urls, Path(sys.argv[1]))
    print(f"{count} articles written to {sys.argv[1]}")
