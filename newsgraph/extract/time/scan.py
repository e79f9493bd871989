"""Finding every match of the detecting rules in a text, as ``re.finditer`` would, with less work.

The rules are case-insensitive regular expressions, and Python's engine is slowest exactly there: it
cannot skip an alternative by its first letter when case is ignored, and a rule tries some hundred
alternatives at each word. Two things give the same matches for less:

- Most texts can be lowercased character for character without changing what any rule matches (see
  ``lowercase_twin``). Their lowercase twin is scanned by case-sensitive copies of the rules, and each
  match is taken again from the original text by the original rule at the same offset, so the match
  objects (and the case of their groups) are the ones ``finditer`` gives.
- Every match of a rule contains one of a few literal words (``required_literals``: "quarter",
  "century", one of the month names …). A rule none of whose words occurs in the lowercase twin
  cannot match, and is not run.

A text that cannot be lowercased safely, and a rule whose pattern holds capitals, take the plain path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from newsgraph.extract.time.grammar import Rule, rules

Literals = frozenset[str] | None  # None: no literal is required
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


@dataclass(frozen=True)
class ScanRule:
    """A detecting rule with its case-sensitive twin (None when it cannot have one) and its literal gate."""

    order: int
    rule: Rule
    lower_regex: re.Pattern[str] | None
    literals: Literals


def required_literals(items: list[tuple[object, object]]) -> Literals:
    """Strings one of which every match of the parsed pattern contains, or None when none can be named.

    A run of literal characters is such a string; a sequence needs what any one of its parts needs (the
    most telling part is kept); an alternation needs what one of its branches needs; an optional part
    and anything else (classes, assertions) needs nothing."""
    needs: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)  # type: ignore[arg-type]
            continue
        if run:
            needs.append(frozenset([run]))
            run = ""
        if (need := _part_literals(op, arg)) is not None:
            needs.append(need)
    if run:
        needs.append(frozenset([run]))
    return max(needs, key=lambda need: (min(map(len, need)), -len(need))) if needs else None


def _part_literals(op: object, arg: object) -> Literals:
    if op is sre.SUBPATTERN:
        return required_literals(list(arg[3]))  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return required_literals(list(arg))  # type: ignore[call-overload]
    if op in REPEATS:
        return required_literals(list(arg[2])) if arg[0] >= 1 else None  # type: ignore[index]
    if op is sre.BRANCH:
        return _union([required_literals(list(branch)) for branch in arg[1]])  # type: ignore[index]
    if op is sre.GROUPREF_EXISTS:
        yes, no = arg[1], arg[2]  # type: ignore[index]
        return _union([required_literals(list(yes)), required_literals(list(no)) if no is not None else None])
    return None


def _union(needs: list[Literals]) -> Literals:
    if any(need is None for need in needs):
        return None
    return frozenset().union(*needs)  # type: ignore[arg-type]


def _without_superstrings(literals: frozenset[str]) -> frozenset[str]:
    """ "jan" occurs wherever "january" does: testing the shorter is enough."""
    return frozenset(s for s in literals if not any(t != s and t in s for t in literals))


def _case_free(items: list[tuple[object, object]]) -> bool:
    """Whether no literal, range or inline flag of the parsed pattern involves a capital letter, so that
    the pattern means the same case-sensitively over lowercase text as case-insensitively."""
    for op, arg in items:
        if op is sre.LITERAL or op is sre.NOT_LITERAL:
            if chr(arg).lower() != chr(arg) or not chr(arg).isascii():  # type: ignore[arg-type]
                return False
        elif op is sre.IN:
            if not all(_case_free_set_item(kind, value) for kind, value in arg):  # type: ignore[attr-defined]
                return False
        elif op is sre.SUBPATTERN:
            if arg[1] or arg[2] or not _case_free(list(arg[3])):  # type: ignore[index]
                return False
        elif op in REPEATS:
            if not _case_free(list(arg[2])):  # type: ignore[index]
                return False
        elif op is sre.BRANCH:
            if not all(_case_free(list(branch)) for branch in arg[1]):  # type: ignore[index]
                return False
        elif op is sre.GROUPREF_EXISTS:
            if not all(_case_free(list(part)) for part in arg[1:] if part is not None):  # type: ignore[index]
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if not _case_free(list(arg[1])):  # type: ignore[index]
                return False
        elif op not in (sre.AT, sre.ANY, sre.CATEGORY):
            return False  # back-references and anything unforeseen: keep the plain path
    return True


def _case_free_set_item(kind: object, value: object) -> bool:
    if kind is sre.LITERAL:
        return chr(value).isascii() and chr(value).lower() == chr(value)  # type: ignore[arg-type]
    if kind is sre.RANGE:
        low, high = value  # type: ignore[misc]
        return high < 0x80 and not any(chr(c).isupper() for c in range(low, high + 1))
    return kind is sre.CATEGORY or kind is sre.NEGATE


@lru_cache(maxsize=1)
def scan_rules() -> tuple[ScanRule, ...]:
    """The detecting rules, in file order, each with its case-sensitive twin and literal gate."""
    found = []
    for order, rule in enumerate(rules()):
        if not rule.detect:
            continue
        tree = sre_parse.parse(rule.regex.pattern, 0)
        # a rule that can match nothing (none does) keeps the plain path: finditer treats empty matches apart
        plain = rule.regex.flags & ~(re.IGNORECASE | re.UNICODE) or tree.getwidth()[0] == 0
        if plain or not _case_free(list(tree)):
            found.append(ScanRule(order, rule, None, None))
            continue
        literals = required_literals(list(tree))
        gate = _without_superstrings(literals) if literals is not None else None
        found.append(ScanRule(order, rule, re.compile(rule.regex.pattern), gate))
    return tuple(found)


ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _lowers_safely(char: str) -> bool:
    """Whether a non-ASCII character lowercases to one character that no rule can tell from it: neither
    it nor its lowercase is matched as an ASCII letter ("ſ" as "s", the Kelvin sign as "k", asked of the
    regular expression engine itself), and both are of the same class for ``\\w``, ``\\d`` and ``\\s``."""
    low = char.lower()
    return (
        len(low) == 1
        and not low.isascii()
        and not ASCII_LETTER.fullmatch(char)
        and not ASCII_LETTER.fullmatch(low)
        and (char.isalnum(), char.isdecimal(), char.isspace()) == (low.isalnum(), low.isdecimal(), low.isspace())
    )


def lowercase_twin(text: str) -> str | None:
    """The text lowercased character for character when that changes no rule's matches, else None."""
    if not text.isascii() and not all(_lowers_safely(char) for char in set(text) if not char.isascii()):
        return None
    return text.lower()


def rule_matches(text: str) -> Iterator[tuple[ScanRule, re.Match[str]]]:
    """Every match of every detecting rule in the text: rule by rule in file order, and in text order
    within a rule, exactly as ``rule.regex.finditer(text)`` gives them."""
    low = lowercase_twin(text)
    for scan in scan_rules():
        if low is None or scan.lower_regex is None:
            yield from ((scan, m) for m in scan.rule.regex.finditer(text))
        elif scan.literals is None or any(literal in low for literal in scan.literals):
            yield from ((scan, _original(scan, text, m)) for m in scan.lower_regex.finditer(low))


def _original(scan: ScanRule, text: str, twin: re.Match[str]) -> re.Match[str]:
    match = scan.rule.regex.match(text, twin.start())
    if match is None or match.end() != twin.end():  # cannot happen for a safe twin; fail loudly if it does
        raise AssertionError(f"rule {scan.rule.name}: lowercase scan disagrees at {twin.start()}")
    return match
