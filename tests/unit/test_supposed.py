"""Which short answers stand in a case a sentence supposes (evidence/supposed.py), denies
(evidence/denied.py) or only cites as its source (evidence/attribution.py)."""

from __future__ import annotations

import pytest

from assistant.answering.evidence.attribution import only_the_source
from assistant.answering.evidence.denied import denied
from assistant.answering.evidence.supposed import supposed

SHORTAGES = "Any strike that lasts more than one week could cause shortages of goods."
TOWER = "Neither New Castle County nor Verizon responded with a timeline for the construction."
WINERY = (
    "Plans are underway for improvements to the property, according to Corey Krejcik, general "
    "manager of Chaddsford Winery."
)

# (question, sentence, the short answer in it, whether the rule takes it out of bold)
SUPPOSED = [
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
    # The source is the answer when the question asks for one …
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


@pytest.mark.parametrize(
    ("rule", "case"),
    [(supposed, c) for c in SUPPOSED]
    + [(denied, c) for c in DENIED]
    + [(only_the_source, c) for c in ONLY_THE_SOURCE],
)
def test_which_short_answers_a_rule_takes_out_of_bold(rule, case) -> None:
    """supposed: after "if / any / unless / should" in a sentence of what may follow; denied:
    right after "neither / nor / not / never"; only_the_source: right after "according to"."""
    question, sentence, answer, expected = case
    assert rule(question, sentence, sentence.index(answer)) is expected
