"""The fast scan of the time rules finds exactly what ``finditer`` of each rule finds, and its literal gates
never turn away a text that a rule matches."""

from __future__ import annotations

import json
from itertools import islice
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest
from conftest import shared_path

from newsgraph.extract.time.scan import (
    All,
    AnyOf,
    TextSegments,
    holds,
    lowercase_twin,
    required_literals,
    rule_matches,
    scan_rules,
)

# Sentences we wrote, with the cases that make lowercasing unsafe: the long s and the Kelvin sign (matched
# case-insensitively as "s" and "k"), the Turkish dotless and dotted i, capitals and accented capitals.
TEXTS = [
    "On Monday, September 14, 2020, the two leaders met; by MONDAY NIGHT they had agreed.",
    "ÉLYSÉE: the talks resume next week, three weeks ago, and in the summer of 1999.",
    "Auguſt 5, 2020 and Monday were both named, as was 4 p.m. yesterday.",
    "The temperature fell to 300 \u212a last Sunday and on Oct. 3, 1989.",
    "\u0130stanbul hosted the summit in the third quarter; Diyarbak\u0131r, two years earlier.",
    "The firm\u2019s fiscal 2021 results came a year earlier than in the \u201890s, on 2020-09-14 at 10:30 a.m.",
    "In mid-May and early June the board met every Tuesday, twice a month, for several hours.",
    "",
]


def finditer_matches(text: str) -> list[tuple[str, tuple[int, int], dict[str, str | None]]]:
    return [(s.rule.name, m.span(), m.groupdict()) for s in scan_rules() for m in s.rule.regex.finditer(text)]


def fast_matches(text: str) -> list[tuple[str, tuple[int, int], dict[str, str | None]]]:
    return [(s.rule.name, m.span(), m.groupdict()) for s, m in rule_matches(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_finditer(text):
    assert fast_matches(text) == finditer_matches(text)


def test_same_matches_on_corpus_articles():
    corpus = shared_path("corpus", "news.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 0, 3000, 20)]
    for text in texts:
        assert fast_matches(text) == finditer_matches(text)


def test_unsafe_characters_keep_the_plain_path():
    for char in ("\u017f", "\u212a", "\u0131", "\u0130"):
        assert lowercase_twin(f"May {char}") is None
    assert lowercase_twin("\u00c9LYS\u00c9E \u2019MAY\u2019") == "\u00e9lys\u00e9e \u2019may\u2019"
    assert lowercase_twin("Monday") == "monday"


def test_every_rule_has_a_twin_and_most_a_gate():
    rules = scan_rules()
    assert all(s.lower_regex is not None for s in rules)
    assert sum(s.literals is not None for s in rules) >= len(rules) - 2


def need_of(pattern: str):
    return required_literals(list(sre_parse.parse(pattern, 0)))


def test_required_literals():
    assert need_of(r"(?:early\s+)?may\s+\d") == "may"
    assert need_of(r"(?:jan|january|feb)\.?") == AnyOf(("feb", "jan"))
    assert need_of(r"quarter\s+(?:ago|earlier)") == All(("quarter", AnyOf(("ago", "earlier"))))
    assert need_of(r"\d+") is None
    assert need_of(r"(?:x|\d)y?") is None


def test_gates_hold_for_every_example_a_rule_matches():
    for scan in scan_rules():
        for example in scan.rule.examples:
            text = example["text"]
            if scan.rule.regex.search(text):
                assert holds(scan.literals, text.lower()), (scan.rule.name, text)


def test_gates_turn_away_texts_without_the_words():
    quarter = next(s for s in scan_rules() if s.rule.name == "quarter")
    assert not holds(quarter.literals, "sales rose in march.")
    assert holds(quarter.literals, "the third quarter")


def test_barriers_are_characters_the_rule_never_looks_at():
    by_name = {scan.rule.name: scan for scan in scan_rules()}
    month_day, relative = by_name["month_day"].barrier, by_name["relative"].barrier
    assert not month_day.search("may 5, 2020 - sept. 3 \n\t\u00a0 \u00e9t\u00e9 _")
    assert month_day.findall('"(%$;!?)\u201c\u201d\u2014') == list('"(%$;!?)\u201c\u201d\u2014')
    assert relative.findall("last week, then. o'clock 1/2") == [",", ".", "'", "/"]
    assert by_name["clock"].anchors is None  # its only anchor, "m", is everywhere


def test_segments_holding_a_word():
    low = 'he said "it rose in may" (and fell in june); 5% down'
    barrier = next(scan for scan in scan_rules() if scan.rule.name == "month_day").barrier
    segments = TextSegments(low).holding(frozenset(["may", "june"]), barrier)
    assert [low[start:end] for start, end in segments] == ["it rose in may", "and fell in june"]
    assert TextSegments(low).holding(frozenset(["march"]), barrier) == []
