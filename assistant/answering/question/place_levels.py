"""Levels of well-known places whose names do not say them: "Oregon" is a state, "Peru" a
country. "Hundreds of votes were destroyed in which US city …?" is not answered by **Oregon and
Washington** (RealTime QA, 2024), although the NER calls both places.

Only names of one level are listed: "Washington", "New York" and "Georgia" are states and
a city or a country; "Singapore", "Kuwait" or "Panama" are countries and cities; "Quebec" is a
province and a city. Names of more than one level are left out, so they are never ruled out.
"""

from __future__ import annotations

import re

_US_STATES = frozenset(
    {
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
        "Delaware", "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
        "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
        "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
        "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
        "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
        "Texas", "Utah", "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming",
    }
)  # fmt: skip
_PROVINCES = frozenset(
    {
        "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
        "Nova Scotia", "Ontario", "Saskatchewan", "Prince Edward Island",
    }
)  # fmt: skip
_COUNTRIES = frozenset(
    {
        "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia",
        "Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia",
        "Bosnia and Herzegovina", "Botswana", "Brazil", "Bulgaria", "Cambodia", "Cameroon",
        "Canada", "Chad", "Chile", "China", "Colombia", "Costa Rica", "Croatia", "Cuba",
        "Cyprus", "Czech Republic", "Czechia", "Denmark", "Ecuador", "Egypt", "El Salvador",
        "Eritrea", "Estonia", "Ethiopia", "Finland", "France", "Gabon", "Germany", "Ghana",
        "Greece", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran",
        "Iraq", "Ireland", "Israel", "Italy", "Japan", "Jordan", "Kazakhstan", "Kenya",
        "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Liberia", "Libya", "Lithuania",
        "Madagascar", "Malawi", "Malaysia", "Mali", "Mauritania", "Moldova", "Mongolia",
        "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands",
        "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "Norway", "Oman",
        "Pakistan", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
        "Romania", "Russia", "Rwanda", "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone",
        "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan",
        "Spain", "Sri Lanka", "Sudan", "Sweden", "Switzerland", "Syria", "Taiwan",
        "Tajikistan", "Tanzania", "Thailand", "Togo", "Tunisia", "Turkey", "Turkmenistan",
        "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States",
        "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
    }
)  # fmt: skip

# Continents and regions of several countries: no city, town, village or country ("the" before
# a name is read past, as any lower-case word before it).
_REGIONS = frozenset(
    {
        "Africa", "Europe", "Asia", "North America", "South America", "Latin America",
        "Central America", "Antarctica", "Oceania", "Middle East",
        "Southeast Asia", "East Asia", "South Asia", "Central Asia", "Eastern Europe",
        "Western Europe", "Sub-Saharan Africa", "West Africa", "East Africa", "North Africa",
        "Southern Africa", "Caribbean", "Scandinavia", "Balkans", "Pacific", "Arctic",
    }
)  # fmt: skip

# Levels a place named this way can hold, for a question that asks for one of the keys: a city,
# town or village is none of the three lists; a country is no US state or province. ("Which
# state …?" may ask for a country, and "which region" for any of them: those are not decided.)
_ABOVE_TOWNS = _US_STATES | _PROVINCES | _COUNTRIES | _REGIONS
_RULED_OUT = {
    "city": _ABOVE_TOWNS,
    "town": _ABOVE_TOWNS,
    "village": _ABOVE_TOWNS,
    "country": _US_STATES | _PROVINCES | _REGIONS,
}
_FOLDED = {kind: frozenset(n.casefold() for n in names) for kind, names in _RULED_OUT.items()}
# Names of two levels: never ruled out, and no sign that a list they are in is of the level asked.
_TWO_LEVELS = frozenset(
    {
        "washington", "new york", "georgia", "singapore", "kuwait", "luxembourg", "monaco",
        "djibouti", "panama", "guatemala", "mexico", "quebec", "vatican", "san marino",
        "hong kong", "macau", "andorra",
    }
)  # fmt: skip
_LIST_JOIN = re.compile(r",?\s+(?:and|or)\s+|\s*[&,]\s*")
# "the", and words that only say which part ("northeastern Illinois" is in Illinois).
_BEFORE_NAME = re.compile(r"^(?:[a-z][\w-]*\s+)+")


_PLACES = frozenset(n.casefold() for n in _ABOVE_TOWNS | _TWO_LEVELS)


_COUNTRY_NAMES = frozenset(n.casefold() for n in _COUNTRIES)


def a_country(name: str) -> bool:
    """Whether `name` is a well-known country of one level ("China"; not "Mexico", a city too)."""
    return name.casefold() in _COUNTRY_NAMES


def a_place(name: str) -> bool:
    """Whether `name` is a well-known country, state, province or region ("India", "Ohio")."""
    return name.casefold() in _PLACES


def known_other_level(name: str, kind: str) -> bool:
    """Whether `name` is a well-known place that cannot be of the level `kind` asked for
    ("Oregon" for "which city"), or a list of such places, with names of two levels at most
    beside them ("Oregon and Washington", "Russia, Japan"; not "Portland, Oregon")."""
    ruled_out = _FOLDED.get(kind)
    if ruled_out is None:
        return False
    parts = [_BEFORE_NAME.sub("", p.strip(" .,;:")).casefold() for p in _LIST_JOIN.split(name)]
    parts = [part for part in parts if part]
    return any(part in ruled_out for part in parts) and all(
        part in ruled_out or part in _TWO_LEVELS for part in parts
    )
