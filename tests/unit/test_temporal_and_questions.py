from datetime import date

import pytest

from assistant.answering.question.names import unmentioned
from assistant.answering.question.parse import parse_question, question_kind, type_match
from assistant.answering.question.relative_time import time_mentions
from assistant.timeframe import format_day

FRIDAY = date(2022, 3, 25)


@pytest.mark.parametrize(
    ("sentence", "phrase", "described"),
    [
        ("the government Friday decided to ban exports", "Friday", "Friday, 25 March 2022"),
        ("Kishida said at a meeting on Thursday that", "on Thursday", "Thursday, 24 March 2022"),
        ("Yesterday the ministry said", "Yesterday", "Thursday, 24 March 2022"),
        ("The ministers will meet on Monday", "on Monday", "Monday, 28 March 2022"),
        ("last Friday he said", "last Friday", "Friday, 18 March 2022"),
        ("this Friday the annexation", "this Friday", "Friday, 25 March 2022"),
        (
            "an embargo will be put in place next week",
            "next week",
            "the week of 28 March 2022 to 3 April 2022",
        ),
        ("sales fell last month", "last month", "February 2022"),
    ],
)
def test_relative_expressions_resolve_against_the_published_date(
    sentence, phrase, described
) -> None:
    (mention,) = time_mentions(sentence, FRIDAY)
    assert mention.phrase == phrase
    assert sentence[mention.start : mention.end] == phrase
    assert mention.describe() == described


def test_said_earlier_on_a_day_is_in_the_past_even_with_will_later() -> None:
    sentence = "Earlier on Thursday, Lukashenko stated that his army will not take part"
    (mention,) = time_mentions(sentence, date(2022, 2, 26))
    assert mention.first_day == date(2022, 2, 24)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # A Tuesday article (8 October 2024): deadlines and starts are ahead of it.
        ("Workers can return as soon as Wednesday, the union said.", date(2024, 10, 9)),
        ("The union said workers can return as soon as Wednesday.", date(2024, 10, 9)),
        ("Members will hold a ratification vote by Friday.", date(2024, 10, 11)),
        ("a ratification vote by Friday", date(2024, 10, 11)),
        ("The company could restart production Monday.", date(2024, 10, 14)),
        # An event anticipated (real news, Starliner: "before an anticipated landing early
        # Saturday" was the Saturday before the article in its timeline).
        (
            "A venture lasts a few hours before an anticipated landing early Saturday.",
            date(2024, 10, 12),
        ),
        # A target set now (real news, Starliner: "Boeing and NASA are targeting 12:25 p.m. EDT
        # Saturday" of a Friday article was the Saturday before it); strikes "targeting" a
        # place on a day are no plan.
        ("The agency is targeting 9 a.m. EDT Saturday for the launch.", date(2024, 10, 12)),
        ("The army launched strikes targeting the port on Monday.", date(2024, 10, 7)),
        # "won't" is "will not" (real news, Polaris Dawn: "won't be happening until Tuesday at
        # the earliest" of a Friday article was the Tuesday before it).
        ("The launch won't be happening until Thursday at the earliest.", date(2024, 10, 10)),
        # … and a reported day is behind it.
        ("The union said Monday that talks had failed.", date(2024, 10, 7)),
        ("Workers walked out on Friday.", date(2024, 10, 4)),
    ],
)
def test_days_ahead_of_publication_are_resolved_forward(sentence, day) -> None:
    (mention,) = time_mentions(sentence, date(2024, 10, 8))
    assert mention.first_day == day


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        # Real news (a Wednesday, 2 October 2024): the Thursday Biden was to head on to was
        # given as 26 September, the Thursday before.
        (
            "Biden visited with officials and first responders in the Carolinas on Wednesday "
            "before heading to Georgia and Florida on Thursday, the White House said.",
            [date(2024, 10, 2), date(2024, 10, 3)],
        ),
        (
            "The union voted on Friday, after talks broke down on Tuesday.",
            [date(2024, 9, 27), date(2024, 9, 24)],
        ),
        # Nothing between them orders the two days: each is worked out on its own.
        (
            "The union met on Monday and the company replied on Tuesday.",
            [date(2024, 9, 30), date(2024, 10, 1)],
        ),
    ],
)
def test_a_day_ordered_against_the_one_before_it_in_the_sentence(sentence, days) -> None:
    assert [m.first_day for m in time_mentions(sentence, date(2024, 10, 2))] == days


def test_a_day_named_after_one_still_to_come_goes_on_from_it() -> None:
    """Real news (Beryl, a Saturday, 6 July 2024 article): "late Sunday or early Monday" and
    "make landfall on the Texas coast Monday" were the Sunday and Monday before it; the storm
    hit Texas on Monday, 8 July."""
    saturday = date(2024, 7, 6)
    forecast = (
        "Beryl is expected to regain hurricane strength before it hits the south Texas coast "
        "late Sunday or early Monday, the National Hurricane Center said Saturday."
    )
    days = [m.first_day for m in time_mentions(forecast, saturday)]
    assert days == [date(2024, 7, 7), date(2024, 7, 8), saturday]
    track = (
        "It was expected to continue moving northwest into Sunday, then north-northwest by "
        "Sunday night, and make landfall on the Texas coast Monday."
    )
    assert time_mentions(track, saturday)[-1].first_day == date(2024, 7, 8)
    # The same day named again is that day; one after a past verb, a quote's end or as an
    # event's name is worked out on its own, and so is one that would fall a week or more on.
    again = "The impact will be felt on Wednesday, with strong winds on Wednesday morning."
    assert {m.first_day for m in time_mentions(again, date(2023, 8, 28))} == {date(2023, 8, 30)}
    for sentence, published, day in [
        (
            '"The threat is today and tomorrow," he told reporters on Monday.',
            date(2024, 2, 19),
            date(2024, 2, 19),
        ),
        (
            "He will travel on Sunday to meet the victims of Tuesday's shooting.",
            date(2022, 5, 28),
            date(2022, 5, 24),
        ),
        (
            "Shops will not be open Sunday, meaning Saturday is the last chance.",
            date(2024, 11, 2),
            date(2024, 11, 2),
        ),
    ]:
        assert time_mentions(sentence, published)[-1].first_day == day


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # A Saturday, 7 December 2024. A time clause in the present tells what is to come …
        (
            "Biden will see the damage when he visits North Carolina on Wednesday.",
            date(2024, 12, 11),
        ),
        ("Residents board up windows before it makes landfall on Monday.", date(2024, 12, 9)),
        # … in the past, what was.
        ("The storm weakened before it hit the coast on Monday.", date(2024, 12, 2)),
        ("He was already there when she arrived Wednesday.", date(2024, 12, 4)),
    ],
)
def test_a_time_clause_in_the_present_looks_ahead(sentence, day) -> None:
    (mention,) = time_mentions(sentence, date(2024, 12, 7))
    assert mention.first_day == day


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        # Real news: a live page dated Saturday, 7 December 2024 (Damascus fell on the 8th).
        ("Syrian rebels seized Damascus on Sunday.", date(2024, 12, 7), date(2024, 12, 8)),
        # A report filed the day before its date.
        (
            "China's GDP numbers Tuesday are expected to be weak.",
            date(2016, 1, 18),
            date(2016, 1, 19),
        ),
        # Five days back, and "last", stay behind publication.
        ("Bundy was found guilty Thursday evening.", date(2021, 7, 6), date(2021, 7, 1)),
        ("The fire ignited last Wednesday in the park.", date(2024, 7, 30), date(2024, 7, 24)),
    ],
)
def test_a_bare_weekday_six_days_back_is_the_day_after(sentence, published, day) -> None:
    (mention,) = time_mentions(sentence, published)
    assert mention.first_day == day
    # The day after is the likelier, not the sure one: it says which other day it may be.
    assert mention.or_week_before == ((day - published).days == 1)


def test_a_day_that_may_be_the_week_before_says_so() -> None:
    """Real news: "Ryan Routh was apprehended Sunday" in a Saturday, 21 September 2024 article
    was the Sunday before (the 15th); "Syrian rebels seized Damascus on Sunday" on a live page
    dated Saturday, 7 December was the day after."""
    (mention,) = time_mentions("Ryan Routh was apprehended Sunday.", date(2024, 9, 21))
    assert mention.describe() == (
        "Sunday, 22 September 2024 (or the Sunday before, 15 September 2024)"
    )


def test_today_in_a_name_is_no_day() -> None:
    """Real news (USA TODAY, most of RealTime QA's articles): "told USA TODAY she got a $52.50
    credit" was noted as "“TODAY” is Friday, 23 February 2024"."""
    published = date(2024, 2, 23)
    told = "An AT&T customer told USA TODAY she got a $52.50 credit on Thursday."
    assert [m.phrase for m in time_mentions(told, published)] == ["on Thursday"]
    assert time_mentions("She said on NBC's Today show that it was over.", published) == []
    said = "The union said today it would strike. Today it did."
    assert [m.first_day for m in time_mentions(said, published)] == [published, published]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # A Wednesday article (7 August 2024). Plans and forecasts look ahead …
        ("The storm is forecast to become a hurricane Saturday.", date(2024, 8, 10)),
        ("A larger walkout is planned for Tuesday.", date(2024, 8, 13)),
        ("Students should leave the campus by noon Friday.", date(2024, 8, 9)),
        ("More rain is expected Thursday.", date(2024, 8, 8)),
        ("The library will be closed Sunday.", date(2024, 8, 11)),
        # … and so does a day later in the week of a sentence about this week …
        (
            "Also this week is the first Oyster Week and, on Saturday, a seafood festival.",
            date(2024, 8, 10),
        ),
        # … but not one this week's sentence tells in the past, nor a Sunday (weeks may start
        # on one), nor a plan told in the past, nor a day right after a past verb.
        ("Filters were handed out Friday, and more will come this week.", date(2024, 8, 2)),
        ("The Sunday order was defied by shops this week.", date(2024, 8, 4)),
        ("The council was slated to vote Friday on masks.", date(2024, 8, 2)),
        ("Lawmakers decided Friday that every child should attend.", date(2024, 8, 2)),
        ("It would be like the order issued Monday in the county.", date(2024, 8, 5)),
        # A day that leads what will come, and a headline's "to" + verb, look ahead …
        ("Friday will be a remote-learning day for the city's pupils.", date(2024, 8, 9)),
        ("Voters on Tuesday will decide the seat.", date(2024, 8, 13)),
        ("Local swimmer to race for gold Thursday", date(2024, 8, 8)),
        ("The champion is poised to win Saturday's final.", date(2024, 8, 10)),
        # A schedule: a time of day, the day, and what starts (RealTime QA: a Monday article's
        # "at 8 p.m. Wednesday, the show starts — a CNN … debate" was the Wednesday before) …
        ("And at 8 p.m. Thursday, the show starts — a debate in Des Moines.", date(2024, 8, 8)),
        ("At 7 p.m. Friday the game kicks off in Dover.", date(2024, 8, 9)),
        # … but not a time of day of what was done.
        ("At 3 p.m. Tuesday, police arrested a man near the school.", date(2024, 8, 6)),
        # … but not a day a past verb governs, nor a long line without a full stop.
        ("The raise announced Monday will include new funding.", date(2024, 8, 5)),
        ("The ruling issued late Monday will speed up the appeal.", date(2024, 8, 5)),
        (
            "Cases in the county rose by 12 to a total of 1,075, according to data released "
            "Monday by the state health department",
            date(2024, 8, 5),
        ),
    ],
)
def test_a_day_is_ahead_only_when_its_sentence_looks_ahead(sentence, day) -> None:
    """The kinds of sentence found in RealTime QA's articles (BENCHMARKS.md, "Weekdays in real
    articles"), here in our own words."""
    (mention,) = [m for m in time_mentions(sentence, date(2024, 8, 7)) if m.is_day]
    assert mention.first_day == day


@pytest.mark.parametrize(
    "sentence",
    [
        # Of no one day …
        "The quiz runs each Thursday at the pub.",
        "The governor appeared on Saturday Night Live.",
        "Because the holiday falls on a Sunday, the specials started early.",
        "Why do the league's games start so late on a Friday night?",
        # … a span of the week's days: hours, a schedule (each end was dated on its own, the
        # "Friday" of "Monday through Friday" before its "Monday") …
        "Free meals are handed out Monday through Friday from 11:30 a.m. to 1 p.m.",
        "Hours: 11 a.m. to 9 p.m. Monday to Thursday; noon to 10 p.m. Friday-Saturday.",
        "The museum is open Wednesday–Sunday.",
        # … or with its date after it ("Friday, Nov. 8" was resolved to the Friday before).
        "Read the updates for Friday, Nov. 8, here.",
        "She will stay in the race until Super Tuesday on March 5.",
        "Churches will ring their bells this Sunday (April 12) at noon.",
    ],
)
def test_a_weekday_of_no_one_day_or_with_its_date_is_not_worked_out(sentence) -> None:
    assert time_mentions(sentence, date(2024, 11, 7)) == []


def test_a_weekday_after_a_that_names_an_event_is_worked_out() -> None:
    (mention,) = time_mentions("The mayor said at a Tuesday news conference that it ended.", FRIDAY)
    assert mention.first_day == date(2022, 3, 22)


def test_a_weekday_before_a_road_is_still_worked_out() -> None:
    (mention,) = time_mentions("A crash Tuesday on Interstate 95 closed two lanes.", FRIDAY)
    assert mention.first_day == date(2022, 3, 22)


def test_no_published_date_means_no_dates() -> None:
    assert time_mentions("the government Friday decided", None) == []


def test_weekday_followed_by_a_date_needs_no_working_out() -> None:
    assert time_mentions("on Friday, 25 March, Tokyo said", FRIDAY) == []


def test_format_day() -> None:
    assert format_day(FRIDAY, weekday=True) == "Friday, 25 March 2022"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did Japan ban luxury exports?", "when"),
        ("How many entities were blacklisted?", "quantity"),
        ("Who sanctioned Volfovich?", "who"),
        ("Which banks were designated?", "which"),
        ("Why did Russia withdraw from the talks?", "why"),
        ("Where did the ministers meet?", "where"),
        ("What did Blinken say?", "other"),
        # A "when" clause after another question word does not make the question a "when".
        ("How many people died when the bridge collapsed?", "quantity"),
        ("Who was president when the war began?", "who"),
        ("What did the union say when asked?", "other"),
        ("What year was it when the ban began?", "when"),
        ("The strike began when?", "when"),
        # The World Health Organization is no question word (real news, bird flu: "What did
        # the WHO official say …?" got "Texas health officials" as its short answer).
        ("What did the WHO official say about bird flu?", "other"),
        ("What is WHO's advice on bird flu?", "other"),
        ("Who leads the WHO?", "who"),
    ],
)
def test_question_kinds(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_what_the_who_said_is_asked_for_in_full() -> None:
    from assistant.answering.evidence.reading import asks_what_was_said

    assert asks_what_was_said("What did the WHO official say about bird flu?")
    assert asks_what_was_said("What did Blinken say?")


def test_entities_and_terms() -> None:
    parsed = parse_question("What sanctions did Japan impose on Iran?")
    assert parsed.entities == ("japan", "iran")
    assert "sanction" in parsed.terms and "what" not in parsed.terms


def test_type_match() -> None:
    assert type_match("when", "It happened on Friday.") == 1.0
    assert type_match("when", "It happened.") == 0.0
    assert type_match("quantity", "81 entities") == 1.0
    assert type_match("who", "Janet Yellen said") == 1.0
    assert type_match("why", "It stalled due to the impossibility of talks.") == 1.0
    assert type_match("other", "anything") == 0.5


def test_names_of_a_question_without_accents_possessives_or_months() -> None:
    assert parse_question("Who described Kublai's China to Europe?").entities == (
        "kublai",
        "china",
        "europe",
    )
    # People type names without the marks the article prints.
    assert parse_question("When did Möngke Khan die?").entities == ("mongke khan",)
    assert parse_question("Who built Yıldız Park?").entities == ("yildiz park",)
    # A capital with an accent starts a name too (SQuADShifts: "An earthquake near İzmit killed
    # how many people?" was answered in bold from the Sichuan earthquake's toll).
    assert parse_question("An earthquake near İzmit killed how many people?").entities == ("izmit",)
    assert parse_question("When did Ørsted sell its Élysée office?").entities == (
        "orsted",
        "elysee",
    )
    # A word capitalised for opening the question is no part of a name; "-backed" is no name.
    assert parse_question("Besides Confucianism, what was tolerated?").entities == ("confucianism",)
    assert parse_question("What did the Iran-backed militia attack?").entities == ("iran",)
    # A month is a date the time checks read, not a name the articles must print.
    assert parse_question("Who led the ECB from Nov 2011 to Oct 2019?").entities == ("ecb",)
    # So is a weekday ("last Sunday"): RealTime QA's articles on Putin's re-election give the date.
    assert parse_question("Who won the election held last Sunday?").entities == ()
    assert parse_question("What did voters decide on Super Tuesday?").entities == ("super tuesday",)
    # "US-supplied", "Russian-occupied": the name before the hyphen is the one to find.
    assert parse_question("Which US-supplied missiles did Ukraine fire?").entities == (
        "us",
        "ukraine",
    )
    assert parse_question("Who governs Russian-occupied Kherson?").entities == (
        "russian",
        "kherson",
    )


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What did the water flow across during the Eocene?", "In the mid-Eocene it split."),
        ("What did Hamas offer?", "Talks to end the Israel-Hamas war resumed in Cairo."),
        ("Why did Trump supporters rally?", "The anti-Trump marchers met pro-Trump crowds."),
    ],
)
def test_a_name_inside_a_hyphened_word_is_mentioned(question: str, sentence: str) -> None:
    assert unmentioned(parse_question(question), sentence) == []
    assert unmentioned(parse_question(question), "Nothing of it here.") != []


@pytest.mark.parametrize(
    ("question", "sentence", "still_wanted"),
    [
        # SQuAD, refused over every paragraph: the answer's sentence names the list in part.
        (
            "Along with Muslims, Jews and Protestant Christians, what religious group operates "
            "private schools?",
            "Other groups include Protestants, Jews, Muslims and the Orthodox Christians.",
            [],
        ),
        (
            "Besides Confucianism, Buddhism, and Islam, what religions were tolerated?",
            "Buddhism and Islam were tolerated. Nestorianism and Roman Catholicism also were.",
            [],
        ),
        # None of the list named: no sentence about them.
        (
            "Besides Confucianism, Buddhism, and Islam, what religions were tolerated?",
            "Nestorianism and Roman Catholicism also enjoyed a period of toleration.",
            ["confucianism", "buddhism", "islam"],
        ),
        # One name beside the answer must still be named; names outside the list too.
        ("Besides Japan, which countries banned exports?", "Canada banned exports.", ["japan"]),
        (
            "Along with the Anglican Church and Uniting Church, what denomination runs schools "
            "in Australia?",
            "They belong to the Anglican Church, Uniting Church and Presbyterian Church.",
            ["australia"],
        ),
    ],
)
def test_names_listed_beside_the_answer_need_not_all_be_named(
    question: str, sentence: str, still_wanted: list[str]
) -> None:
    assert unmentioned(parse_question(question), sentence) == still_wanted
