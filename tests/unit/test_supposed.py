"""Which short answers stand in a case a sentence supposes (evidence/supposed.py), denies
(evidence/denied.py), only cite its source (evidence/attribution.py) or count only a part of
what is asked (evidence/count_parts.py) or tell of an event the sentence recalls
(evidence/recalled.py)."""

from __future__ import annotations

import pytest

from assistant.answering.evidence.attribution import only_the_source
from assistant.answering.evidence.count_parts import a_rate, one_of_counts, other_side
from assistant.answering.evidence.denied import denied
from assistant.answering.evidence.not_yet import not_yet
from assistant.answering.evidence.recalled import (
    after_which,
    another_deeds_doer,
    another_deeds_time,
    recalled,
)
from assistant.answering.evidence.routes import an_origin
from assistant.answering.evidence.supposed import allowed_time, supposed

SHORTAGES = "Any strike that lasts more than one week could cause shortages of goods."
TOWER = "Neither New Castle County nor Verizon responded with a timeline for the construction."
WINERY = (
    "Plans are underway for improvements to the property, according to Corey Krejcik, general "
    "manager of Chaddsford Winery."
)

CELTICS = (
    "Four more victories earn the Celtics their 18th NBA championship which would break a tie "
    "with the Los Angeles Lakers for most in league history."
)
# (question, sentence, the short answer in it, whether the rule takes it out of bold)
SUPPOSED = [
    # RealTime QA put **the Los Angeles Lakers** in bold for this question.
    ("The Celtics beat which team in the NBA Finals?", CELTICS, "the Los Angeles Lakers", True),
    ("Which title would the Celtics win?", CELTICS, "18th NBA championship", False),
    (
        "Who did the Celtics beat?",
        "The Celtics beat the Dallas Mavericks, who could not stop Jayson Tatum.",
        "the Dallas Mavericks",
        False,
    ),
    ("How long did the port strike last?", SHORTAGES, "one week", True),
    # What the sentence reports, before the supposed case, is a fact.
    (
        "How many ports did the strike close?",
        "The strike closed 36 ports, and if it goes on prices could rise.",
        "36 ports",
        False,
    ),
    # A supposed case with nothing said to follow from it is a plain statement.
    ("How long did the strike last?", "Any delay lasted one week.", "one week", False),
    (
        "When will workers return?",
        "If the deal is ratified, workers could return on Wednesday.",
        "Wednesday",
        True,
    ),
    # A supposed case in another clause than the answer's: a plain statement.
    (
        "How long did the strike last?",
        "Unions rejected any deal that would cut jobs; the strike lasted three days.",
        "three days",
        False,
    ),
    # The question asks for a wish or a supposed case itself.
    (
        "What kind of books does this person want recommended?",
        "If anyone could recommend some great books on composition that'd be great.",
        "great books on composition",
        False,
    ),
    (
        "How much weight would he like the board to hold?",
        "If it could hold 250 pounds I would buy it.",
        "250 pounds",
        False,
    ),
]
DENIED = [
    # RealTime QA put **New Castle County** in bold for this question.
    (
        "Where is the new Verizon cell tower being constructed?",
        TOWER,
        "New Castle County",
        True,
    ),
    ("Who has given a timeline for the tower?", TOWER, "Verizon", True),
    (
        "Where will the tower be built?",
        "The tower will be built not in Hockessin but near the athletic league.",
        "Hockessin",
        True,
    ),
    # What the sentence says does hold is no denial …
    (
        "Where will the tower be built?",
        "The tower will be built not in Hockessin but near the athletic league.",
        "near the athletic league",
        False,
    ),
    (
        "Who will face the charges?",
        "Not only the mayor but also his deputy will face the charges.",
        "his deputy",
        False,
    ),
    ("Who will face the charges?", "Not only the mayor will face them.", "the mayor", False),
    ("How many people were hurt?", "No more than 5 people were hurt.", "5", False),
    # … and a question of what did not happen is answered by it.
    ("Who did not respond?", TOWER, "New Castle County", False),
    ("Which company hasn't given a timeline?", TOWER, "Verizon", False),
]
ONLY_THE_SOURCE = [
    # RealTime QA put **Corey Krejcik** in bold for this question.
    ("Who purchased the Chaddsford Winery in 2024?", WINERY, "Corey Krejcik", True),
    (
        "How many people died in the fire?",
        "Four people died, according to the fire department.",
        "fire department",
        True,
    ),
    # RealTime QA put **U.S.** in bold: the country whose officials told of the troops.
    (
        "Which country has sent at least 3,000 soldiers to Russia this month?",
        "U.S. officials on Wednesday announced they have evidence North Korea sent 3,000 troops.",
        "U.S.",
        True,
    ),
    (
        "Which country has sent at least 3,000 soldiers to Russia this month?",
        "U.S. officials on Wednesday announced they have evidence North Korea sent 3,000 troops.",
        "North Korea",
        False,
    ),
    # The source is the answer when the question asks for one …
    (
        "Who announced that North Korea sent troops?",
        "U.S. officials on Wednesday announced they have evidence North Korea sent 3,000 troops.",
        "U.S.",
        False,
    ),
    ("Who said improvements are planned at the winery?", WINERY, "Corey Krejcik", False),
    ("According to whom are plans underway?", WINERY, "Corey Krejcik", False),
    # … and words elsewhere in the sentence are not the source.
    ("Who manages the winery?", WINERY, "general manager", False),
    (
        "Who bought the winery?",
        "Brock Vinton bought the winery, according to the county.",
        "Brock Vinton",
        False,
    ),
]

CHARGED = (
    "A grand jury charged 11 Arizona Republicans and seven former aides to former President "
    "Donald Trump with crimes including forgery."
)
ONE_OF_COUNTS = [
    # RealTime QA put **11** in bold for this question (18 were charged).
    ("How many people did an Arizona grand jury indict?", CHARGED, "11", True),
    ("How many people did an Arizona grand jury indict?", CHARGED, "seven", True),
    (
        "How many people did the station serve?",
        "It served 15,000 buses and 600,000 people.",
        "15,000",
        True,
    ),
    # The question names what the count counts …
    ("How many Arizona Republicans were charged?", CHARGED, "11", False),
    ("How many aides were charged?", CHARGED, "seven", False),
    (
        "How many grandchildren does he have?",
        "He has 4 children, 10 grandchildren and 2 cats.",
        "10",
        False,
    ),
    # … or no other count is joined to it, or it counts nothing named.
    ("How many games did they win?", "The team won 3 games and lost the final.", "3", False),
    ("How many people were hurt?", "Between 5 and 10 people were hurt.", "5", False),
    ("When was the grand jury seated?", CHARGED, "11", False),
]

BIRTHS = "Worldwide, 4.3 babies will be born and two people will die each second in January."
RATES = [
    # RealTime QA put **4.3** in bold for "Roughly how many babies were born in the US last year?"
    ("Roughly how many babies were born in the US last year?", BIRTHS, "4.3", True),
    (
        "How many migrant encounters occurred at the border last year?",
        "The U.S. averaged roughly 10,000 migrant encounters a day along the border.",
        "10,000",
        True,
    ),
    ("How much does the state spend?", "The state spends $3 million per year on it.", "$3", True),
    # The question asks for a rate …
    ("How many babies are born each second?", BIRTHS, "4.3", False),
    (
        "How many vehicles cross the bridge daily?",
        "About 400,000 vehicles a day cross it.",
        "400,000",
        False,
    ),
    # … or the count is none: a time after it, or a rate in another clause.
    (
        "How many babies were born in the US last year?",
        "About 3.6 million babies were born last year, down from 3.75 million a year earlier.",
        "3.6 million",
        False,
    ),
    ("How many people came?", "Some 300 people came, as they do each year.", "300", False),
]
ATTEMPT = (
    "An apparent assassination attempt targeting former President Donald Trump at his Florida "
    "golf course was fueling an investigation Monday, two months after he was nearly killed at "
    "an event in Pennsylvania."
)
ALITO = (
    "The flag flew at the post office, days after Supreme Court Justice Samuel Alito faced "
    "criticism for displaying an upside-down flag."
)
RECALLED = [
    # RealTime QA put **Pennsylvania** in bold for this question (the second attempt: Florida).
    (
        "In which state did the second assassination attempt on Trump occur?",
        ATTEMPT,
        "Pennsylvania",
        True,
    ),
    (
        "In which state did the second assassination attempt on Trump occur?",
        ATTEMPT,
        "Florida",
        False,
    ),
    # The question asks about the recalled event itself.
    ("Where was Trump nearly killed two months earlier?", ATTEMPT, "Pennsylvania", False),
    (
        "Which justice faced criticism for displaying an upside-down flag?",
        ALITO,
        "Samuel Alito",
        False,
    ),
]


BOEING_VOTE = (
    "The vote was 64% in opposition to the deal, which offered a 35% rise in wages over four years."
)
IN_FAVOR = "Of the roughly 30,000 union members, 96 percent of them voted in favor of the strike."
SIDES = [
    # Real news (the Boeing strike): **64%** in bold for the share that voted to accept.
    ("What percentage voted to accept the contract?", BOEING_VOTE, "64%", True),
    ("What percentage voted against the contract?", BOEING_VOTE, "64%", False),
    ("What percentage of members opposed the strike?", IN_FAVOR, "96 percent", True),
    ("What percentage of members backed the strike?", IN_FAVOR, "96 percent", False),
    ("What percentage voted to accept the offer?", "Members voted 59% to 41% to accept it.", "59%",
     False),
    # Not a question of a vote's sides, or no share asked: no rule.
    ("What raise did the deal offer?", BOEING_VOTE, "35%", False),
    ("How many voted for the bill?", "It passed with 300 votes to 120 against it.", "300", False),
]  # fmt: skip


FLIGHT = (
    "An Alaska Airlines flight from Portland, Oregon, to Ontario, California, made a dramatic "
    "emergency landing late Friday night after a piece of the fuselage burst off at 16,000 feet."
)
SPACEWALK = "They have about one hour and 50 minutes to complete the spacewalk."
ALLOWED = [
    # Real news (Polaris Dawn, 12 September 2024): the time allowed in bold for the time taken.
    ("How long did the spacewalk last?", SPACEWALK, "about one hour", True),
    ("How long does the crew have to complete the spacewalk?", SPACEWALK, "about one hour", False),
    ("How long did the spacewalk last?", "It lasted one hour and 46 minutes.", "one hour", False),
    ("How long did the talks take?", "They had two days of talks to reach a deal.", "two days",
     False),
]  # fmt: skip
MOVE = "Kublai readied the move of the Mongol capital from Karakorum in Mongolia to Khanbaliq."
SETTLERS = "Around 660 BCE, Greek settlers from Megara established Byzantium on the Bosphorus."
ORIGINS = [
    # Real news (8 January 2024): the route's start in bold for where the flight landed.
    ("Where did the Alaska Airlines flight land?", FLIGHT, "Portland, Oregon, to Ontario", True),
    ("Which city did the flight land in?", FLIGHT, "Portland, Oregon", True),
    # Asked where from, the place after "from" answers; after "to" is no origin.
    ("Where did the Alaska Airlines flight depart from?", FLIGHT, "Portland, Oregon", False),
    ("Where did the flight take off?", FLIGHT, "Portland, Oregon", False),
    ("Where was the Alaska Airlines flight headed?", FLIGHT, "Ontario, California", False),
    ("When did the flight land?", FLIGHT, "late Friday night", False),
    # Asked where it was before, the place it moved from answers (SQuAD dev, was in bold).
    ("Where had the Mongol capital been before Kublai moved it?", MOVE, "Karakorum", False),
    ("Where was Byzantium located?", SETTLERS, "Megara", True),
]

MANHUNT = (
    "A day after UnitedHealthcare CEO Brian Thompson was fatally shot on a New York City "
    "sidewalk, police still have not found the shooter but they did release photos Thursday."
)
NOT_YET = [
    # RealTime QA (December 2024): where the CEO was shot, in bold for where the suspect was caught.
    ("Where was the suspect captured?", MANHUNT, "New York City sidewalk", True),
    ("When did police arrest the gunman?", MANHUNT, "Thursday", True),
    ("Who has yet to be found?", MANHUNT, "the shooter", False),  # asks what has not happened
    ("Where was Brian Thompson shot?", "Thompson was shot on a New York City sidewalk.",
     "New York City sidewalk", False),
]  # fmt: skip

REVERSED = "What happened: Yoon declared martial law before reversing the move early Wednesday."
LANDFALL = "Beryl weakened to a tropical storm after making landfall on Monday."
OTHER_DEEDS = [
    # Real news (December 2024): when the decree was reversed, in bold for when it was made.
    ("When did Yoon declare martial law?", REVERSED, "early Wednesday", True),
    ("When did Yoon reverse the move?", REVERSED, "early Wednesday", False),
    ("When did Beryl make landfall?", LANDFALL, "Monday", False),
    ("Where did Yoon declare martial law?", REVERSED, "early Wednesday", False),  # not "when"
]
KISS = "From her necklace to the kiss on the field when the Chiefs won, it was a rom-com."
PASS = "The Chiefs won after Patrick Mahomes threw the winning pass in overtime."
OTHER_DOERS = [
    # Real news (the 2024 Super Bowl): who won, in bold for whom Taylor Swift kissed.
    ("Who did Taylor Swift kiss on the field?", KISS, "the Chiefs", True),
    ("Who won the game?", KISS, "the Chiefs", False),  # the clause's deed is the one asked
    ("Who threw the winning pass?", PASS, "Patrick Mahomes", False),
    ("When did the Chiefs win?", KISS, "the Chiefs", False),  # not "who"
]
ECLIPSES = (
    "According to NASA, after the total solar eclipse on April 8, 2024, the next total solar "
    "eclipse that can be seen from the contiguous U.S. will be on Aug. 23, 2044."
)
AFTER_WHICH = [
    # Real news (March 2024): the eclipse the next one comes after, in bold for the next one.
    ("When is the next total solar eclipse in the US after 2024?", ECLIPSES, "April 8", True),
    ("When is the next total solar eclipse?", ECLIPSES, "Aug. 23, 2044", False),
    ("When is the total solar eclipse?", ECLIPSES, "April 8", False),  # not the next one
]


@pytest.mark.parametrize(
    ("rule", "case"),
    [(supposed, c) for c in SUPPOSED]
    + [(denied, c) for c in DENIED]
    + [(only_the_source, c) for c in ONLY_THE_SOURCE]
    + [(one_of_counts, c) for c in ONE_OF_COUNTS]
    + [(a_rate, c) for c in RATES]
    + [(other_side, c) for c in SIDES]
    + [(recalled, c) for c in RECALLED]
    + [(an_origin, c) for c in ORIGINS]
    + [(allowed_time, c) for c in ALLOWED]
    + [(not_yet, c) for c in NOT_YET]
    + [(another_deeds_time, c) for c in OTHER_DEEDS]
    + [(after_which, c) for c in AFTER_WHICH]
    + [(another_deeds_doer, c) for c in OTHER_DOERS],
)
def test_which_short_answers_a_rule_takes_out_of_bold(rule, case) -> None:
    """supposed: after "if / any / unless / should" in a sentence of what may follow; denied:
    right after "neither / nor / not / never"; only_the_source: right after "according to";
    one_of_counts: a count joined to a count of other things, for "how many" of neither;
    a_rate: a count per second, day or year for "how many / much" that asks no rate;
    other_side: a share the words after it give to the other side of a vote than the question's;
    recalled: in a "two months after …" clause the question's words are not in;
    an_origin: a place right after "from" for a "where" question that asks no origin;
    allowed_time: a time someone has to do something in, for "how long" it lasted; not_yet: in
    a sentence that says something has not happened yet, for a question of what did;
    another_deeds_time: a time after "before / after <another verb>ing", for "when"; after_which:
    the day of the one after which "the next" comes, for "the next"; another_deeds_doer: the
    doer of a "when / after …" clause of another deed, for "who"."""
    question, sentence, answer, expected = case
    assert rule(question, sentence, sentence.index(answer)) is expected
