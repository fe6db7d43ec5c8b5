"""Conflicting reports on real news: the conflict finder over pairs of real articles, scored
against labels written by hand.

    .venv/bin/python -m bench.conflicts [--groups 80] [--offset 0] [--show]

Topics are RealTime QA 2024 questions (`../shared/datasets/realtimeqa-2024/`, never copied into
the repository): the articles one question's web search returned are one topic, as in an
archive that follows a story. For every pair of those articles (different URLs), each sentence
of the first is taken as a cited quote and `find_conflicts` looks for a sentence of the second
that gives another value for the same thing — what the answer would show as "Reports differ".

`bench/data/conflict_labels.jsonl` labels flagged pairs (`"conflict": true` when the two
sentences do give different values for one quantity of one event; false otherwise), each pair
named by the sha1 of its two sentences (no article text is stored). The pool of labelled pairs
is what this finder or the finder before issue 20 flagged (`--pool old`, with the old finder
copied from git); recall is measured against the pool's true conflicts.
Reports precision (true among labelled flags) and pooled recall; `--show` prints the unlabelled
flags to label.

`--articles FILE …` makes a topic of each file of articles (RealTime QA's JSON lines, as
`python -m tests.real_news` writes the real-news libraries), e.g. one developing story a file.

`--stories` makes a topic of each developing story of STORIES (the articles whose titles match
its words): articles of one story published a day apart in different weeks; `--stories
held-out` of HELD_OUT_STORIES, 20 more stories no rule was made on; `--stories fresh` of
FRESH_STORIES, 20 more, labelled once before any rule was changed for them; `--stories
fresh2` of FRESH2_STORIES, 30 more, run once after the rules the fresh set prompted; `--stories
fresh3` of FRESH3_STORIES, 30 more, labelled at first look (fifty-fourth session); `--stories
fresh4` of FRESH4_STORIES, 30 more, labelled at first look (fifty-sixth session); `--stories
fresh5` of FRESH5_STORIES, 30 more, labelled at first look after the rule fresh4 prompted;
`--stories fresh6` of FRESH6_STORIES, 30 more, labelled at first look (fifty-seventh session).

`--dates N` makes a topic of every article of one quiz date instead (N dates spread over the
file, from the `--offset`-th): the pairs of articles that no single question's search returned
together were never in a topic above, so their flags are text the finder's rules were not made
on. The report counts those apart (`unseen_flags`, `unseen_true`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.answering.over_time.conflicts import MIN_SHARED, content_words, find_conflicts
from assistant.answering.types import Citation
from assistant.articles.cleaning import clean_pages
from assistant.entities import make_tagger
from assistant.retrieval import Hit
from assistant.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "datasets" / "realtimeqa-2024"
LABELS = REPO / "bench" / "data" / "conflict_labels.jsonl"
Finder = Callable[[list[Citation], list[Hit]], list[tuple[Any, Citation]]]


def key(first: str, second: str) -> str:
    """The name of a flagged pair: sha1 of its two sentences (in order), 16 hex digits."""
    joined = " ".join(first.split()) + "\n" + " ".join(second.split())
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


@cache
def _questions() -> list[dict[str, Any]]:
    """RealTime QA's questions with two or more searched articles (read once)."""
    questions = [
        json.loads(line)
        for line in (DATA / "questions-2024.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [q for q in questions if len(q["search_results"]) >= 2]


def topics(groups: int, offset: int = 0) -> dict[str, list[Hit]]:
    """The articles of `groups` questions (spread over the file, from the `offset`-th) as hits,
    one list a topic, by question id; offsets below the spacing give disjoint sets of topics."""
    asked = _questions()
    chosen = asked[offset :: max(1, len(asked) // groups)][:groups]
    return _as_topics({q["id"]: q["search_results"] for q in chosen})


def date_topics(dates: int, offset: int = 0) -> dict[str, list[Hit]]:
    """Every article of `dates` quiz dates (spread over the file, from the `offset`-th) as one
    topic a date, by the date."""
    asked = _questions()
    by_date: dict[str, list[str]] = defaultdict(list)
    for question in asked:
        urls = by_date[question["as_of"]]
        urls.extend(u for u in question["search_results"] if u not in urls)
    every = sorted(by_date)
    chosen = every[offset :: max(1, len(every) // dates)][:dates]
    return _as_topics({day: by_date[day] for day in chosen})


# Developing stories of 2024 by the words of their articles' titles: the articles of one story
# published a day apart in different quiz weeks were in no question's topic nor date's.
STORIES = {
    "milton": r"\bMilton\b", "crowdstrike": r"CrowdStrike|outage", "beryl": r"\bBeryl\b",
    "eclipse": r"\beclipse", "hushmoney": r"hush money|Trump trial|Stormy",
    "shooting": r"assassination|Butler|Trump rally shoot", "olympics": r"Olympic",
    "superbowl": r"Super Bowl", "gaza": r"Gaza|Hamas|ceasefire", "haiti": r"\bHaiti",
    "hunter": r"Hunter Biden", "alaska": r"Alaska Airlines|door plug", "navalny": r"Navalny",
    "iran": r"\bIran", "debate": r"\bdebate", "fed": r"Federal Reserve|rate cut|\bFed\b",
    "israel": r"Israel", "ukraine": r"Ukrain", "strike": r"\bUAW\b|strike",
    "earthquake": r"earthquake", "tornado": r"tornado", "fire": r"wildfire|fire",
}  # fmt: skip
# Stories held out (fifty-second session): no rule was made on their flags before they were
# labelled (`--stories held-out`).
HELD_OUT_STORIES = {
    "debby": r"\bDebby\b", "francine": r"\bFrancine\b", "measles": r"measles",
    "combs": r"Diddy|Sean Combs", "kate": r"Kate Middleton|Princess of Wales",
    "moscow": r"Crocus|Moscow concert", "winter": r"winter storm|blizzard|snowstorm",
    "flood": r"\bflood", "heat": r"heat wave|heatwave|extreme heat", "volcano": r"volcano|eruption",
    "crash": r"plane crash|helicopter crash", "prices": r"inflation|\bCPI\b|jobs report",
    "aurora": r"aurora|northern lights", "primary": r"primary|caucus|Super Tuesday",
    "venezuela": r"Venezuela", "taiwan": r"Taiwan", "sudan": r"\bSudan", "mpox": r"mpox",
    "recall": r"\brecall", "avalanche": r"avalanche",
}  # fmt: skip
# A second set held out (fifty-third session): its flags were labelled once, before any rule
# was changed for them (`--stories fresh`); none of the real-news libraries' stories.
FRESH_STORIES = {
    "covid": r"COVID|Coronavirus", "court": r"Supreme Court",
    "swift": r"Taylor Swift|Eras Tour",
    "spacex": r"SpaceX|Starship|Polaris Dawn", "uk": r"Sunak|Starmer|\bUK election",
    "france": r"Macron|French election|\bFrance\b", "mexico": r"Sheinbaum|\bMexico\b",
    "india": r"\bModi\b|\bIndia\b", "korea": r"South Korea|\bYoon\b|North Korea",
    "china": r"\bChina\b|Xi Jinping", "outbreak": r"E\. coli|salmonella|listeria|outbreak",
    "congress": r"Speaker|shutdown|\bCongress\b", "border": r"\bborder\b|migrant|immigra",
    "musk": r"Elon Musk|\bTesla\b", "awards": r"Oscar|Golden Globe|Grammy|Emmy",
    "nfl": r"\bNFL\b|Chiefs|Eagles", "tech": r"Google|Apple|Microsoft|OpenAI",
    "flights": r"airline|\bflights?\b|\bFAA\b|airport",
    "harris": r"Kamala Harris|\bWalz\b|\bVance\b",
    "gunfire": r"shooting|shooter|gunman",
}  # fmt: skip
# A third set (fifty-third session), run once after the rules FRESH_STORIES prompted: its flags
# were labelled before any rule was changed again (`--stories fresh2`).
FRESH2_STORIES = {
    "thanksgiving": r"Thanksgiving", "halloween": r"Halloween", "christmas": r"Christmas",
    "lottery": r"Powerball|Mega Millions|lottery|jackpot", "gas": r"gas prices|gasoline",
    "social": r"Social Security|\bCOLA\b", "nasa": r"\bNASA\b|\bMars\b|Artemis",
    "biles": r"Simone Biles|gymnast", "clark": r"Caitlin Clark|\bWNBA\b",
    "retail": r"Walmart|Costco|Amazon", "streaming": r"Netflix|Disney|Spotify",
    "food": r"McDonald|Chipotle|Wendy|Starbucks", "autos": r"\bFord\b|\bGM\b|General Motors",
    "putin": r"Putin|Kremlin", "nato": r"\bNATO\b", "royals": r"King Charles|Prince Harry|royal",
    "desantis": r"DeSantis", "soccer": r"World Cup|Copa America|\bMLS\b|Messi",
    "quarterback": r"Tom Brady|Aaron Rodgers|quarterback", "jobs": r"layoffs|unemployment|wage",
    "housing": r"mortgage|home prices|housing market|\brent\b", "schools": r"school board|teachers",
    "health": r"\bFDA\b|\bCDC\b|vaccine", "weather": r"\bstorm\b|\brain\b|forecast",
    "climate": r"climate|emissions", "drugs": r"fentanyl|overdose|opioid",
    "trial": r"\btrial\b|\bjury\b|verdict|sentenced", "police": r"police|arrest",
    "beach": r"Rehoboth|boardwalk|\bbeach\b", "college": r"\bUD\b|Blue Hens|Delaware State",
}  # fmt: skip
# A fourth set (fifty-fourth session): labelled at first look, before any rule was changed for
# it (`--stories fresh3`); none of the sets above, nor the real-news libraries' stories.
FRESH3_STORIES = {
    "birdflu": r"bird flu|H5N1|avian", "nba": r"\bNBA\b|Celtics|Lakers|playoffs",
    "baseball": r"\bMLB\b|World Series|Dodgers|Yankees|Ohtani", "ncaa": r"March Madness|NCAA",
    "derby": r"Kentucky Derby|horse rac", "golf": r"\bgolf\b|Masters|Scheffler|\bPGA\b",
    "tennis": r"tennis|Wimbledon|US Open", "stocks": r"stock market|\bDow\b|S&P|Nvidia",
    "crypto": r"bitcoin|crypto", "loans": r"student loan", "abortion": r"abortion",
    "cannabis": r"marijuana|cannabis", "guns": r"gun law|firearm", "lebanon": r"Lebanon|Hezbollah",
    "syria": r"\bSyria|Assad", "germany": r"Germany|Scholz", "canada": r"Canada|Trudeau",
    "japan": r"\bJapan", "brazil": r"Brazil|\bLula\b", "argentina": r"Argentina|Milei",
    "pope": r"\bPope\b|Vatican", "georgia": r"Fani Willis|Georgia case",
    "january6": r"Jan\. 6|January 6|Capitol riot", "menendez": r"Menendez",
    "college_fb": r"college football|\bCFP\b|Heisman",
    "tropical": r"tropical storm|hurricane season",
    "cruise": r"cruise", "recall_food": r"\brecalled\b", "zoo": r"\bzoo\b",
    "bridge": r"bridge collapse|\bbridge\b",
}  # fmt: skip
# A fifth set (fifty-sixth session): labelled at first look, before any rule was changed for it
# (`--stories fresh4`); none of the sets above, nor the real-news libraries' stories.
FRESH4_STORIES = {
    "tiktok": r"TikTok", "boeing": r"Boeing|Starliner", "ai": r"\bAI\b|artificial intelligence",
    "houthi": r"Houthi|Red Sea|Yemen", "pakistan": r"Pakistan|Bangladesh|Afghanistan",
    "africa": r"Kenya|Nigeria|South Africa|Congo", "russia": r"\bRussia", "texas": r"\bTexas\b",
    "california": r"California", "newyork": r"New York|\bNYC\b", "chicago": r"Chicago",
    "florida": r"\bFlorida\b", "nobel": r"Nobel", "music": r"concert|album|Beyonc|singer",
    "movies": r"box office|\bmovie\b|\bfilm\b", "nhl": r"\bNHL\b|Stanley Cup|hockey",
    "motorsport": r"Formula 1|\bF1\b|NASCAR|IndyCar", "fighting": r"boxing|\bUFC\b|Tyson",
    "moon": r"\bmoon\b|asteroid|comet|meteor", "pentagon": r"Pentagon|military|troops",
    "senate": r"\bSenate\b|senator", "governor": r"\bgovernor\b|\bGov\.", "mayor": r"\bmayor\b",
    "tax": r"\btax\b|\bIRS\b|tariff", "bank": r"\bbank\b|banking|JPMorgan",
    "oil": r"\boil\b|OPEC|crude", "train": r"\btrain\b|derail|Amtrak|subway",
    "virus": r"virus|dengue|malaria|West Nile", "deaths": r"\bdies\b|\bdead at\b|\bdied\b",
    "election": r"\belection\b|\bballot",
}  # fmt: skip
# A sixth set (fifty-sixth session), after the place-kind rule fresh4 prompted: labelled at first
# look (`--stories fresh5`).
FRESH5_STORIES = {
    "poll": r"\bpoll\b|polling|survey", "lawsuit": r"lawsuit|\bsued\b|\bsues\b",
    "prison": r"prison|inmate|\bjail\b", "museum": r"museum|\bart\b|artist",
    "restaurant": r"restaurant|\bchef\b", "wildlife": r"\bbear\b|shark|whale|\bwolf|wildlife",
    "drought": r"drought|water supply|reservoir",
    "energy": r"solar|wind power|electric vehicle|\bEVs?\b",
    "hospital": r"hospital|nurses", "church": r"church|relig",
    "pride": r"\bPride\b|LGBTQ|transgender",
    "veterans": r"veteran", "farm": r"\bfarm|crop", "traffic": r"\bcrash\b|highway|traffic",
    "boat": r"\bboat\b|\bferry\b|\bship\b", "arizona": r"Arizona", "nevada": r"Nevada|Las Vegas",
    "michigan": r"Michigan|Detroit", "pennsylvania": r"Pennsylvania|Philadelphia|Pittsburgh",
    "ohio": r"\bOhio\b", "ireland": r"Ireland|Scotland|Wales",
    "australia": r"Australia|New Zealand",
    "asia": r"Philippines|Indonesia|Vietnam|Thailand", "mideast": r"\bIraq|Jordan|Egypt|Saudi",
    "europe_east": r"Poland|Hungary|Romania|Serbia",
    "europe_west": r"Netherlands|Belgium|Spain|Italy",
    "dog": r"\bdogs?\b|\bcats?\b|\bpets?\b", "wedding": r"wedding|married|divorce",
    "baby": r"\bbaby\b|birth|pregnan", "storm_names": r"Hurricane (?!Milton|Beryl|Debby|Francine)",
}  # fmt: skip
# A seventh set (fifty-seventh session): labelled at first look, before any rule was changed
# for it (`--stories fresh6`); none of the sets above, nor the real-news libraries' stories.
FRESH6_STORIES = {
    "trump": r"\bTrump\b", "biden": r"\bBiden\b", "netanyahu": r"Netanyahu",
    "zelensky": r"Zelensky", "un": r"United Nations|\bU\.N\.", "ports": r"dockworker|port strike",
    "protest": r"protest|demonstrat", "campus": r"university|campus",
    "cyber": r"\bhack|cyber|ransomware|data breach", "fraud": r"fraud|\bscam|embezzl",
    "murder": r"murder|homicide", "missing": r"\bmissing\b", "power": r"power outage|blackout",
    "smoke": r"\bsmoke\b|air quality", "cars": r"Toyota|Honda|Hyundai|Nissan|Stellantis",
    "games": r"video game|Nintendo|PlayStation|Xbox", "fashion": r"fashion|Met Gala",
    "cricket": r"cricket|rugby", "iowa": r"\bIowa\b", "wisconsin": r"Wisconsin|Milwaukee",
    "minnesota": r"Minnesota|Minneapolis", "colorado": r"Colorado|Denver",
    "northwest": r"Seattle|Oregon|Portland", "louisiana": r"Louisiana|New Orleans",
    "carolina": r"Carolina", "virginia": r"Virginia|Maryland",
    "massachusetts": r"Massachusetts|Boston", "newjersey": r"New Jersey",
    "turkey": r"Turkey|Erdogan|Greece", "latam": r"Colombia|\bPeru\b|\bChile\b|Ecuador|Cuba",
}  # fmt: skip
STORY_SETS = {
    "developing": STORIES,
    "held-out": HELD_OUT_STORIES,
    "fresh": FRESH_STORIES,
    "fresh2": FRESH2_STORIES,
    "fresh3": FRESH3_STORIES,
    "fresh4": FRESH4_STORIES,
    "fresh5": FRESH5_STORIES,
    "fresh6": FRESH6_STORIES,
}
STORY_ARTICLES = 80  # the first articles of a story, in the file's order


def story_topics(stories: dict[str, str] = STORIES) -> dict[str, list[Hit]]:
    """One topic a developing story of `stories`: the articles whose title matches it (at most
    STORY_ARTICLES; a title may match several stories), by `story-<name>`."""
    patterns = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in stories.items()}
    urls_of: dict[str, list[str]] = defaultdict(list)
    with gzip.open(DATA / "articles-2024.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for name, pattern in patterns.items():
                urls = urls_of[f"story-{name}"]
                if len(urls) < STORY_ARTICLES and pattern.search(record["title"] or ""):
                    urls.append(record["url"])
    return _as_topics(urls_of)


def seen_together() -> set[frozenset[str]]:
    """The pairs of articles one question's search returned together: the pairs of `topics`."""
    return {
        frozenset((first, second))
        for question in _questions()
        for first in question["search_results"]
        for second in question["search_results"]
        if first != second
    }


def file_topics(paths: list[Path]) -> dict[str, list[Hit]]:
    """One topic a file of articles in RealTime QA's form (a JSON object a line: url, title,
    published, text) — e.g. the real-news libraries `tests.real_news` writes — by file name."""
    result = {}
    for path in paths:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        by_url = {record["url"]: record for record in records if record.get("url")}
        result[path.stem] = _hits(list(by_url), by_url)
    return result


def _as_topics(urls_of: dict[str, list[str]]) -> dict[str, list[Hit]]:
    """Each topic's articles as hits (one a whole cleaned article), in the order given."""
    wanted = {url for urls in urls_of.values() for url in urls}
    articles: dict[str, dict[str, Any]] = {}
    with gzip.open(DATA / "articles-2024.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["url"] in wanted:
                articles[record["url"]] = record
    return {topic: _hits(urls, articles) for topic, urls in urls_of.items()}


def _hits(urls: list[str], articles: dict[str, dict[str, Any]]) -> list[Hit]:
    """The articles of `urls` found in `articles` as hits, in the order given."""
    hits = []
    for n, url in enumerate(urls):
        if url not in articles:
            continue
        record = articles[url]
        text = clean_pages([record["text"]])[0]
        published = date.fromisoformat(str(record["published"]).replace("/", "-"))
        title = record["title"] or ""
        hits.append(Hit(n, url, title, published, url, text, 0, len(text), 1.0, story_id=url))
    return hits


def _sentences(hit: Hit) -> list[Hit]:
    """The article as one hit per sentence (split once, not at every comparison)."""
    return [
        replace(hit, start=span.start, end=span.end, text=hit.text[span.start : span.end])
        for span in split_sentences(hit.text)
    ]


def flags(finder: Finder, topic: list[Hit]) -> dict[str, tuple[str, str, str, frozenset[str]]]:
    """Every flagged pair of the topic: key → (what, first sentence, second sentence, the two
    articles).

    Each sentence is compared only with the other articles' sentences that share MIN_SHARED of
    its words (an index of words finds them; the finder's own test is stricter): a topic can
    hold thousands of sentences, and every pair through the finder took hours."""
    found: dict[str, tuple[str, str, str, frozenset[str]]] = {}
    sentences = [s for hit in topic for s in _sentences(hit)]
    words = [content_words(s.text) for s in sentences]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, told in enumerate(words):
        for word in told:
            postings[word].append(number)
    for number, sentence in enumerate(sentences):
        shared = Counter(other for word in words[number] for other in postings[word])
        others = [
            sentences[other]
            for other, count in sorted(shared.items())
            if count >= MIN_SHARED and sentences[other].article_id != sentence.article_id
        ]
        if not others:
            continue
        cited = Citation.quoting(1, sentence, sentence.start, sentence.end)
        for conflict, other in finder([cited], others):
            articles = frozenset((sentence.article_id, other.article_id))
            found[key(cited.quote, other.quote)] = (
                conflict.about,
                cited.quote,
                other.quote,
                articles,
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=80)
    parser.add_argument(
        "--offset", type=int, default=0, help="start the spread at this question (other topics)"
    )
    parser.add_argument(
        "--dates", type=int, default=0, help="topics of every article of N quiz dates instead"
    )
    parser.add_argument(
        "--articles",
        type=Path,
        nargs="+",
        default=[],
        help="topics from files of articles instead (one a file, RealTime QA's JSON lines)",
    )
    parser.add_argument(
        "--stories",
        nargs="?",
        const="developing",
        choices=list(STORY_SETS),
        help="topics of developing stories instead (STORIES, HELD_OUT_STORIES, FRESH_STORIES …)",
    )
    parser.add_argument("--show", action="store_true", help="print unlabelled flags")
    parser.add_argument("--pool", choices=["new", "old"], default="new")
    args = parser.parse_args()
    # The app's finder: with spaCy's entities (two sentences that each name someone the other
    # does not are two subjects).
    finder: Finder = partial(find_conflicts, tagger=make_tagger("spacy"))
    if args.pool == "old":
        from bench.old_conflicts import find_conflicts as old_finder  # a copy from git

        finder = old_finder
    labels: dict[str, bool] = {}
    topic_of: dict[str, str] = {}  # pair → the topic it was found in (labels since issue 20.4)
    if LABELS.exists():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                labels[record["pair"]] = bool(record["conflict"])
                if record.get("topic"):
                    topic_of[record["pair"]] = record["topic"]
    flagged: dict[str, tuple[str, str, str, frozenset[str]]] = {}
    found_in: dict[str, str] = {}
    if args.articles:
        chosen = file_topics(args.articles)
    elif args.stories:
        chosen = story_topics(STORY_SETS[args.stories])
    elif args.dates:
        chosen = date_topics(args.dates, args.offset)
    else:
        chosen = topics(args.groups, args.offset)
    for topic, hits in tqdm(chosen.items(), desc="topics", unit="topic"):
        for pair, flag in flags(finder, hits).items():
            flagged[pair] = flag
            found_in[pair] = topic
    labelled = [k for k in flagged if k in labels]
    true_flags = sum(labels[k] for k in labelled)
    # Recall: against the true conflicts labelled in these topics (the pool: what this finder,
    # the finder before it and the one before issue 20 flagged there and a person judged).
    # A pair labelled under another question that found the same articles counts too when flagged.
    pool = {k for k, t in topic_of.items() if t in chosen and labels[k]}
    pool_true = len(pool | {k for k in labelled if labels[k]}) or None
    # Flags of article pairs no question's topic held: the finder's rules never saw them.
    together = seen_together()
    unseen = [k for k in labelled if flagged[k][3] not in together]
    result = {
        "finder": args.pool,
        "groups": args.groups,
        "dates": args.dates,
        "offset": args.offset,
        "flagged": len(flagged),
        "labelled_flags": len(labelled),
        "true_flags": true_flags,
        "precision": round(100 * true_flags / len(labelled), 1) if labelled else None,
        "pooled_true_conflicts": pool_true,
        "recall": round(100 * true_flags / pool_true, 1) if pool_true else None,
        "unseen_flags": len(unseen),
        "unseen_true": sum(labels[k] for k in unseen),
        "unseen_flagged": sum(1 for v in flagged.values() if v[3] not in together),
    }
    print(json.dumps(result))
    if args.show:
        for k, (about, first, second, articles) in flagged.items():
            if k not in labels:
                record = {"pair": k, "topic": found_in[k], "about": about, "a": first, "b": second}
                record["unseen"] = articles not in together
                print(json.dumps(record))


if __name__ == "__main__":
    main()
