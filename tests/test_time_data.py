"""The time tables and rules in newsgraph/data/time are well formed, and every rule reads its examples."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from newsgraph.extract.time.core import parse_reference
from newsgraph.extract.time.grammar import rules, time_words
from newsgraph.extract.time.normalise import DURATION_UNITS, NORMALISERS, normalise, parse_number

DATA = resources.files("newsgraph.data").joinpath("time")
KINDS = {
    "number", "vague_number", "ordinal", "unit", "season", "part_of_day", "direction", "day_offset",
    "vague", "set_adverb", "mod", "decade_word", "holiday",
}  # fmt: skip
EXAMPLES = [(rule.name, example) for rule in rules() for example in rule.examples]


def data_lines(name: str) -> list[str]:
    return [line for line in DATA.joinpath(name).read_text("utf-8").splitlines() if line and not line.startswith("#")]


def test_readme_describes_every_file():
    readme = DATA.joinpath("README.md").read_text("utf-8")
    for item in DATA.iterdir():
        if item.name not in ("README.md", "__pycache__"):
            assert f"`{item.name}`" in readme, item.name


def test_time_words_rows_are_well_formed():
    seen = set()
    for line in data_lines("time_words.tsv"):
        word, kind, value = line.split("\t")
        assert word == word.lower().strip() and kind in KINDS and value, line
        assert (word, kind) not in seen, line
        seen.add((word, kind))


def test_time_words_values_fit_their_kind():
    words = time_words()
    assert all(parse_number(w) is not None for w in words["number"])
    assert all(1 <= int(v) <= 31 for v in words["ordinal"].values())
    assert all(v in DURATION_UNITS for v in words["unit"].values())
    assert all(v in ("-1", "0", "1") for v in words["direction"].values())
    assert all(v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") for v in words["vague"].values())
    assert all(re.fullmatch(r"P(T)?\d+[YMWDH]", v) for v in words["set_adverb"].values())
    assert set(words["season"].values()) == {"SP", "SU", "FA", "WI"}
    assert set(words["part_of_day"].values()) <= {"MO", "AF", "EV", "NI"}


def test_calendar_words_numbers_are_in_range():
    for line in data_lines("calendar_words.tsv"):
        word, kind, number = line.split("\t")
        assert (kind, 1 <= int(number) <= 12) == ("month", True) or (kind, 0 <= int(number) <= 6) == ("weekday", True)


def test_patterns_are_well_formed():
    records = [json.loads(line) for line in data_lines("patterns.jsonl")]
    assert len({r["rule"] for r in records}) == len(records), "rule names are unique"
    for r in records:
        assert set(r) <= {"rule", "normaliser", "detect", "pattern", "examples", "pos", "not_dep"}, r["rule"]
        assert r["normaliser"] in NORMALISERS and isinstance(r["detect"], bool) and r["examples"], r["rule"]
    assert len(rules()) == len(records)  # every pattern compiles


@pytest.mark.parametrize(("rule_name", "example"), EXAMPLES, ids=[f"{n}:{e['text']}" for n, e in EXAMPLES])
def test_rule_reads_its_example(rule_name, example):
    rule = next(r for r in rules() if r.name == rule_name)
    match = rule.regex.match(example["text"])
    assert match and match[0] == example.get("match", example["text"]), f"{rule_name} misreads {example['text']!r}"
    result = normalise(rule.normaliser, match, parse_reference(example["reference"]), example["tense"])
    assert result and (result["type"], result["value"]) == (example["type"], example["value"])
