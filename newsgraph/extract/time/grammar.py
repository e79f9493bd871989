"""The word tables and patterns of temporal expressions, read from ``newsgraph/data/time/``.

``time_words.tsv`` maps words to their part in a TIMEX3 value (numbers, units, seasons, directions,
modifiers …); ``calendar_words.tsv`` holds month and weekday names. ``patterns.jsonl`` holds one rule
a line: a regular expression with ``{placeholders}`` that expand to the word tables, the normaliser
that turns a match into a value, whether the rule also finds expressions in running text (``detect``)
or only interprets spans that spaCy found, and worked examples that the tests check.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.extract.time.pubdate import calendar_words

FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """One line of patterns.jsonl, compiled."""

    name: str
    normaliser: str
    detect: bool
    regex: re.Pattern[str]
    examples: tuple[dict[str, Any], ...]
    pos: tuple[str, ...] = ()
    not_dep: tuple[str, ...] = ()


def _data_text(name: str) -> str:
    return resources.files("newsgraph.data").joinpath(f"time/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def time_words() -> dict[str, dict[str, str]]:
    """kind -> {word: value} from time_words.tsv (values stay strings: "1", "Y", "PRESENT_REF" …)."""
    table: dict[str, dict[str, str]] = {}
    for line in _data_text("time_words.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind, value = line.split("\t")
            table.setdefault(kind, {})[word] = value
    for word, (kind, number) in calendar_words().items():
        table.setdefault(kind, {})[word] = str(number)
    return table


def word_value(kind: str, word: str) -> str | None:
    """The table value of a word of that kind, ignoring case, spacing, hyphens and a final full stop."""
    key = re.sub(r"[\s-]+", " ", word.lower()).strip().rstrip(".")
    table = time_words().get(kind, {})
    return table.get(key) or table.get(key.replace(" ", "-"))


def _alternation(kind: str, abbreviations: bool = False) -> str:
    """The words of a kind, longest first; with ``abbreviations``, a shortened name ("Sept", not
    "June") may end in a full stop."""
    table = time_words()[kind]
    full_names = {value: max((w for w, v in table.items() if v == value), key=len) for value in table.values()}
    words = sorted(table, key=len, reverse=True)
    return "(?:" + "|".join(_word_pattern(w, abbreviations and w != full_names[table[w]]) for w in words) + ")"


def _word_pattern(word: str, abbreviated: bool) -> str:
    return re.escape(word).replace(r"\ ", r"[\s-]+") + (r"\.?" if abbreviated else "")


@lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    """What each ``{name}`` in a pattern stands for (each a named group of the same name)."""
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\\s-]+(?:one|two|three|four|five|six|seven|eight|nine)"
    number = rf"(?:(?:\d{{1,3}}(?:\.\d+)?|{tens}|{_alternation('number')})(?:\s+and\s+a\s+half|\s+1/2)?)"
    return {
        "month": _alternation("month", abbreviations=True),
        "weekday": _alternation("weekday", abbreviations=True),
        "number": number,
        "vague_number": _alternation("vague_number"),
        "ordinal": r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alternation("ordinal") + ")",
        "unit": _alternation("unit"),
        "season": _alternation("season"),
        "pod": _alternation("part_of_day"),
        "dir": _alternation("direction"),
        "offset": _alternation("day_offset"),
        "vague": _alternation("vague"),
        "set_adverb": _alternation("set_adverb"),
        "holiday": _alternation("holiday"),
        "mod": r"(?:" + _alternation("mod") + r"[\s-]*)",
        "year": r"(?:1[0-9]\d\d|20\d\d|2100)",
        "day": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
    }


def expand(pattern: str) -> str:
    """Replace each ``{name}`` (or ``{name:group}``) by its alternation as a named group."""
    table = placeholders()

    def group(m: re.Match[str]) -> str:
        return f"(?P<{m[2] or m[1]}>{table[m[1]]})" if m[1] in table else m[0]

    return re.sub(r"\{(\w+)(?::(\w+))?\}", group, pattern)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every rule of patterns.jsonl, in file order (earlier rules win ties)."""
    compiled = []
    for line in _data_text("patterns.jsonl").splitlines():
        if line.strip():
            rec = json.loads(line)
            # the lookbehind lets the engine give up at once inside words, which makes scanning fast
            regex = re.compile(r"(?<![\w-])(?:" + expand(rec["pattern"]) + ")", FLAGS)
            examples, pos, not_dep = tuple(rec["examples"]), tuple(rec.get("pos", ())), tuple(rec.get("not_dep", ()))
            compiled.append(Rule(rec["rule"], rec["normaliser"], rec["detect"], regex, examples, pos, not_dep))
    return tuple(compiled)
