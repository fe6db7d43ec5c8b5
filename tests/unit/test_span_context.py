"""What the words around a span say about it: a name's description is not the name, a stretch
looked back over is not how long something lasted (both were wrong answers in bold on real news;
a deterministic fake reader here)."""

from __future__ import annotations

from datetime import date

from assistant.retrieval import Hit
from tests.unit.test_reader_answerer import FakeReader, answerer, hit

BEER = (
    "Dogfish Head and the Delaware Restaurant Association have collaborated to create She "
    "Means Business, the brewery's first Benevolence Beer of 2024, which highlights women in "
    "the hospitality industry."
)


def _short(fake_embedder, question: str, text: str, span: str) -> str | None:
    reader = FakeReader([text.split()[1]], [span])
    answer = answerer(fake_embedder, reader).answer(question, [hit(text, date(2024, 3, 12))])
    assert answer.status == "answered"
    return answer.short_answer.text if answer.short_answer else None


def test_the_name_a_description_follows_is_the_answer_not_the_kind(fake_embedder) -> None:
    question = "What is the name of the beer released by Dogfish Head Brewery in 2024?"
    assert _short(fake_embedder, question, BEER, "Benevolence Beer") == "She Means Business"
    # Asked "Which brewery …?", the description's kind is not the question's: left alone.
    assert _short(fake_embedder, "Which brewery made it?", BEER, "Benevolence Beer") == (
        "Benevolence Beer"
    )
    # A name the question gives is what is described: the description is the answer.
    described = "The council chose Maria Lopez, the city's first female mayor, on Monday."
    question = "What kind of mayor is Maria Lopez?"
    assert _short(fake_embedder, question, described, "first female mayor") == (
        "first female mayor"
    )


def test_a_stretch_looked_back_over_is_not_how_long_it_lasted(fake_embedder) -> None:
    question = "How long did the martial law declaration last?"
    chaos = "The last 24 hours have been chaos in Seoul after the martial law declaration."
    assert _short(fake_embedder, question, chaos, "24 hours") is None
    past = "In the past two weeks the martial law declaration drew protests."
    assert _short(fake_embedder, question, past, "two weeks") is None
    lasted = "The martial law declaration has held for the past six hours, officials said."
    assert _short(fake_embedder, question, lasted, "six hours") == "six hours"
    plain = "The martial law declaration lasted six hours before lawmakers voted it down."
    assert _short(fake_embedder, question, plain, "six hours") == "six hours"
    # Not asked how long: the words are no reason to drop it.
    count = "In the past 24 hours the martial law declaration drew 3,000 protesters."
    assert _short(fake_embedder, "How many protesters did it draw?", count, "3,000") == "3,000"


LANDFALL = [
    (
        "Felicia Bowser, meteorologist in charge at the National Weather Service in Tallahassee, "
        "said Helene is expected to make landfall this evening.",
        date(2024, 9, 26),
    ),
    ("Helene made landfall with 140 mph winds in Taylor County, Florida.", date(2024, 9, 27)),
]


def _first_quote(fake_embedder, question: str, scored: dict[str, float], spans: list[str]):
    hits = [hit(text, day, f"a{n}") for n, (text, day) in enumerate(LANDFALL)]
    reader = FakeReader([], spans, scored=scored)
    return answerer(fake_embedder, reader).answer(question, hits)


def test_what_was_foreseen_does_not_answer_what_happened(fake_embedder) -> None:
    # Real news (Hurricane Helene): the forecast's sentence, read as well as the report and
    # richer in the question's words, gave "Tallahassee" — the weather office's city.
    scored = {"expected to make landfall": 0.98, "made landfall": 0.97}
    spans = ["Tallahassee", "Taylor County, Florida"]
    answer = _first_quote(fake_embedder, "Where did Helene make landfall?", scored, spans)
    assert answer.short_answer is not None
    assert answer.short_answer.text == "Taylor County, Florida"
    # Asked what was foreseen, the forecast answers.
    asked = "Where did forecasters say Helene would make landfall?"
    answer = _first_quote(fake_embedder, asked, scored, spans)
    assert answer.short_answer is not None and answer.short_answer.text == "Tallahassee"
    # With no report of it, the forecast is still quoted.
    answer = _first_quote(
        fake_embedder, "Where did Helene make landfall?", {"expected to make": 0.98}, spans
    )
    assert answer.status == "answered" and "expected to make landfall" in answer.answer


def test_which_questions_ask_of_what_happened() -> None:
    from assistant.answering.over_time.background import foretold
    from assistant.answering.question.parse import parse_question

    forecast = "Helene is projected to make landfall tonight with winds of 120 mph."
    report = "Helene made landfall with 140 mph winds in Taylor County."

    def told_ahead(question: str, sentence: str) -> bool:
        return foretold(question, frozenset(parse_question(question).terms), sentence)

    assert told_ahead("How fast were Helene's winds at landfall?", forecast)
    assert not told_ahead("How fast were Helene's winds at landfall?", report)
    assert not told_ahead("How fast are Helene's winds at landfall?", forecast)  # not past
    assert not told_ahead("How fast were Helene's winds projected to be at landfall?", forecast)


def test_the_undoing_of_what_is_asked_neither_answers_nor_corrects_it(fake_embedder) -> None:
    """Real news (the port strike): "When did the port strike begin?" was told that the articles
    say only that it ended; a strike that ended began. Asked when it ended, a sentence of its
    start still corrects the question."""
    from assistant.answering.question.predicates import contradiction, undoes

    ended = "US port workers and operators reach a deal to end East Coast strike on Oct. 3."
    began = "Dockworkers went on strike early Tuesday at 36 ports."
    assert contradiction("When did the port strike begin?", ended) is None
    assert undoes("When did the port strike begin?", ended)
    assert not undoes("When did the port strike begin?", began)
    assert contradiction("When did Japan lift its sanctions?", "Japan imposed sanctions.") == (
        "lift",
        "imposed",
    )
    hits = [hit(ended, date(2024, 10, 3), "a1"), hit(began, date(2024, 10, 1), "a2")]
    reader = FakeReader([], ["Oct. 3", "early Tuesday"], scored={"deal": 0.95, "went on": 0.6})
    answer = answerer(fake_embedder, reader).answer("When did the port strike begin?", hits)
    assert answer.premise is None and answer.short_answer is not None
    assert "Tuesday" in answer.short_answer.text and "Oct. 3" not in answer.answer


def test_a_piece_of_a_name_is_the_whole_name_or_no_answer(fake_embedder) -> None:
    """Real news (the Baltimore bridge collapse): "What ship hit the Key Bridge?" → *Not sure:*
    Francis Scott, of "The cargo ship that struck the Francis Scott Key Bridge collided with a
    shipping dock in Belgium in 2016." — the whole name is the bridge asked about, no answer.
    A piece of another name is that name (SQuADShifts: **Sehwa Girls** for the high school)."""
    question = "What ship hit the Key Bridge?"
    struck = (
        "The cargo ship that struck the Francis Scott Key Bridge collided with a shipping dock "
        "in Belgium in 2016."
    )
    assert _short(fake_embedder, question, struck, "Francis Scott") is None
    named = "The cargo ship Dali struck the Francis Scott Key Bridge early on Tuesday."
    assert _short(fake_embedder, question, named, "Dali") == "Dali"
    day = "The ship hit the bridge, officials said, naming the Dali Tuesday."
    assert _short(fake_embedder, question, day, "Dali") == "Dali"  # a weekday is no name
    school = "Cho Yoon-sun attended Sehwa Girls High School in Seoul, graduating in 1984."
    question = "What high school did Seoul-born Cho Yoon-sun attend?"
    assert _short(fake_embedder, question, school, "Sehwa Girls") == "Sehwa Girls High School"
    # Asked who a named person is, the title before the name is the answer (real news).
    said = "I've never felt this kind of pain, state Representative Ben Baker posted on Facebook."
    assert _short(fake_embedder, "Who is Ben Baker?", said, "Representative") == "Representative"


def test_what_time_asks_for_a_time_of_day_not_a_day(fake_embedder) -> None:
    """Real news (the Baltimore bridge collapse): "What time did the bridge collapse?" →
    *Not sure:* Dec. 15, the day another bridge fell in 1967."""
    from assistant.answering.question.answer_type import asks_clock_time

    question = "What time did the bridge collapse?"
    other = "The Silver Bridge collapsed during heavy rush hour traffic on Dec. 15, 1967."
    assert _short(fake_embedder, question, other, "Dec. 15") is None
    struck = "The bridge collapsed at about 1:30 a.m. Tuesday after the ship struck it."
    assert (_short(fake_embedder, question, struck, "about 1:30 a.m.") or "").startswith(
        "about 1:30"
    )
    assert _short(fake_embedder, "When did the bridge collapse?", other, "Dec. 15") is not None
    assert not asks_clock_time("What time period did the artifacts date to?")
    assert not asks_clock_time("At what time in history was the empire most powerful?")
    assert not asks_clock_time("During what time did the rainforest span a narrow band?")


def test_a_number_of_a_score_or_a_name_is_no_count(fake_embedder) -> None:
    """Real news (Super Bowl LVIII): "How many Super Bowls have the Chiefs won?" → *Not sure:*
    38, of "defeated the Philadelphia Eagles 38-35"; "What was the final score of the Super
    Bowl?" → *Not sure:* 58, of "Super Bowl 58"."""
    question = "How many Super Bowls have the Chiefs won?"
    score = "The Kansas City Chiefs defeated the Philadelphia Eagles 38-35 in Super Bowl 57."
    assert _short(fake_embedder, question, score, "38") is None
    titles = "The Kansas City Chiefs have now won 4 titles, beating the 49ers in Super Bowl 58."
    assert _short(fake_embedder, question, titles, "58") is None
    assert _short(fake_embedder, question, titles, "4") == "4"
    # Asked for points, one side of the score is the answer.
    points = "How many points did the Chiefs score?"
    assert _short(fake_embedder, points, score, "38") == "38"
    final = "What was the final score of the Super Bowl?"
    won = "The Chiefs beat the 49ers 25-22 in overtime to win Super Bowl 58."
    assert _short(fake_embedder, final, won, "58") is None
    assert _short(fake_embedder, final, won, "25-22") == "25-22"
    # A lead during the game is not how it ended (real news: *Not sure:* 10-0, of "… gives 49ers
    # 10-0 lead"); asked for the halftime score, a halftime lead is.
    lead = "Super Bowl score: Beautiful trick play gives 49ers 10-0 lead"
    assert _short(fake_embedder, final, lead, "10-0") is None
    half = "The 49ers took a 10-3 halftime lead over the Chiefs."
    assert _short(fake_embedder, "What was the halftime score?", half, "10-3") == "10-3"


def test_a_sentence_of_the_opposite_deed_goes_behind_one_of_the_deed(fake_embedder) -> None:
    """Real news (Boeing's Starliner, September 2024): "When did Starliner leave the space
    station?" → *Not sure:* June 6, of "After arriving June 6 at the space station …", while the
    next sentence read says it "undocked from the space station at about 6:04 p.m. EDT Friday"."""
    from assistant.answering.question.predicates import contradiction

    arrived = (
        "After arriving June 6 at the space station, the crew are now looking at eight months."
    )
    undocked = "The Starliner spacecraft undocked from the space station at about 6:04 p.m. Friday."
    question = "When did Starliner leave the space station?"
    assert contradiction(question, arrived) == ("leave", "arriving")
    assert contradiction(question, undocked) is None  # undocking is leaving
    assert contradiction("When did Starliner dock?", "Starliner undocked on Friday.") == (
        "dock",
        "undocked",
    )
    hits = [hit(arrived, date(2024, 9, 5), "a1"), hit(undocked, date(2024, 9, 5), "a2")]
    reader = FakeReader(
        [], ["June 6", "6:04 p.m. Friday"], scored={"arriving": 0.9, "undocked": 0.6}
    )
    answer = answerer(fake_embedder, reader).answer(question, hits)
    assert answer.premise is None and answer.short_answer is not None
    assert "6:04" in answer.short_answer.text, answer.answer
    assert "June 6" not in answer.answer


def test_a_surname_alone_is_given_as_the_full_name_its_article_writes(fake_embedder) -> None:
    """Real news (the Baltimore bridge collapse): "Who is the mayor of Baltimore?" → *Scott*, of
    "Then Scott, the mayor, stepped forward", where the article's title names Brandon Scott."""
    title = "Bridge collapse latest challenge for Baltimore Mayor Brandon Scott. Gov. Wes Moore"
    then = "Then Scott, the mayor, stepped forward."

    def short(opening: str) -> tuple[str, str]:
        first = Hit(1, "a1", "T", date(2024, 3, 27), "n.txt", opening, 0, len(opening), 1.0)
        at = len(opening) + 100
        second = Hit(2, "a1", "T", date(2024, 3, 27), "n.txt", then, at, at + len(then), 1.0)
        reader = FakeReader(["stepped forward"], ["Scott"])
        answer = answerer(fake_embedder, reader).answer("Who is the mayor?", [first, second])
        assert answer.short_answer is not None
        found = answer.short_answer
        text = opening if found.start < len(opening) else then
        offset = 0 if found.start < len(opening) else at
        assert text[found.start - offset : found.end - offset] == found.text  # an exact span
        return found.text, answer.answer

    name, said = short(f"{title} spoke.")
    assert name == "Brandon Scott" and "Then Scott, the mayor" in said
    # Two full names end in it ("Walter Scott" too): which is meant is not known.
    assert short(f"{title} and author Walter Scott spoke.")[0] == "Scott"
    # Words that open a sentence or stand before a name are no first names; nor is a name the
    # surname does not end ("the Francis Scott Key Bridge").
    assert short("Yet Scott smiled. The Francis Scott Key Bridge fell.")[0] == "Scott"
    assert short("Among Scott's aides, none spoke.")[0] == "Scott"
    # A byline that ends the paragraph before is no first name (real news, 13 July 2024: "FBI"
    # came out as "ysha Bagchi\n\nFBI" of "−Christopher Cann and Aysha Bagchi\n\nFBI says …").
    assert short("−Christopher Cann and Aysha Bagchi\n\nScott says it is almost ready.")[0] == (
        "Scott"
    )


def test_a_first_name_before_a_nickname_is_given_with_the_surname(fake_embedder) -> None:
    """Real news (Boeing's Starliner): 'Barry "Butch" Wilmore' came out as *Barry*, asked "Who are
    the Starliner astronauts?" (the sentence names Sunita "Suni" Williams too)."""
    text = 'The two astronauts on board are Barry "Butch" Wilmore and Ann "Annie" Lee.'
    assert _short(fake_embedder, "Who is the pilot?", text, "Barry") == 'Barry "Butch" Wilmore'
    assert _short(fake_embedder, "Who is the pilot?", text, "Ann") == 'Ann "Annie" Lee'
    # Asked "Who are …?", the people named with the one found come too.
    assert _short(fake_embedder, "Who are the astronauts?", text, "Barry") == (
        'Barry "Butch" Wilmore and Ann "Annie" Lee'
    )
    plain = "The astronauts on board are Barry Wilmore, Ann Lee and Bo Park, NASA said."
    assert _short(fake_embedder, "Who are the astronauts?", plain, "Barry Wilmore") == (
        "Barry Wilmore, Ann Lee and Bo Park"
    )
    # "and NASA officials" names no one.
    others = "The astronauts Barry Wilmore and NASA officials spoke on Monday."
    assert _short(fake_embedder, "Who were the astronauts?", others, "Barry Wilmore") == (
        "Barry Wilmore"
    )


# Real news (Boeing's Starliner, June 2024): asked on 25 June "When will the Starliner
# astronauts return?", the answer was **June 22** — of a sentence that says the date was the
# earlier plan.
RETURN = [
    (
        "Before the new return date, the Starliner was previously scheduled to be back on Earth "
        "by June 22.",
        date(2024, 6, 20),
    ),
    (
        "The Starliner astronauts will now return from the station no earlier than June 26.",
        date(2024, 6, 20),
    ),
]


def _return_answer(fake_embedder, question: str, scored: dict[str, float]):
    hits = [hit(text, day, f"r{n}") for n, (text, day) in enumerate(RETURN)]
    reader = FakeReader([], ["June 22", "June 26"], scored=scored)
    return answerer(fake_embedder, reader).answer(question, hits)


def test_a_plan_the_article_says_was_replaced_is_not_the_plan(fake_embedder) -> None:
    from assistant.answering.evidence.superseded import superseded

    scored = {"previously scheduled": 0.98, "no earlier than": 0.9}
    answer = _return_answer(fake_embedder, "When will the Starliner astronauts return?", scored)
    assert answer.short_answer is not None and answer.short_answer.text == "June 26"
    # Alone, the old plan is still quoted, but not as sure.
    answer = _return_answer(
        fake_embedder, "When will the Starliner astronauts return?", {"previously": 0.98}
    )
    assert answer.short_answer is not None and answer.short_answer.text == "June 22"
    assert answer.answer.startswith("*Not sure:* June 22")
    # Asked for the earlier plan, it answers.
    answer = _return_answer(
        fake_embedder, "When were the Starliner astronauts originally due back?", scored
    )
    assert answer.short_answer is not None and answer.short_answer.text == "June 22"
    # The words before the answer decide: "originally set for May 6, is now set for June 1".
    moved = "The launch, originally set for May 6, is now set for June 1."
    question = "When will Starliner launch?"
    assert superseded(question, moved, moved.index("May 6"))
    assert not superseded(question, moved, moved.index("June 1"))
    replaced = "Before the June 22 return date, the spacecraft was anticipated to land June 18."
    assert superseded(question, replaced, replaced.index("June 18"))
    assert not superseded(question, replaced, replaced.index("June 22"))


def test_a_plan_does_not_answer_when_it_happened() -> None:
    from assistant.answering.over_time.background import foretold
    from assistant.answering.question.parse import parse_question

    plan = "Now, the Starliner and its two astronauts are set to land no earlier than June 18."

    def told_ahead(question: str) -> bool:
        return foretold(question, frozenset(parse_question(question).terms), plan)

    assert told_ahead("When did Starliner land?")
    assert not told_ahead("When will Starliner land?")
    assert not told_ahead("When was Starliner scheduled to land?")


def test_a_forecast_goes_on_to_the_verbs_joined_to_it() -> None:
    """Real news (Beryl, a Saturday article): "What time did Beryl make landfall in Texas?" →
    **Monday**, of "It was expected to continue moving northwest into Sunday, then north-
    northwest by Sunday night, and make landfall on the Texas coast Monday"."""
    from assistant.answering.over_time.background import foretold
    from assistant.answering.question.parse import parse_question

    question = "What time did Beryl make landfall in Texas?"
    terms = frozenset(parse_question(question).terms)
    track = (
        "It was expected to continue moving northwest into Sunday, then north-northwest by "
        "Sunday night, and make landfall on the Texas coast Monday."
    )
    assert foretold(question, terms, track)
    # What a forecast is followed by in the past, or after "said", is no longer its own.
    done = "It was expected to weaken, and it made landfall near Matagorda at 4 a.m."
    assert not foretold(question, terms, done)
    told = "It was expected to weaken over the Gulf, forecasters said, and make landfall later."
    assert not foretold(question, terms, told)


def test_who_is_acted_upon_is_not_who_acts(fake_embedder) -> None:
    """Real news (Starliner, 28 September 2024): "Who will bring the astronauts home?" →
    **Suni Williams and Butch Wilmore**, the astronauts to be brought home."""
    from assistant.answering.evidence.acted_upon import acted_upon

    crew = (
        "The Crew-9 astronauts will also arrive on the vehicle that will bring home Starliner "
        "astronauts Suni Williams and Butch Wilmore."
    )
    question = "Who will bring the astronauts home?"
    assert _short(fake_embedder, question, crew, "Suni Williams and Butch Wilmore") == (
        "Suni Williams and Butch Wilmore"
    )
    reader = FakeReader(["Crew-9"], ["Suni Williams and Butch Wilmore"])
    answer = answerer(fake_embedder, reader).answer(question, [hit(crew, date(2024, 9, 28))])
    assert answer.answer.startswith("*Not sure:* Suni Williams and Butch Wilmore")
    assert acted_upon(question, crew, crew.index("The Crew-9")) is False  # the doer
    # Asked for the one acted upon, or another part of the clause, it is the answer.
    named = "Trump appointed Judge Aileen Cannon in 2020."
    assert not acted_upon("Who did Trump appoint?", named, named.index("Aileen"))
    assert acted_upon("Who appointed the judge?", named, named.index("Aileen"))
    replaced = "Boeing replaced Calhoun with Kelly Ortberg."
    assert not acted_upon("Who replaced Calhoun?", replaced, replaced.index("Kelly"))
    won = "The election was won by Joe Biden."
    assert not acted_upon("Who won the election?", won, won.index("Joe"))
    # SQuAD: "Who was appointed as the replacement for …?" asks for the one appointed.
    made = "The emperor appointed Kong Duancao as the replacement."
    asked = "Who was appointed as the replacement for Kong Duanyou?"
    assert not acted_upon(asked, made, made.index("Kong Duancao"))


def test_who_won_a_prize_named_after_the_event_is_not_sure_to_have_won_it(fake_embedder) -> None:
    """Real news (Super Bowl 58, 12 February 2024): "Who won the Super Bowl?" → **Patrick
    Mahomes**, of "Patrick Mahomes won Super Bowl 58 MVP": he won the MVP award."""
    from assistant.answering.evidence.acted_upon import names_another_prize

    mvp = "Patrick Mahomes won Super Bowl 58 MVP as the quarterback led the Kansas City Chiefs."
    question = "Who won the Super Bowl?"
    reader = FakeReader(["won Super Bowl"], ["Patrick Mahomes"])
    answer = answerer(fake_embedder, reader).answer(question, [hit(mvp, date(2024, 2, 12))])
    assert answer.answer.startswith("*Not sure:* Patrick Mahomes")
    assert names_another_prize(question, mvp, 0)
    # What was won is the event itself: a day, a preposition or an adverb may follow it.
    for won in (
        "The Chiefs won Super Bowl 58 on Sunday.",
        "The Chiefs won the Super Bowl.",
        "The Chiefs won Super Bowl LVIII Sunday in overtime.",
        "The Chiefs won the Super Bowl narrowly.",
    ):
        assert not names_another_prize(question, won, 0), won
    assert not names_another_prize("Who led the Chiefs?", mvp, 0)


def test_a_deed_told_as_done_is_not_when_it_will_be() -> None:
    """Real news (TikTok, 14 March 2024): "When will the Senate vote on the TikTok bill?" (asked
    on 20 April) → **This week**, the week the House voted."""
    from assistant.answering.evidence.superseded import superseded

    done = (
        "This week the House of Representatives voted to pass a TikTok bill that will now move "
        "to the Senate."
    )
    question = "When will the Senate vote on the TikTok bill?"
    assert superseded(question, done, done.index("This week"))
    ahead = "The Senate is expected to vote next week on the bill."
    assert not superseded(question, ahead, ahead.index("next week"))
    # Asked when it was done, the deed answers.
    assert not superseded("When did the House vote on the TikTok bill?", done, 0)


def test_the_day_of_another_deed_done_is_not_when_it_will_be() -> None:
    """Real news (Starliner): "When will the Starliner astronauts return?" (asked on 10 August)
    → *June 5*, of "… scheduled to stay about a week in orbit when they launched June 5"."""
    from assistant.answering.evidence.superseded import superseded

    question = "When will the astronauts return?"
    launched = "They were to stay a week in orbit when they launched June 5 from Florida."
    assert superseded(question, launched, launched.index("June 5"))
    docked = "The capsule docked on June 6 after a day in orbit."
    assert superseded(question, docked, docked.index("June 6"))
    # A plan moved to a day is a plan; asked when it was done, the deed answers.
    moved = "Their return was delayed to June 26, NASA said."
    assert not superseded(question, moved, moved.index("June 26"))
    again = "The return, postponed twice, was rescheduled June 26."
    assert not superseded(question, again, again.index("June 26"))
    slated = "The crew is now slated to return on June 26."
    assert not superseded(question, slated, slated.index("June 26"))
    assert not superseded("When did they launch?", launched, launched.index("June 5"))


def test_a_sentence_about_another_of_the_asked_kind_is_not_sure(fake_embedder) -> None:
    """Real news (TikTok, 3 June 2024, an article titled "Donald Trump joined TikTok …"):
    "When did Trump join TikTok?" → **February**, of "Biden joined TikTok in February."."""
    from assistant.answering.evidence.another_subject import another_named
    from assistant.answering.evidence.reader_answerer import ReaderAnswerer
    from assistant.answering.question.parse import parse_question
    from tests.helpers import FakeTagger

    tagger = FakeTagger({"Trump": "PERSON", "Biden": "PERSON", "TikTok": "ORG", "US": "GPE"})
    biden = "Biden joined TikTok in February."
    text = f"Trump's campaign has a TikTok account now. {biden}"
    reader = FakeReader(["Biden joined"], ["February"])
    desk = ReaderAnswerer(fake_embedder, reader, min_read_score=0.4, tagger=tagger)
    answer = desk.answer("When did Trump join TikTok?", [hit(text, date(2024, 6, 3))])
    assert answer.answer.startswith("*Not sure:* February"), answer.answer
    question = parse_question("When did Trump join TikTok?")
    assert another_named(question, biden, tagger, (25, 33))
    trump = "Trump joined TikTok in June, months after Biden."
    assert not another_named(question, trump, tagger, (20, 24))  # Trump is named
    # The other one of the kind may be the answer itself: "… in which US state?".
    state = FakeTagger({"US": "GPE", "California": "GPE"})
    asked = parse_question("A state of emergency was declared in which US state?")
    said = "California declared a state of emergency on Wednesday."
    assert not another_named(asked, said, state, (0, 10))
    assert another_named(asked, said, state, (44, 53))


def test_a_sentence_led_by_a_place_is_not_about_the_asked_company() -> None:
    """Real news (2 July 2024): "When did Moderna get funding for a bird flu vaccine?" →
    **2024**, of the next sentence, "The U.S. has documented three cases of humans with bird
    flu in 2024." Asked about a place, a person leading the sentence may act for it."""
    from assistant.answering.evidence.another_subject import another_named
    from assistant.answering.question.parse import parse_question
    from tests.helpers import FakeTagger

    tagger = FakeTagger({"Moderna": "ORG", "U.S.": "GPE", "Japan": "GPE", "Kishida": "PERSON"})
    cases = "The U.S. has documented three cases of humans with bird flu in 2024."
    asked = parse_question("When did Moderna get funding for a bird flu vaccine?")
    assert another_named(asked, cases, tagger, (63, 67))
    funded = "Moderna is set to receive $176 million, HHS announced Tuesday."
    assert not another_named(asked, funded, tagger, (53, 60))  # Moderna is named
    banned = "Kishida announced the ban on Friday."
    assert not another_named(
        parse_question("When did Japan ban exports?"), banned, tagger, (28, 34)
    )
