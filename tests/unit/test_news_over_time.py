"""As-of dates, "latest", ages, conflicting reports and timelines over the news-over-time corpus
(a wire story in three outlets, an updated report, two reports that disagree, undated features).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.answering.over_time.timeline import event_date, timeline_request
from assistant.answering.types import Answer, AnswerSentence, Citation, Event, ShortAnswer, Timeline
from assistant.evaluation import judge_timeline
from assistant.retrieval import Hit


def _bold(question: str, source: Hit, short: str) -> Answer:
    """An answer whose short answer `short`, found in its one source's text, leads in bold,
    with that text as its quote."""
    text, at = source.text, source.text.index(short)
    return Answer(
        question,
        "answered",
        (AnswerSentence(f"**{short}** —", (1,), derived=True), AnswerSentence(f"{text} [1]", (1,))),
        (Citation.quoting(1, source, 0, len(text)),),
        short_answer=ShortAnswer(short, 1, at, at + len(short)),
    )


def _name(citation) -> str:
    return Path(citation.source).name


def _exact(desk, citation) -> bool:
    return desk.article(citation.article_id).text[citation.start : citation.end] == citation.quote


def test_articles_published_after_the_as_of_date_are_left_out(time_desk) -> None:
    question = "What did the union and the port authority sign?"
    before = time_desk.ask(question, as_of=date(2023, 3, 15))
    assert all(c.published <= date(2023, 3, 15) for c in before.citations if c.published)
    assert before.as_of == date(2023, 3, 15)
    after = time_desk.ask(question, as_of=date(2023, 3, 21))
    assert "agreement.md" in {_name(c) for c in after.citations}


def test_latest_answers_from_the_newest_source_and_says_how_old_it_is(time_desk) -> None:
    question = "What is the latest on the Norhaven port strike?"
    early = time_desk.ask(question, as_of=date(2023, 3, 8))
    assert [_name(c) for c in early.citations] == ["backlog_updated.md"]
    assert "Newest source: 7 March 2023 [1], 1 day earlier than 8 March 2023." in early.answer
    same = time_desk.ask(question, as_of=date(2023, 3, 7))
    assert "Newest source: 7 March 2023 [1], the same day as 7 March 2023." in same.answer
    assert "more than 30 days old" not in early.answer
    assert early.citations[0].age == "1 day earlier" and early.citations[0].age_days == 1
    late = time_desk.ask(question, as_of=date(2024, 6, 1))
    assert {_name(c) for c in late.citations} == {"anniversary.md"}
    assert "more than 30 days old" in late.answer
    record = late.to_dict()
    assert record["as_of"] == "2024-06-01" and record["time"]["newest"] is True


def test_reports_that_disagree_are_both_shown_with_sources_and_dates(time_desk) -> None:
    answer = time_desk.ask(
        "How many protesters were arrested at the Norhaven port?", as_of=date(2023, 4, 1)
    )
    assert "Reports differ:" in answer.answer
    (conflict,) = answer.conflicts
    values = {r.value for r in conflict.reports}
    assert values == {"12 protesters", "15 protesters"}
    cited = {c.n: c for c in answer.citations}
    for report in conflict.reports:
        citation = cited[report.citation]
        assert report.value.split()[0] in citation.quote and _exact(time_desk, citation)
        assert report.published == citation.published
    assert {_name(cited[r.citation]) for r in conflict.reports} == {
        "gazette_arrests.md",
        "coastal_arrests.md",
    }
    assert json.loads(json.dumps(answer.to_dict()))["conflicts"][0]["reports"][0]["value"]
    # Before the second report was published, there is nothing to disagree with.
    early = time_desk.ask(
        "How many protesters were arrested at the Norhaven port?", as_of=date(2023, 3, 10)
    )
    assert early.conflicts == () and "15" not in early.answer


def test_timeline_is_dated_ordered_merged_and_keeps_undated_apart(time_desk) -> None:
    timeline = time_desk.timeline("the Norhaven port strike", as_of=date(2024, 6, 1))
    dates = [e.date for e in timeline.events]
    assert dates == sorted(dates) and dates[0] == date(2023, 2, 28)
    walkout = timeline.events[0]
    assert walkout.date_basis == "relative"  # "walked out on Tuesday", published Wed 1 March
    assert {_name(c) for c in walkout.citations} == {
        "herald_strike.md",
        "coastal_strike.md",
        "valley_strike.md",
    }  # one happening, every copy cited
    assert all(_exact(time_desk, c) for e in timeline.events for c in e.citations)
    bases = {e.date_basis for e in timeline.events}
    assert {"stated", "relative", "published"} <= bases
    undated = " ".join(e.text for e in timeline.undated)
    assert "grain stuck in silos" in undated
    assert all(e.date is None and e.date_basis is None for e in timeline.undated)
    assert all(date(2024, 6, 1) >= e.date for e in timeline.events)
    record = timeline.to_dict()
    assert list(record) == ["topic", "as_of", "events", "undated"]
    assert list(record["events"][0]) == ["date", "date_basis", "text", "citations"]


def test_timeline_range_and_as_of(time_desk) -> None:
    since = time_desk.timeline(
        "the Norhaven port strike", after=date(2023, 3, 5), as_of=date(2024, 6, 1)
    )
    assert since.events and all(e.date >= date(2023, 3, 5) for e in since.events)
    early = time_desk.timeline("the Norhaven port strike", as_of=date(2023, 3, 12))
    assert all(c.published <= date(2023, 3, 12) for e in early.events for c in e.citations)
    assert "wage agreement" not in " ".join(e.text for e in early.events)


def test_a_question_that_asks_for_a_timeline_gets_one_in_the_chat(time_desk) -> None:
    answer = time_desk.ask("How did the Norhaven port strike develop?", as_of=date(2024, 6, 1))
    assert answer.timeline is not None and answer.status == "answered"
    assert answer.sentences[0].text.startswith("28 February 2023 — Dockworkers")
    assert answer.to_dict()["timeline"]["events"][0]["date"] == "2023-02-28"


def test_timeline_requests_and_event_dates() -> None:
    assert timeline_request("Timeline of Japan's sanctions against Russia") == (
        "Japan's sanctions against Russia",
        "",
    )
    assert timeline_request("how did the strike develop since March 2023?") == (
        "the strike",
        "since March 2023",
    )
    assert timeline_request("What happened with the strike since March?")[0] == "the strike"
    assert timeline_request("What happened to the strike?") is None
    assert timeline_request("When did Japan ban luxury exports?") is None
    published = date(2023, 3, 20)
    assert event_date("They signed on 18 March 2023.", published) == (date(2023, 3, 18), "stated")
    assert event_date("They signed on 18 March.", published) == (date(2023, 3, 18), "stated")
    assert event_date("Work resumed on Sunday.", published) == (date(2023, 3, 19), "relative")
    assert event_date("Work resumed.", published) == (published, "published")
    assert event_date("Work resumed on Sunday.", None) == (None, None)


def test_eval_timeline_items_check_order_and_undated() -> None:
    def event(day: int, text: str) -> Event:
        return Event(date(2023, 3, day), "stated", text, ())

    timeline = Timeline(
        "strike",
        date(2024, 1, 1),
        (event(1, "walked out"), event(9, "arrested"), event(18, "wage agreement")),
        (Event(None, None, "grain stuck", ()),),
    )
    good = {"id": "x", "question": "q", "events": ["walked out", ["arrested"]]}
    good["undated"] = ["grain"]
    assert judge_timeline(good, timeline).passed
    swapped = {**good, "events": ["arrested", "walked out"]}
    assert "comes before" in judge_timeline(swapped, timeline).problems[0]
    missing = {**good, "events": ["strike ended"], "undated": ["silos flooded"]}
    assert len(judge_timeline(missing, timeline).problems) == 2


def test_an_eval_line_can_expect_a_false_premise_or_none() -> None:
    from assistant.answering.types import Answer
    from assistant.evaluation import judge

    corrected = Answer("q?", "answered", premise="unsupported")
    plain = Answer("q?", "answered")
    expects = {"id": "p", "question": "q?", "answerable": None, "premise": "unsupported"}
    assert judge(expects, corrected).passed and not judge(expects, plain).passed
    expects_none = {**expects, "premise": None}
    assert judge(expects_none, plain).passed and not judge(expects_none, corrected).passed


def test_a_month_without_a_year_is_the_latest_such_month(time_desk) -> None:
    question = "What did the union and the port authority sign in March?"
    answer = time_desk.ask(question, as_of=date(2023, 3, 21))
    assert answer.status == "answered" and "wage agreement" in answer.answer
    assert (answer.time.after, answer.time.relaxed) == (date(2023, 3, 1), False)
    assert "Nothing in the articles" not in answer.answer


def test_a_yearless_month_that_holds_nothing_is_its_latest_earlier_one(time_desk) -> None:
    """As of June 2024 the latest March is March 2024, when nothing was published about it:
    the March before that holds the answer (March 2023), and the answer says so. It was read
    in every month before ("What did Japan ban in March?" asked in December 2026 quoted the
    February 2022 sanctions first, the March 2022 ban second)."""
    question = "What did the union and the port authority sign in March?"
    answer = time_desk.ask(question, as_of=date(2024, 6, 1))
    assert answer.status == "answered" and "wage agreement" in answer.answer
    first = answer.citations[0]
    assert first.published is not None and first.published.month == 3
    assert (
        "Nothing in the articles of March 2024 answers this; this answer is from March 2023 "
        f"(article of {first.published.day} March 2023 [{first.n}])."
    ) in answer.answer
    assert not answer.answer.startswith("**")  # the question did not say which year
    assert answer.time is not None and not answer.time.relaxed
    assert (answer.time.after, answer.time.before) == (date(2023, 3, 1), date(2023, 3, 31))
    shown = answer.to_dict()["time"]
    assert shown["first_read"] == {"after": "2024-03-01", "before": "2024-03-31"}
    assert time_desk.ask(question, as_of=date(2023, 3, 21)).to_dict()["time"]["first_read"] is None
    # The as-of date is no range to drop: nothing published after it is known yet.
    early = time_desk.ask(question, as_of=date(2023, 3, 1))
    assert "wage agreement" not in early.answer


def test_part_of_a_yearless_month_moves_to_an_earlier_year_too(time_desk) -> None:
    """ "in mid-March" is 11–20 March (reported up to 30 days later): asked in June 2024, when
    mid-March 2024 holds nothing, the agreement of 20 March 2023 answers, and the answer says
    which days it was read over."""
    question = "What did the union and the port authority sign in mid-March?"
    answer = time_desk.ask(question, as_of=date(2024, 6, 1))
    assert answer.status == "answered" and "wage agreement" in answer.answer
    first = answer.citations[0]
    assert (
        "Nothing in the articles of 11–20 March 2024 answers this; this answer is from 11–20 "
        f"March 2023 (article of {first.published.day} March 2023 [{first.n}])."
    ) in answer.answer
    assert answer.time is not None and answer.time.after == date(2023, 3, 11)


def test_a_range_that_leaves_nothing_is_dropped_and_the_answer_says_of_when(time_desk) -> None:
    # No June holds anything about it: the answer comes from any time, and says of when.
    question = "What did the union and the port authority sign in June?"
    answer = time_desk.ask(question, as_of=date(2024, 7, 1))
    assert answer.status == "answered" and "wage agreement" in answer.answer
    assert "Nothing in the articles for “in June” answers this" in answer.answer
    first = answer.citations[0]
    assert f"this answer is from {first.published.day} March 2023 [{first.n}]" in answer.answer
    assert answer.to_dict()["time"]["relaxed"] is True


def test_a_dropped_year_is_read_as_part_of_the_question(time_desk, monkeypatch) -> None:
    """Measured on real port-strike articles of 2024: "How long did the ILA strike last in
    1977?" dropped its range (nothing was published in 1977) and was then read without "in
    1977": the answer was about the 2024 strike. A year's words are the question's again; a
    month with no year is not read ("What did Japan ban in March?" asked in December 2026 found
    nothing: no sentence of 2022 says "in March"), and the answer says which date it is from."""
    generator = time_desk.generator()
    read: list[str] = []
    stream = generator.stream

    def recording(question: str, hits):  # type: ignore[no-untyped-def]
        read.append(question)
        return stream(question, hits)

    monkeypatch.setattr(generator, "stream", recording)
    question = "What did the union and the port authority sign in March?"
    time_desk.ask(question, as_of=date(2023, 3, 21))  # a range with articles: a filter
    assert read == ["What did the union and the port authority sign?"]
    read.clear()
    dropped = time_desk.ask(question.replace("March", "June"), as_of=date(2024, 7, 1))
    assert dropped.time is not None and dropped.time.relaxed
    assert read[-1] == "What did the union and the port authority sign?"
    read.clear()
    moved = time_desk.ask(question, as_of=date(2024, 6, 1))  # to March 2023: a filter again
    assert moved.time is not None and moved.time.first_read and read[-1] == read[0]
    read.clear()
    of_a_year = "What did the union and the port authority sign in 2020?"
    dropped = time_desk.ask(of_a_year, as_of=date(2024, 6, 1))
    assert dropped.time is not None and dropped.time.relaxed and read[-1] == of_a_year


def test_a_present_tense_fact_from_an_old_source_says_as_of_when(desk, corpus_copy) -> None:
    desk.ingest([corpus_copy], progress=False)
    question = "Who is the prime minister of Japan?"
    old = desk.ask(question, as_of=date(2026, 12, 2))
    assert old.status == "answered"
    (source,) = {c.published for c in old.citations if c.n in old.sentences[0].citations}
    note = old.sentences[-1]
    assert note.text.startswith(f"As of {source.day} {source:%B %Y}, the date of its source")
    assert note.derived and note.text.endswith("]")
    # A month later the fact is still fresh; a past-tense question asks of its own time.
    fresh = desk.ask(question, as_of=date(2022, 4, 20))
    assert "(As of" not in fresh.answer
    past = desk.ask("Who decided to ban exports of luxury items?", as_of=date(2026, 12, 2))
    assert "(As of" not in past.answer


@pytest.mark.parametrize(
    ("published", "sentence", "question", "old", "fresh"),
    [
        # RealTime QA: "When is free parking available in Dewey Beach, Delaware?" asked in May
        # 2024 was **Monday through Wednesday** from an article of August 2022.
        (
            date(2022, 8, 12),
            "In Dewey Beach, parking is free in all metered spaces Monday through Wednesday.",
            "When is free parking available in Dewey Beach?",
            date(2024, 5, 24),
            date(2022, 8, 20),
        ),
        # Real news: "How many followers does Trump have on TikTok?" asked in December 2024
        # was **more than 3.7 million** from an article of June.
        (
            date(2024, 6, 3),
            "The mayor's new video account has amassed more than 3,700 followers in two days.",
            "How many followers does the mayor's video account have?",
            date(2024, 12, 22),
            date(2024, 6, 20),
        ),
    ],
    ids=["standing-arrangement", "count-now"],
)
def test_a_present_state_from_an_old_source_says_as_of_when(
    desk, tmp_path, published, sentence, question, old, fresh
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article.md").write_text(
        f"---\ntitle: A report\ndate: {published.isoformat()}\n---\n{sentence}\n",
        encoding="utf-8",
    )
    desk.ingest([folder], progress=False)
    note = f"As of {published.day} {published:%B %Y}"
    stale = desk.ask(question, as_of=old)
    assert stale.status == "answered"
    assert stale.sentences[-1].text.startswith(f"{note}, the date of its source")
    assert not stale.answer.startswith("**")  # what may have changed is not said in bold
    assert note not in desk.ask(question, as_of=fresh).answer


def test_an_earlier_event_an_article_recalls_is_not_put_at_its_date(desk, tmp_path) -> None:
    folder = tmp_path / "strike"
    folder.mkdir()
    (folder / "walkout.md").write_text(
        "---\ntitle: Brennport dockworkers walk out\ndate: 2024-10-02\n---\n"
        "Brennport dockworkers walked off the job on 1 October 2024 over pay, the union said.\n\n"
        "The Brennport dockworkers strike began after talks on a new contract broke down.\n\n"
        "The last Brennport dockworkers strike, in 2008, lasted eight weeks.\n",
        encoding="utf-8",
    )
    (folder / "deal.md").write_text(
        "---\ntitle: Brennport strike ends\ndate: 2024-10-20\n---\n"
        "The Brennport dockworkers strike ended on 19 October 2024 when members accepted a "
        "deal.\n",
        encoding="utf-8",
    )
    desk.ingest([folder], progress=False)
    timeline = desk.timeline("the Brennport dockworkers strike", as_of=date(2024, 11, 1))
    texts = {event.text: event.date for event in timeline.events}
    assert not any("2008" in text for text in texts), texts
    assert date(2024, 10, 1) in texts.values() and date(2024, 10, 19) in texts.values()


def test_the_lead_of_an_article_ends_at_a_sentence_end(time_desk) -> None:
    (hit,) = time_desk.search("Norhaven dock strike ends with wage deal wage agreement", k=1)
    lead = time_desk.searcher.lead(hit, 300)
    article = time_desk.article(hit.article_id).text
    assert lead.start == 0 and lead.text == article[: lead.end]
    assert lead.text.rstrip().endswith((".", "!", "?")) and 0 < lead.end <= 300


def test_values_published_weeks_apart_are_a_development_not_a_conflict() -> None:
    from assistant.answering.over_time.conflicts import find_conflicts
    from assistant.answering.types import Citation

    def report(article: str, day: date, value: str, more: str) -> Hit:
        text = f"Brennport port operators offered workers a {value} raise. {more}"
        return Hit(1, article, article, day, f"{article}.md", text, 0, len(text), 1.0, article)

    cited_hit = report("second", date(2024, 9, 25), "30%", "Cargo piled up in Rotterdam.")
    first_sentence = cited_hit.text.split(". ")[0] + "."
    cited = Citation.quoting(1, cited_hit, 0, len(first_sentence))
    earlier = report("first", date(2024, 9, 13), "25%", "Union leaders walked out.")
    next_day = report("next_day", date(2024, 9, 26), "28%", "Farmers said grain stalled.")
    found = find_conflicts([cited], [cited_hit, earlier, next_day])
    # 30 % (25 Sept) against 28 % (26 Sept) disagree; 25 % (13 Sept) was an earlier offer. (The
    # same sentence with its number raised the next day would be the figure updated.)
    assert [{r.value for r in conflict.reports} for conflict, _ in found] == [
        {"30% raise", "28% raise"}
    ]
    # Two days given for one happening in reports of the same days disagree.
    walkout = Hit(
        2,
        "late",
        "late",
        date(2024, 10, 3),
        "late.md",
        "Workers walked off the job on 30 September 2024.",
        0,
        48,
        1.0,
        "late",
    )
    on_day = Hit(
        3,
        "early",
        "early",
        date(2024, 10, 2),
        "early.md",
        "Workers walked off the job on 1 October 2024.",
        0,
        45,
        1.0,
        "early",
    )
    dated = Citation.quoting(1, on_day, 0, 45)
    assert [c.about for c, _ in find_conflicts([dated], [on_day, walkout])] == ["date"]


def test_only_values_of_the_same_thing_in_different_sentences_conflict() -> None:
    from assistant.answering.over_time.conflicts import find_conflicts
    from assistant.answering.types import Citation

    def pair(first: str, second: str, days: tuple[int, int] = (1, 2)) -> list[str]:
        one = Hit(1, "a", "A", date(2024, 10, days[0]), "a.md", first, 0, len(first), 1.0, "a")
        two = Hit(2, "b", "B", date(2024, 10, days[1]), "b.md", second, 0, len(second), 1.0, "b")
        cited = Citation.quoting(1, one, 0, len(first))
        return [conflict.about for conflict, _ in find_conflicts([cited], [one, two])]

    # Seen on real port-strike articles: none of these is a disagreement …
    beer = "A strike hits alcohol: 80% of imported beer and 60% of rum arrive at these ports."
    assert pair(beer, beer) == []  # one sentence printed in two articles
    bio = "You can reach her at the desk every Monday through Friday."
    assert pair(bio, bio) == []
    assert (
        pair(
            "It takes about three to five days to clear the backlog, he said.",
            "Analysts said it could take from four to six days to clear the backlog.",
        )
        == []
    )  # two estimates' ranges
    assert (
        pair(
            '"They do not care about us," said union president Harold Daggett on Monday.',
            "Union president Harold Daggett said in a statement on Tuesday that they care.",
        )
        == []
    )  # two statements on the days each article counts from
    assert (
        pair(
            "Prices of imported beer rose 5% in September, the union said.",
            "Prices of imported beer: the union said 9% of workers joined in September.",
        )
        == []
    )  # shares of different things
    assert (
        pair(
            "The crew will remain at the station for another five months.",
            "When the crew return, they will have been at the station for over eight months.",
        )
        == []
    )  # an increment is not the total
    assert (
        pair(
            "The Crew-9 astronauts relieve two astronauts at the station.",
            "Two astronauts will relieve the two astronauts at the station.",
        )
        == []
    )  # "Crew-9" is a name, not nine astronauts
    assert (
        pair(
            "More than 15,000 flights were delayed across the nation on Wednesday.",
            "Over 21,000 flights across the nation were delayed on Tuesday.",
        )
        == []
    )  # the counts of two days
    assert (
        pair(
            "A storm becomes a hurricane with winds of 74 mph or more.",
            "The storm became a hurricane with winds of 80 mph.",
        )
        == []
    )  # a threshold is not a value
    assert (
        pair(
            "Thanksgiving is on Thursday, 23 November 2023.",
            "Thanksgiving was first celebrated on 26 November 1789.",
        )
        == []
    )  # the days of two happenings
    assert (
        pair(
            "Editor's note: This page reflects the news of the election results for Wednesday, "
            "Nov. 6, 2024.",
            "Editor's note: This page reflects the news of the election campaign for Sunday, "
            "Nov. 3, 2024.",
        )
        == []
    )  # the days of two live pages, not of one happening
    assert (
        pair(
            "A senator since 2011, he serves on the Foreign Relations Committee.",
            "Now 53, he has served on the Foreign Relations Committee for years.",
        )
        == []
    )  # "2011, he" and "53, he" count nobody
    # … and these are: the same demand given as two figures, the same count as two.
    assert pair(
        "More than 32,000 dockworkers walked off the job at ports on Tuesday.",
        "About 33,000 dockworkers walked off the job at ports on Tuesday.",
    ) == ["dockwork"]
    assert pair(
        "The union is seeking a 61.5% pay increase over six years.",
        "The union is demanding a 77% increase over six years.",
    ) == ["percent"]


def test_a_topics_timeline_leaves_out_another_actors_events() -> None:
    from assistant.answering.evidence.candidates import Candidate
    from assistant.answering.over_time.actors import another_actors

    text = (
        "The US has already imposed sanctions on 24 Belarusians. They also sanctioned the "
        "defence minister on Thursday. President Joe Biden on Thursday unveiled new sanctions "
        "on Russia. Tokyo will freeze the assets of Russian banks. Japanese officials said more "
        "steps would follow. Meanwhile, the head of US diplomacy accused Russia of a land grab. "
        "Update: the union and the port resumed negotiations."
    )
    page = Hit(1, "a1", "Japan sanctions Russia", date(2022, 2, 26), "a.md", text, 0,
               len(text), 1.0)  # fmt: skip

    def other(sentence: str) -> bool:
        start = text.index(sentence)
        candidate = Candidate(page, 0, start, start + len(sentence), sentence)
        return another_actors(candidate, ["japan", "russia"])

    assert other("The US has already imposed sanctions on 24 Belarusians.")
    assert other("They also sanctioned the defence minister on Thursday.")  # they = the US
    assert other("President Joe Biden on Thursday unveiled new sanctions on Russia.")
    assert other("Meanwhile, the head of US diplomacy accused Russia of a land grab.")
    assert not other("Tokyo will freeze the assets of Russian banks.")  # Tokyo is Japan
    assert not other("Japanese officials said more steps would follow.")
    assert not other("Update: the union and the port resumed negotiations.")  # a label


def test_a_day_to_come_that_had_passed_is_not_given_in_bold() -> None:
    from assistant.answering.over_time.plan import dated
    from assistant.timeframe import TimeConstraint

    text = "Travellers will need a Real ID to fly from Oct. 1, 2021, the agency said."
    source = Hit(1, "a1", "Real ID", date(2019, 5, 1), "id.txt", text, 0, len(text), 1.0)

    def asked(question: str, as_of: date) -> str:
        answer = _bold(question, source, "Oct. 1, 2021")
        return dated(answer, as_of, TimeConstraint()).answer

    # Asked in 2024, the day to come had passed: a report of 2019 that deadlines overtook.
    late = asked("When will the Real ID be required for domestic flights?", date(2024, 3, 29))
    assert late.startswith("*Not sure:* Oct. 1, 2021 —") and "**" not in late
    assert "That day had passed by 29 March 2024: the report of 1 May 2019" in late
    # Asked before that day, or asked of the past, it stands.
    early = asked("When will the Real ID be required for domestic flights?", date(2020, 1, 6))
    assert early.startswith("**Oct. 1, 2021** —") and "had passed" not in early
    past = asked("When was the Real ID first required?", date(2024, 3, 29))
    assert past.startswith("**Oct. 1, 2021** —")


def test_an_answer_from_a_sentence_of_another_year_is_not_given_in_bold() -> None:
    from assistant.answering.over_time.plan import dated
    from assistant.timeframe import TimeConstraint

    text = "The city manager topped the list of wage earners in 2022, one of 88 staff paid more."
    source = Hit(1, "a1", "Wages", date(2023, 5, 1), "pay.txt", text, 0, len(text), 1.0)

    def asked(question: str, phrase: str = "") -> str:
        answer = _bold(question, source, "88")
        return dated(answer, date(2024, 5, 17), TimeConstraint(phrase=phrase)).answer

    # "In 2023" is the question's time phrase (taken out of its words); the passage says 2022.
    other = asked(", how many city staff were paid more than $100,000?", "In 2023")
    assert other.startswith("*Not sure:* 88 —") and "**" not in other
    assert "The passage speaks of 2022, not 2023." in other
    assert asked("How many city staff were paid more than $100,000 in 2023?").startswith(
        "*Not sure:*"
    )
    # Asked of 2022, or of no year, it stands.
    assert asked("How many city staff were paid more than $100,000 in 2022?").startswith("**88**")
    assert asked("How many city staff were paid more than $100,000?").startswith("**88**")


def test_an_answer_from_outside_the_range_asked_for_is_not_given_in_bold() -> None:
    """Measured on the sample corpus: "Which country did Japan ban luxury goods exports to in
    2006?" was answered **Russia** from a 2022 article, with a note that nothing of 2006
    answers."""
    from assistant.answering.over_time.plan import dated
    from assistant.answering.types import Answer, AnswerSentence, Citation, ShortAnswer
    from assistant.timeframe import TimeConstraint

    text = "The Japanese government decided to ban exports of luxury items to Russia."
    source = Hit(1, "a1", "Ban", date(2022, 3, 25), "ban.txt", text, 0, len(text), 1.0)
    at = text.index("Russia")
    answer = Answer(
        "Which country did Japan ban luxury goods exports to?",
        "answered",
        (AnswerSentence("**Russia** —", (1,), derived=True), AnswerSentence(f"{text} [1]", (1,))),
        (Citation.quoting(1, source, 0, len(text)),),
        short_answer=ShortAnswer("Russia", 1, at, at + 6),
    )
    relaxed = TimeConstraint("in 2006", date(2006, 1, 1), date(2006, 12, 31), relaxed=True)
    shown = dated(answer, date(2026, 12, 4), relaxed).answer
    assert shown.startswith("*Not sure:* Russia —") and "**" not in shown
    assert "Nothing in the articles for “in 2006” answers this" in shown
    # Within the range, it stands.
    kept = TimeConstraint("in 2022", date(2022, 1, 1), date(2022, 12, 31))
    assert dated(answer, date(2026, 12, 4), kept).answer.startswith("**Russia**")


def test_a_present_tense_answer_from_an_old_source_is_not_given_in_bold() -> None:
    from assistant.answering.over_time.plan import dated
    from assistant.timeframe import TimeConstraint

    text = "Comedian Michelle Wolf drew criticism for her set at the correspondents' dinner."
    source = Hit(1, "a1", "Debate", date(2018, 4, 30), "wolf.txt", text, 0, len(text), 1.0)

    def asked(as_of: date) -> str:
        answer = _bold(
            "Which comedian is facing criticism for complaining about political correctness?",
            source,
            "Michelle Wolf",
        )
        return dated(answer, as_of, TimeConstraint()).answer

    # Asked six years on (RealTime QA, 2024): who is criticised now may be someone else.
    late = asked(date(2024, 5, 10))
    assert late.startswith("*Not sure:* Michelle Wolf —") and "**" not in late
    assert late.endswith(
        "As of 30 April 2018, the date of its source; it may have changed since. [1]"
    )
    # Asked that week, it is the news of the day.
    assert asked(date(2018, 5, 2)).startswith("**Michelle Wolf** —")


def test_a_latest_answer_from_a_source_that_may_be_overtaken_is_not_given_in_bold() -> None:
    """RealTime QA, asked on 18 October 2024: "Tom Brady recently became a part owner of which
    NFL team?" was answered **Birmingham City** from a 2023 article, under a note that later news
    may be missing."""
    from assistant.answering.over_time.plan import dated
    from assistant.timeframe import TimeConstraint

    text = "Tom Brady has become a minority owner of English soccer team Birmingham City."
    source = Hit(1, "a1", "Brady", date(2023, 8, 3), "brady.txt", text, 0, len(text), 1.0)

    def asked(as_of: date) -> str:
        answer = _bold(
            "Tom Brady recently became a part owner of which team?", source, "Birmingham City"
        )
        return dated(answer, as_of, TimeConstraint("recently", newest=True)).answer

    late = asked(date(2024, 10, 18))
    assert late.startswith("*Not sure:* Birmingham City —") and "**" not in late
    assert "more than 30 days old, so later news may be missing." in late
    fresh = asked(date(2023, 8, 10))  # a week on, it is the newest news
    assert fresh.startswith("**Birmingham City** —") and "Newest source: 3 August 2023" in fresh


def _read_by_answerer(settings, fake_embedder, folder: Path, question: str, leads: int):
    """The passages the answerer was given for `question`, with `leads` leads read."""
    from assistant.desk import Newsdesk

    desk = Newsdesk.open(
        settings.model_copy(update={"answer_leads": leads}), embedder=fake_embedder
    )
    desk.ingest([folder], progress=False)
    generator = desk.generator()
    given: list = []
    stream = generator.stream

    def spy(asked, hits):
        given.extend(hits)
        yield from stream(asked, hits)

    generator.stream = spy  # type: ignore[method-assign]
    desk.ask(question)
    desk.close()
    return given


def test_the_answerer_reads_the_lead_of_the_best_articles(
    settings, fake_embedder, tmp_path
) -> None:
    """A news article opens with its main fact ("ended a three-day strike"); the passage that
    matches the question best may be far below it (RealTime QA: "Who did Robert F. Kennedy Jr.
    name as his running mate?" was answered from the lead only once leads were read)."""
    later = " ".join(
        f"Harbour cranes stood idle at berth {n} while container backlog grew at the terminal."
        for n in range(200)
    )
    text = (
        "Dockworkers approved a deal on Thursday that ended a three-day strike at Norhaven.\n\n"
        f"{later}\n"
    )
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "deal.txt").write_text(f"Norhaven dock deal\n\n{text}", encoding="utf-8")
    question = "How long did the container backlog at the harbour cranes terminal last?"
    without = _read_by_answerer(settings, fake_embedder, folder, question, leads=0)
    assert without and not any("three-day strike" in hit.text for hit in without)
    read = _read_by_answerer(settings, fake_embedder, folder, question, leads=3)
    (lead,) = [hit for hit in read if "three-day strike" in hit.text]
    assert lead.start == 0 and "Dockworkers approved a deal" in lead.text


def test_an_answer_from_a_report_long_older_than_the_newest_says_so() -> None:
    """RealTime QA, asked on 13 June 2024: "World leaders gathered in which country for the
    annual G7 summit?" was **Germany**, from an article of June 2022, beside 2024 reports of the
    summit."""
    from assistant.answering.over_time.plan import dated
    from assistant.timeframe import TimeConstraint

    text = "President Joe Biden is in Germany for the annual Group of Seven summit."
    old = Hit(1, "a1", "G7", date(2022, 6, 27), "g7-2022.txt", text, 0, len(text), 0.9)
    newer = "Leaders at the annual Group of Seven summit discussed aid for Ukraine."

    def asked(question: str, *hits: Hit) -> str:
        answer = _bold(question, old, "Germany")
        return dated(answer, date(2024, 6, 13), TimeConstraint(""), hits).answer

    question = "World leaders gathered in which country for the annual G7 summit?"

    def report(day: date, score: float) -> Hit:
        return Hit(2, "a2", "G7", day, "g7.txt", newer, 0, len(newer), score)

    late = asked(question, old, report(date(2024, 6, 12), 0.8))
    assert late.startswith("*Not sure:* Germany —") and "**" not in late
    assert late.endswith(
        "This is from an article of 27 June 2022; the articles hold newer reports on it "
        "(to 12 June 2024), so it may be out of date. [1]"
    )
    # Not when the newer article hardly speaks to the question, nor when it is under half a
    # year newer, nor for a question that names its year or asks for an earlier event, nor one
    # that asks of what was rather than of the round now ("Which banks did Tokyo designate?").
    for unchanged in (
        asked(question, old, report(date(2024, 6, 12), 0.3)),
        asked(question, old, report(date(2022, 12, 20), 0.8)),
        asked(question, old),
        asked(question.replace("?", " in 2022?"), old, report(date(2024, 6, 12), 0.8)),
        asked(question.replace("?", " from June 26?"), old, report(date(2024, 6, 12), 0.8)),
        asked(question.replace("the annual", "the previous"), old, report(date(2024, 6, 12), 1)),
        asked(question.replace("the annual", "the"), old, report(date(2024, 6, 12), 0.8)),
    ):
        assert unchanged.startswith("**Germany** —") and "newer reports" not in unchanged


def test_latest_finds_the_newest_article_behind_many_passages_of_an_older_one(
    desk, tmp_path: Path
) -> None:
    """The 2024 port strike beside Hurricane Helene: the deal article was the 20th passage found
    for "What is the latest on the port strike?", behind six passages of one earlier article;
    "latest" looks at a few passages of each article, so it is among those read."""
    folder = tmp_path / "strike"
    folder.mkdir()
    topics = ["cargo", "bananas", "ships", "prices", "jobs", "trucks", "rail", "farms", "retail"]
    paragraphs = [
        f"The Norhaven port strike goes on. The Norhaven port strike stops {topic} at the port."
        for topic in topics * 8
    ]
    body = "\n\n".join(paragraphs)
    (folder / "strike.md").write_text(
        f"---\ntitle: Strike goes on\ndate: 2024-10-01\n---\n{body}\n"
    )
    deal = "The Norhaven port strike ended: workers reached a deal on Thursday, the union said."
    (folder / "deal.md").write_text(f"---\ntitle: Deal\ndate: 2024-10-03\n---\n{deal}\n")
    weather = "\n\n".join(f"Norhaven had mild weather on day {n} of the month." for n in range(40))
    (folder / "weather.md").write_text(f"---\ntitle: Weather\ndate: 2024-09-20\n---\n{weather}\n")
    desk.ingest([folder], progress=False)
    k = desk.settings.search_k
    question = "What is the latest on the Norhaven port strike?"
    hits = desk.searcher.search(question, 3 * k, all_copies=True, per_story=k)
    assert {h.article_id for h in hits} == {hits[0].article_id}  # the older article's passages
    answer = desk.ask(question, as_of=date(2024, 10, 4))
    assert [_name(c) for c in answer.citations] == ["deal.md"]


def test_latest_finds_the_newest_article_that_names_the_topic_though_it_scores_low(
    desk, tmp_path: Path
) -> None:
    """The Baltimore Key Bridge in RealTime QA 2024: ten reports of March rich in the question's
    words, then a short one of 20 May (the ship refloated) scoring 0.39 of the best for "What is
    the latest on the Key Bridge?" and ranking 20th of the articles' passages. An article that
    names what the question names speaks to it at a lower score; one that does not (a newer
    weather report with "latest") never does."""
    folder = tmp_path / "bridge"
    folder.mkdir()
    topics = ["divers", "cranes", "barges", "steel", "traffic", "tolls", "ports", "cargo"]
    for day in range(1, 11):
        body = "\n\n".join(
            f"The latest on the Norhaven Bridge: what is known on day {day} about the {topic} "
            f"at the Norhaven Bridge, the latest report says."
            for topic in topics
        )
        (folder / f"march{day}.md").write_text(
            f"---\ntitle: Norhaven Bridge latest, day {day}\ndate: 2024-03-{day:02d}\n---\n{body}\n"
        )
    refloated = (
        "At the Norhaven Bridge, salvage crews refloated the cargo ship "
        "Dali, which struck the Norhaven Bridge in March, "
        "and moved it to a marina terminal on Monday morning, according to officials. The move "
        "took three hours and several tugboats. Engineers now plan a replacement crossing."
    )
    (folder / "may.md").write_text(
        f"---\ntitle: Dali refloated\ndate: 2024-05-20\n---\n{refloated}\n"
    )
    for day in range(1, 21):  # the rest of the library
        other = f"The bakery on Elm Street sold {day} hundred loaves of rye bread to neighbours."
        (folder / f"bakery{day}.md").write_text(
            f"---\ntitle: Bakery\ndate: 2024-04-{day:02d}\n---\n{other}\n"
        )
    weather = "The latest weather: what is known is that rain is on the way this weekend."
    (folder / "weather.md").write_text(f"---\ntitle: Weather\ndate: 2024-05-22\n---\n{weather}\n")
    desk.ingest([folder], progress=False)
    k = desk.settings.search_k
    question = "What is the latest on the Norhaven Bridge?"
    hits = desk.searcher.search(question, 100, all_copies=True, per_story=k)
    best = hits[0].score
    may = max(h.score for h in hits if h.title == "Dali refloated")
    assert may < 0.5 * best  # below what an article without the names needs to speak to it
    answer = desk.ask(question, as_of=date(2024, 5, 25))
    assert [_name(c) for c in answer.citations] == ["may.md"]
    assert "Newest source: 20 May 2024 [1]" in answer.answer


def test_a_topics_timeline_leaves_out_older_events_told_without_the_topic(desk, tmp_path) -> None:
    """RealTime QA's "Baltimore's Key Bridge is not the first" looks back at other bridges: "It
    collapsed into the Mississippi River … on Aug. 1, 2007" led the Key Bridge's timeline. A
    sentence that does not name the topic and tells only of a time long before its article is
    another event; one that names the topic keeps its own date."""
    folder = tmp_path / "bridges"
    folder.mkdir()
    story = (
        "A cargo ship struck the Norhaven Bridge on Tuesday, and the Norhaven Bridge collapsed "
        "into the river. Divers searched the river near the Norhaven Bridge on Wednesday."
    )
    (folder / "story.md").write_text(
        f"---\ntitle: Norhaven Bridge falls\ndate: 2024-03-26\n---\n{story}\n"
    )
    history = (
        "The Elm River bridge spanned the river near Oldtown.\n\n"
        "At the time, it was the busiest bridge in the state.\n\n"
        "It collapsed into the Elm River during the evening rush hour on Aug. 1, 2007, killing "
        "13 people.\n\n"
        "The Norhaven Bridge opened on March 23, 1977, and collapsed this week."
    )
    (folder / "history.md").write_text(
        f"---\ntitle: Norhaven Bridge collapse is not the first\ndate: 2024-03-26\n---\n{history}\n"
    )
    desk.ingest([folder], progress=False)
    timeline = desk.timeline("the Norhaven Bridge collapse", as_of=date(2024, 5, 25))
    texts = [event.text for event in timeline.events]
    assert not any("Elm River" in text for text in texts), texts
    assert any("struck the Norhaven Bridge" in text for text in texts), texts
    opened = [e for e in timeline.events if "opened on March 23, 1977" in e.text]
    assert opened and opened[0].date == date(1977, 3, 23), texts


def test_what_did_not_happen_is_no_event_of_a_timeline() -> None:
    """Real news (Starliner, 5 September 2024): a contingency was put at 10 September in the
    capsule's timeline."""
    from assistant.answering.evidence.candidates import Candidate
    from assistant.answering.over_time.timeline import _reports_a_happening

    def happening(text: str) -> bool:
        hit = Hit(1, "a1", "Title", date(2024, 9, 5), "news.txt", text, 0, len(text), 1.0)
        return _reports_a_happening(Candidate(hit, 0, 0, len(text), text))

    assert not happening(
        "Had poor weather conditions or technical issues arose and caused a delay, Starliner "
        "could instead attempt to return Sept. 10, Sept. 14 or Sept. 18, according to NASA."
    )
    assert not happening("Without the delay, the capsule would have landed on Wednesday.")
    assert happening("Starliner landed in New Mexico just after midnight on Saturday.")
    assert happening("The crew had docked with the station on June 6.")


def test_a_running_total_is_read_from_the_newest_report(desk, tmp_path: Path) -> None:
    """Real news (Hurricane Helene, as of 5 October 2024): "How many people have died in
    Hurricane Helene?" was answered "At least 33" of 27 September, beside 226 of 4 October. A
    count up to now, in the present perfect, is read newest first in a dated library."""
    from assistant.timeframe import asks_running_total

    assert asks_running_total("How many people have died in Hurricane Helene?")
    assert asks_running_total("How much has Boeing lost on Starliner?")
    assert not asks_running_total("How many people died in the 1977 storm?")
    assert not asks_running_total("How many children does she have?")
    # In the present too (real news, as of 20 December 2024: "two" of a May article, not "61").
    assert asks_running_total("How many human cases of bird flu are there?")
    assert asks_running_total("How much oil is there in the reserve?")
    assert not asks_running_total("How many human cases of bird flu were there in March?")
    folder = tmp_path / "storm"
    folder.mkdir()
    early = "At least 33 people have died in the Norhaven storm, officials said on Friday."
    later = "The toll rose: 226 people have died in the Norhaven storm, officials said Friday."
    (folder / "early.md").write_text(f"---\ntitle: Storm toll\ndate: 2024-09-27\n---\n{early}\n")
    (folder / "later.md").write_text(f"---\ntitle: Toll rises\ndate: 2024-10-04\n---\n{later}\n")
    desk.ingest([folder], progress=False)
    question = "How many people have died in the Norhaven storm?"
    answer = desk.ask(question, as_of=date(2024, 10, 5))
    assert answer.time is not None and answer.time.newest
    assert [_name(c) for c in answer.citations][:1] == ["later.md"], answer.answer


def test_undated_passages_have_no_newest_running_total(settings, fake_embedder, tmp_path) -> None:
    from assistant.desk import Newsdesk

    undated = tmp_path / "undated"
    undated.mkdir()
    (undated / "a.txt").write_text("At least 33 people have died in the Norhaven storm.")
    desk = Newsdesk.open(settings, embedder=fake_embedder)
    try:
        desk.ingest([undated], progress=False)
        answer = desk.ask("How many people have died in the Norhaven storm?")
        assert answer.time is not None and not answer.time.newest
    finally:
        desk.close()
